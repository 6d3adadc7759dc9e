import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { migrateKnex } from '../database/migrateDatabase';
import { accountSchema, tenantSchema } from '../tenants';
import { AccountStore } from '../tenants/AccountStore';
import { TenantStore } from '../tenants/TenantStore';

/**
 * A fresh database of `id`, migrated, with the account acme ('Acme') and
 * its tenants `tenantIds`, each named by its id, created 2026-01-01.
 */
export async function acmeDatabase(
  databases: TestDatabases,
  id: TestDatabaseId,
  tenantIds: string[],
): Promise<Knex> {
  const knex = await databases.init(id);
  await migrateKnex(knex);
  await new AccountStore(knex).upsert(
    accountSchema.parse({ id: 'acme', name: 'Acme' }),
  );
  const tenants = new TenantStore(knex);
  for (const tenantId of tenantIds) {
    await tenants.upsert(
      tenantSchema.parse({
        id: tenantId,
        accountId: 'acme',
        name: tenantId,
        createdAt: '2026-01-01T00:00:00Z',
      }),
    );
  }
  return knex;
}
