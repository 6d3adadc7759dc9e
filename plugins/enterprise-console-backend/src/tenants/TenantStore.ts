import { Knex } from 'knex';
import { Tenant } from '@internal/plugin-enterprise-console-common';
import { readTimestamp } from '../database/columns';
import { ValidTenant } from './validation';

interface TenantRow {
  id: string;
  account_id: string;
  name: string;
  url: string | null;
  created_at: Date | number | string;
  timezone: string;
  entity_ref: string | null;
  feed_limit: number | string;
  updated_at: Date | number | string;
}

function toTenant(row: TenantRow): Tenant {
  return {
    id: row.id,
    accountId: row.account_id,
    name: row.name,
    url: row.url ?? undefined,
    createdAt: readTimestamp(row.created_at),
    timezone: row.timezone,
    entityRef: row.entity_ref ?? undefined,
    feedLimit: Number(row.feed_limit),
  };
}

/** Tenants ("project spaces"), each in one account. */
export class TenantStore {
  constructor(
    private readonly db: Knex,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Creates or replaces a tenant; the caller has checked that its account
   * exists. Returns whether anything changed.
   */
  async upsert(tenant: ValidTenant): Promise<'created' | 'updated' | 'unchanged'> {
    const values = {
      account_id: tenant.accountId,
      name: tenant.name,
      url: tenant.url ?? null,
      created_at: new Date(tenant.createdAt),
      timezone: tenant.timezone,
      entity_ref: tenant.entityRef ?? null,
      feed_limit: tenant.feedLimit,
    };
    return this.db.transaction(async tx => {
      const existing = await tx<TenantRow>('tenants')
        .where({ id: tenant.id })
        .first();
      const now = this.now();
      if (!existing) {
        await tx('tenants').insert({ id: tenant.id, ...values, updated_at: now });
        return 'created';
      }
      const current = toTenant(existing);
      const same =
        current.accountId === values.account_id &&
        current.name === values.name &&
        (current.url ?? null) === values.url &&
        current.createdAt === values.created_at.toISOString() &&
        current.timezone === values.timezone &&
        (current.entityRef ?? null) === values.entity_ref &&
        current.feedLimit === values.feed_limit;
      if (same) {
        return 'unchanged';
      }
      await tx('tenants')
        .where({ id: tenant.id })
        .update({ ...values, updated_at: now });
      return 'updated';
    });
  }

  async get(id: string): Promise<Tenant | undefined> {
    const row = await this.db<TenantRow>('tenants').where({ id }).first();
    return row ? toTenant(row) : undefined;
  }

}
