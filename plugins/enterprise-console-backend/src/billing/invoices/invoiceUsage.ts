import { Knex } from 'knex';
import { fromTenThousandthsAmount } from '../../lib/money';
import { UserCountSnapshots } from '../../tenants';
import { BilledSmsMessage } from '../proration';

/** What a tenant used in a month, as the invoice run bills it. */
export interface InvoiceUsage {
  /**
   * Active mobile workers on `day` from the daily snapshot; with none, the
   * current count, recorded as the day's snapshot, `counted` saying so
   * (billing.md).
   */
  activeMobileUsers(
    tenantId: string,
    day: string,
  ): Promise<{ count: number; counted?: 'now' }>;
  /** Valid messages sent in `[from, to)` (UTC dates), with their fee per part. */
  smsMessages(
    tenantId: string,
    from: string,
    to: string,
  ): Promise<BilledSmsMessage[]>;
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
    async activeMobileUsers(tenantId, day) {
      const { snapshots: of, recordedNow } = await snapshots.recordMissing(
        day,
        [tenantId],
      );
      const count = of.get(tenantId)!.activeMobileUsers;
      return recordedNow.has(tenantId) ? { count, counted: 'now' } : { count };
    },
    async smsMessages(tenantId, from, to) {
      const rows: Array<{
        sent_at: unknown;
        parts: number | string;
        gateway_fee_ten_thousandths: number | string | null;
        usage_fee_ten_thousandths: number | string | null;
      }> = await db('sms_messages')
        .where({ tenant_id: tenantId, valid: true })
        .where('sent_at', '>=', utcStart(from))
        .where('sent_at', '<', utcStart(to))
        .select(
          'sent_at',
          'parts',
          'gateway_fee_ten_thousandths',
          'usage_fee_ten_thousandths',
        );
      return rows.map(row => ({
        sentAt: new Date(row.sent_at as Date | number | string).toISOString(),
        parts: Number(row.parts),
        feePerPart: fromTenThousandthsAmount(
          BigInt(row.gateway_fee_ten_thousandths ?? 0) +
            BigInt(row.usage_fee_ten_thousandths ?? 0),
        ),
      }));
    },
  };
}
