import {
  addDays,
  daysCovered,
  isDate,
  lastDays,
  todayUtc,
} from '../../lib/dates';
import { DateRangeValue } from '../DateRangeFields';

/** The range choices of the tenant page; `custom` takes two dates. */
export const USAGE_PRESETS = [
  { id: '7d', label: 'Last 7 days' },
  { id: '30d', label: 'Last 30 days' },
  { id: '90d', label: 'Last 90 days' },
  { id: '12m', label: 'Last 12 months' },
  { id: 'custom', label: 'Custom' },
] as const;

export type UsagePreset = (typeof USAGE_PRESETS)[number]['id'];

/** The server's limit, as for a tenant usage report's custom period. */
export const MAX_USAGE_DAYS = 366;

/** The range in the URL: a preset, or `custom` with its dates. */
export interface UsageRange {
  preset: UsagePreset;
  from: string;
  to: string;
}

/** The twelve months up to and including today: one year back, plus a day. */
function lastTwelveMonths(now?: Date): DateRangeValue {
  const to = todayUtc(now);
  const [year, month, day] = to.split('-').map(Number);
  const yearAgo = new Date(Date.UTC(year - 1, month - 1, day))
    .toISOString()
    .slice(0, 10);
  return { from: addDays(yearAgo, 1), to };
}

/** The days of a preset, ending today (UTC). */
export function presetDays(preset: Exclude<UsagePreset, 'custom'>, now?: Date) {
  switch (preset) {
    case '7d':
      return lastDays(7, now);
    case '90d':
      return lastDays(90, now);
    case '12m':
      return lastTwelveMonths(now);
    default:
      return lastDays(30, now);
  }
}

/**
 * The range a URL's query names: `range=7d|30d|90d|12m`, or `range=custom`
 * with `from` and `to`; anything else is the last 30 days.
 */
export function readUsageRange(
  params: URLSearchParams,
  now?: Date,
): UsageRange {
  const preset = params.get('range');
  if (preset === 'custom') {
    const from = params.get('from') ?? '';
    const to = params.get('to') ?? '';
    if (isDate(from) && isDate(to)) {
      return { preset, from, to };
    }
  }
  if (preset === '7d' || preset === '90d' || preset === '12m') {
    return { preset, ...presetDays(preset, now) };
  }
  return { preset: '30d', ...presetDays('30d', now) };
}

/** The query of a range, as readUsageRange reads it. */
export function usageRangeQuery(range: UsageRange): Record<string, string> {
  return range.preset === 'custom'
    ? { range: 'custom', from: range.from, to: range.to }
    : { range: range.preset };
}

/** A hint about a custom range the server will refuse; the server still decides. */
export function usageRangeProblem(range: DateRangeValue): string | undefined {
  if (!isDate(range.from) || !isDate(range.to)) {
    return 'Choose both dates.';
  }
  if (range.from > range.to) {
    return 'The start date is after the end date.';
  }
  if (daysCovered(range.from, range.to) > MAX_USAGE_DAYS) {
    return `The server accepts ranges of at most ${MAX_USAGE_DAYS} days.`;
  }
  return undefined;
}
