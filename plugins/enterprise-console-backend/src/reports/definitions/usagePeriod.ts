import { InputError } from '@backstage/errors';
import {
  TENANT_USAGE_PERIODS,
  TenantUsagePeriod,
} from '@internal/plugin-enterprise-console-common';
import { DateRange, resolveDateRange } from '../../lib/dateRange';

const DAY_MS = 24 * 60 * 60 * 1000;

/** reports.md: a custom period of a tenant usage report spans at most this. */
export const MAX_USAGE_PERIOD_DAYS = 366;

const PRESET_DAYS: Partial<Record<TenantUsagePeriod, number>> = {
  'last-7-days': 7,
  'last-30-days': 30,
  'last-90-days': 90,
  'last-180-days': 180,
};

function startOfUtcMonth(at: Date, monthsBack: number): Date {
  return new Date(
    Date.UTC(at.getUTCFullYear(), at.getUTCMonth() - monthsBack, 1),
  );
}

/**
 * The half-open range `[from, to)` of a tenant usage period, fixed at
 * `now` (the time of the request): the last N days end at `now`, the
 * current month runs from its first day (UTC) to `now`, the last month is
 * the whole previous calendar month (UTC), and `custom` takes `from` ≤ `to`
 * (a date as `to` includes that day), at most 366 days.
 */
export function resolveUsagePeriod(
  request: { period?: TenantUsagePeriod; from?: string; to?: string },
  now: Date,
): DateRange {
  const { period, from, to } = request;
  if (period === undefined) {
    throw new InputError(
      `Invalid report run: period is required for tenant-usage reports, one of ${TENANT_USAGE_PERIODS.join(
        ', ',
      )}`,
    );
  }
  if (period === 'custom') {
    if (!from || !to) {
      throw new InputError(
        'Invalid report run: period custom needs both from and to',
      );
    }
    return resolveDateRange(
      { from, to },
      { now, defaultDays: 0, maxDays: MAX_USAGE_PERIOD_DAYS },
    );
  }
  if (from !== undefined || to !== undefined) {
    throw new InputError(
      `Invalid report run: from and to are only taken with period custom, not ${period}`,
    );
  }
  const days = PRESET_DAYS[period];
  if (days !== undefined) {
    return { from: new Date(now.getTime() - days * DAY_MS), to: now };
  }
  if (period === 'current-month') {
    return { from: startOfUtcMonth(now, 0), to: now };
  }
  return { from: startOfUtcMonth(now, 1), to: startOfUtcMonth(now, 0) };
}
