import { InputError } from '@backstage/errors';
import { ACCEPTED_YEARS_MESSAGE, isWithinAcceptedYears } from '../lib/isoTime';
import { rejectUnknownQuery } from '../lib/validation';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The tenant page's default range: the last 30 days, today included. */
export const DEFAULT_USAGE_DAYS = 30;
/** The longest range, as for a tenant usage report's custom period. */
export const MAX_USAGE_DAYS = 366;

/** A range of whole UTC days, YYYY-MM-DD, both included. */
export interface UsageDays {
  firstDay: string;
  lastDay: string;
}

const dayOf = (time: number) => new Date(time).toISOString().slice(0, 10);

function parseDay(value: unknown, field: string): number {
  if (
    typeof value !== 'string' ||
    !/^\d{4}-\d{2}-\d{2}$/.test(value) ||
    Number.isNaN(Date.parse(`${value}T00:00:00Z`)) ||
    // Refuses 2026-02-30, which Date rolls over into March.
    dayOf(Date.parse(`${value}T00:00:00Z`)) !== value
  ) {
    throw new InputError(`${field} must be a date YYYY-MM-DD`);
  }
  const time = Date.parse(`${value}T00:00:00Z`);
  if (!isWithinAcceptedYears(time)) {
    throw new InputError(`${field} ${ACCEPTED_YEARS_MESSAGE}`);
  }
  return time;
}

/**
 * The days of `GET /v1/tenants/{id}/usage?from&to`: dates, both included;
 * `to` defaults to today (UTC), `from` to 29 days before `to`; `from` ≤ `to`
 * and at most 366 days. Each refusal is a 400 naming the problem.
 */
export function resolveUsageDays(
  query: Record<string, unknown>,
  now: Date,
): UsageDays {
  rejectUnknownQuery(query, ['from', 'to']);
  const given = (value: unknown) => value !== undefined && value !== '';
  const to = given(query.to)
    ? parseDay(query.to, 'to')
    : Date.parse(`${dayOf(now.getTime())}T00:00:00Z`);
  const from = given(query.from)
    ? parseDay(query.from, 'from')
    : to - (DEFAULT_USAGE_DAYS - 1) * DAY_MS;
  if (from > to) {
    throw new InputError('from must not be after to');
  }
  if ((to - from) / DAY_MS + 1 > MAX_USAGE_DAYS) {
    throw new InputError(
      `Date ranges longer than ${MAX_USAGE_DAYS} days are not supported`,
    );
  }
  return { firstDay: dayOf(from), lastDay: dayOf(to) };
}
