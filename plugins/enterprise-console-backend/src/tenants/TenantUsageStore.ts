import {
  TenantUsageDay,
  UsageMeter,
} from '@internal/plugin-enterprise-console-common';
import { Knex } from 'knex';
import { readCount } from '../database/columns';
import { countedForms } from '../database/countedForms';
import {
  startOfUtcDay,
  utcDayNumberSql,
  utcDayOfNumber,
} from '../database/utcDay';
import { fromTenThousandths } from '../lib/money';

type Count = number | string | null;

/**
 * A reader of one tenant's usage per UTC day (the tenant page's charts),
 * each series one grouped query over an indexed range, zero-filled here.
 * Counting follows the tenant-usage report: users from the daily snapshot
 * recorded for that day (none: null), forms as the report counts them, SMS
 * of both directions, each meter the exact sum of its events.
 */
export class TenantUsageStore {
  constructor(
    private readonly db: Knex,
    readonly meters: readonly UsageMeter[],
  ) {}

  /** Every day from `firstDay` to `lastDay` (YYYY-MM-DD, both included). */
  async daily(
    tenantId: string,
    firstDay: string,
    lastDay: string,
  ): Promise<TenantUsageDay[]> {
    const { db } = this;
    const from = startOfUtcDay(firstDay);
    const to = new Date(startOfUtcDay(lastDay).getTime() + 86_400_000);
    const byDay = (query: Knex.QueryBuilder, column: string) =>
      query
        .select(utcDayNumberSql(db, column).wrap('(', ') as day_number'))
        .where(column, '>=', from)
        .where(column, '<', to)
        .groupBy('day_number');

    const [snapshots, forms, sms, usage] = await Promise.all([
      db('user_count_snapshots')
        .select('day', 'active_mobile_users', 'active_web_users')
        .where({ tenant_id: tenantId })
        .whereBetween('day', [firstDay, lastDay]),
      byDay(
        countedForms(db).where('f.tenant_id', tenantId),
        'f.submitted_at',
      ).count({ count: '*' }),
      byDay(db('sms_messages as s').where('s.tenant_id', tenantId), 's.sent_at')
        .count({ count: '*' })
        .sum({ parts: 's.parts' }),
      this.meters.length === 0
        ? []
        : byDay(
            db('usage_events as e')
              .where('e.tenant_id', tenantId)
              .whereIn(
                'e.meter',
                this.meters.map(meter => meter.key),
              ),
            'e.occurred_at',
          )
            .select('e.meter')
            .sum({ quantity: 'e.quantity_ten_thousandths' })
            .groupBy('e.meter'),
    ]);

    const days = new Map<string, TenantUsageDay>();
    for (let at = from.getTime(); at < to.getTime(); at += 86_400_000) {
      const day = new Date(at).toISOString().slice(0, 10);
      days.set(day, {
        day,
        mobileUsers: null,
        webUsers: null,
        submissions: 0,
        smsMessages: 0,
        smsParts: 0,
        meters: Object.fromEntries(this.meters.map(({ key }) => [key, '0'])),
      });
    }
    const dayOf = (row: { day_number: number | string }) =>
      days.get(utcDayOfNumber(row.day_number))!;
    for (const row of snapshots) {
      const entry = days.get(row.day)!;
      entry.mobileUsers = readCount(row.active_mobile_users);
      entry.webUsers = readCount(row.active_web_users);
    }
    for (const row of forms as Array<{ day_number: number; count: Count }>) {
      dayOf(row).submissions = readCount(row.count);
    }
    for (const row of sms as Array<{
      day_number: number;
      count: Count;
      parts: Count;
    }>) {
      dayOf(row).smsMessages = readCount(row.count);
      dayOf(row).smsParts = readCount(row.parts);
    }
    for (const row of usage as Array<{
      day_number: number;
      meter: string;
      quantity: Count;
    }>) {
      // Exact: ten-thousandths as a bigint, never a float.
      dayOf(row).meters[row.meter] = fromTenThousandths(
        BigInt(row.quantity ?? 0),
        'trimmed',
      );
    }
    return [...days.values()];
  }
}
