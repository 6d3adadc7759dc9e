import { EnterpriseConsoleDataWriter } from '@internal/plugin-enterprise-console-node';

/** Tenants of `accountId` for a seeder, each named by its id, all created 2026-01-15 08:00 UTC. */
export async function upsertTenants(
  writer: Pick<EnterpriseConsoleDataWriter, 'upsertTenant'>,
  accountId: string,
  ids: string[],
): Promise<void> {
  for (const id of ids) {
    await writer.upsertTenant({
      id,
      accountId,
      name: id,
      createdAt: '2026-01-15T08:00:00Z',
    });
  }
}
