import { Knex } from 'knex';
import { fromTenThousandthsAmount } from '../../lib/money';
import { UserCountSnapshots } from '../../tenants';
import { BilledSmsMessage } from '../proration';

/** What tenants used in a month, as the invoice run bills it, read for many tenants at once. */
export interface InvoiceUsage {
  /**
   * Each tenant's active mobile workers on `day` from the daily snapshot;
   * with none, the current count, recorded as the day's snapshot,
   * `counted` saying so (billing.md).
   */
  activeMobileUsers(
    tenantIds: readonly string[],
    day: string,
  ): Promise<Map<string, { count: number; counted?: 'now' }>>;
  /**
   * Each tenant's valid messages sent in `[from, to)` (UTC dates), with
   * their fee per part, in order of sending; a tenant without any has none
   * in the map.
   */
  smsMessages(
    tenantIds: readonly string[],
    from: string,
    to: string,
  ): Promise<Map<string, BilledSmsMessage[]>>;
}

const utcStart = (date: string) => new Date(`${date}T00:00:00.000Z`);

/**
 * The tenant data the run reads: the messages (the reports' table, read
 * only, as the entitlements' built-in usage reads it) and the snapshots,
 * through the tenants area that owns them and records a missing one.
 */
export function databaseInvoiceUsage(
  db: Knex,
  snapshots: UserCountSnapshots,
): InvoiceUsage {
  return {
    async activeMobileUsers(tenantIds, day) {
      const { snapshots: of, recordedNow } = await snapshots.recordMissing(
        day,
        tenantIds,
      );
      return new Map(
        [...of].map(([tenantId, snapshot]) => [
          tenantId,
          recordedNow.has(tenantId)
            ? { count: snapshot.activeMobileUsers, counted: 'now' as const }
            : { count: snapshot.activeMobileUsers },
        ]),
      );
    },
    async smsMessages(tenantIds, from, to) {
      const rows: Array<{
        tenant_id: string;
        sent_at: unknown;
        parts: number | string;
        gateway_fee_ten_thousandths: number | string | null;
        usage_fee_ten_thousandths: number | string | null;
      }> =
        tenantIds.length === 0
          ? []
          : await db('sms_messages')
              .whereIn('tenant_id', [...new Set(tenantIds)])
              .where({ valid: true })
              .where('sent_at', '>=', utcStart(from))
              .where('sent_at', '<', utcStart(to))
              .orderBy(['tenant_id', 'sent_at', 'id'])
              .select(
                'tenant_id',
                'sent_at',
                'parts',
                'gateway_fee_ten_thousandths',
                'usage_fee_ten_thousandths',
              );
      const byTenant = new Map<string, BilledSmsMessage[]>();
      for (const row of rows) {
        const list = byTenant.get(row.tenant_id) ?? [];
        list.push({
          sentAt: new Date(row.sent_at as Date | number | string).toISOString(),
          parts: Number(row.parts),
          feePerPart: fromTenThousandthsAmount(
            BigInt(row.gateway_fee_ten_thousandths ?? 0) +
              BigInt(row.usage_fee_ten_thousandths ?? 0),
          ),
        });
        byTenant.set(row.tenant_id, list);
      }
      return byTenant;
    },
  };
}
