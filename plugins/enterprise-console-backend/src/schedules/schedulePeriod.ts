import { SchedulePeriod } from '@internal/plugin-enterprise-console-common';
import { DateTime } from 'luxon';

/** The period a run reports on, `[from, to)`. */
export interface ReportPeriod {
  from: Date;
  to: Date;
}

const LAST_DAYS: Partial<Record<SchedulePeriod, number>> = {
  'last-7-days': 7,
  'last-30-days': 30,
  'last-90-days': 90,
  'last-180-days': 180,
};

/**
 * The period an occurrence reports on, in the schedule's zone: whole local
 * days ending at the start of the occurrence's day (`previous-day`,
 * `last-N-days`), the month so far (`current-month`, up to the
 * occurrence), the month before (`last-month`), or the fixed dates of a
 * `custom` period, both included.
 */
export function periodOf(
  schedule: {
    period: SchedulePeriod;
    timezone: string;
    from?: string;
    to?: string;
  },
  occurrence: Date,
): ReportPeriod {
  const zone = schedule.timezone;
  const local = DateTime.fromJSDate(occurrence, { zone });
  const today = local.startOf('day');
  const range = (from: DateTime, to: DateTime) => ({
    from: from.toJSDate(),
    to: to.toJSDate(),
  });
  const days = LAST_DAYS[schedule.period];
  if (days !== undefined) {
    return range(today.minus({ days }), today);
  }
  switch (schedule.period) {
    case 'previous-day':
      return range(today.minus({ days: 1 }), today);
    case 'current-month':
      return range(local.startOf('month'), local);
    case 'last-month':
      return range(
        local.startOf('month').minus({ months: 1 }),
        local.startOf('month'),
      );
    default: {
      const from = DateTime.fromISO(schedule.from!, { zone });
      const to = DateTime.fromISO(schedule.to!, { zone }).plus({ days: 1 });
      return range(from, to);
    }
  }
}

/**
 * The period as a person reads it in the schedule's zone:
 * `2026-11-01 to 2026-11-30 (Europe/Berlin)`, the last day included when
 * the period ends at midnight, else with the times.
 */
export function describePeriod(period: ReportPeriod, timezone: string): string {
  const from = DateTime.fromJSDate(period.from, { zone: timezone });
  const to = DateTime.fromJSDate(period.to, { zone: timezone });
  const midnight = (t: DateTime) => t.equals(t.startOf('day'));
  if (midnight(from) && midnight(to)) {
    const last = to.minus({ days: 1 });
    return `${from.toISODate()} to ${last.toISODate()} (${timezone})`;
  }
  const format = 'yyyy-MM-dd HH:mm';
  return `${from.toFormat(format)} to ${to.toFormat(format)} (${timezone})`;
}
