/*
 * Dates of the console's range pickers. Reports are in UTC (reports.md), so
 * the pickers hold UTC calendar days as `YYYY-MM-DD`, which the backend takes
 * as the start of `from`'s day up to the end of `to`'s day.
 */

const DAY_MS = 24 * 60 * 60 * 1000;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** Today's UTC date, `YYYY-MM-DD`. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** The UTC date `days` after (or before, when negative) `date`. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS)
    .toISOString()
    .slice(0, 10);
}

/** Whether a value is a complete calendar date, as date inputs give them. */
export function isDate(value: string): boolean {
  return DATE_ONLY.test(value) && !Number.isNaN(Date.parse(value));
}

/** The days a `from`–`to` range covers, both days included. */
export function daysCovered(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS) + 1;
}

/** The last `days` days up to and including today. */
export function lastDays(
  days: number,
  now?: Date,
): { from: string; to: string } {
  const to = todayUtc(now);
  return { from: addDays(to, 1 - days), to };
}

/** An ISO time as `YYYY-MM-DD HH:mm:ss` in UTC, the reports' format. */
export function formatUtc(iso: string | undefined): string {
  if (!iso) return '';
  const time = new Date(iso);
  if (Number.isNaN(time.getTime())) return iso;
  return time.toISOString().slice(0, 19).replace('T', ' ');
}

/** The UTC month before `now`'s, `YYYY-MM`: the latest an invoice run takes. */
export function lastMonthUtc(now: Date = new Date()): string {
  const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  first.setUTCMonth(first.getUTCMonth() - 1);
  return first.toISOString().slice(0, 7);
}
