import { InputError } from '@backstage/errors';
import {
  ACCEPTED_YEARS_MESSAGE,
  isWithinAcceptedYears,
  parseIsoTime,
} from './isoTime';

/** A half-open time range `[from, to)`. */
export interface DateRange {
  from: Date;
  to: Date;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** reports.md: the refusal of a range longer than the report allows. */
export const RANGE_TOO_LONG_MESSAGE =
  'Date ranges longer than 90 days are not supported';

/**
 * Resolves the `from`/`to` of a request into an absolute range.
 *
 * - Both default: `to` to `now`, `from` to `to` minus `defaultDays`.
 * - Values are ISO 8601 times with an offset, or dates; a date as `from` is
 *   the start of that UTC day, a date as `to` includes that whole day.
 * - Longer than `maxDays` (default 90): 400 with the message of reports.md.
 */
export function resolveDateRange(
  input: { from?: unknown; to?: unknown },
  options: {
    now: Date;
    defaultDays: number;
    maxDays?: number;
    /** Names of the fields in error messages. */
    fields?: { from: string; to: string };
  },
): DateRange {
  const fields = options.fields ?? { from: 'from', to: 'to' };
  const maxDays = options.maxDays ?? 90;
  const to =
    input.to === undefined || input.to === ''
      ? options.now
      : parseTime(input.to, fields.to, 'end');
  const from =
    input.from === undefined || input.from === ''
      ? new Date(to.getTime() - options.defaultDays * DAY_MS)
      : parseTime(input.from, fields.from, 'start');
  if (from.getTime() > to.getTime()) {
    throw new InputError(`${fields.from} must not be after ${fields.to}`);
  }
  if (to.getTime() - from.getTime() > maxDays * DAY_MS) {
    throw new InputError(
      maxDays === 90
        ? RANGE_TOO_LONG_MESSAGE
        : `Date ranges longer than ${maxDays} days are not supported`,
    );
  }
  return { from, to };
}

/**
 * Parses one bound; a date alone is the start of its day, or the end when it
 * closes a range. Years outside those ingestion accepts are refused: the
 * databases disagree about them (PostgreSQL fails on years before 4713 BC).
 */
export function parseTime(
  value: unknown,
  field: string,
  bound: 'start' | 'end' = 'start',
): Date {
  const { time, isDate } = parseTimeOfAnyYear(value, field);
  if (!isWithinAcceptedYears(time)) {
    throw new InputError(`${field} ${ACCEPTED_YEARS_MESSAGE}`);
  }
  return isDate && bound === 'end' ? new Date(time.getTime() + DAY_MS) : time;
}

/** A date alone as the start of its day, or a time. */
function parseTimeOfAnyYear(
  value: unknown,
  field: string,
): { time: Date; isDate: boolean } {
  if (typeof value !== 'string' || value.length > 40) {
    throw new InputError(`${field} must be an ISO 8601 date or time`);
  }
  if (DATE_ONLY.test(value)) {
    const day = new Date(`${value}T00:00:00.000Z`);
    if (!Number.isNaN(day.getTime()) && day.toISOString().startsWith(value)) {
      return { time: day, isDate: true };
    }
  } else if (DATE_TIME.test(value)) {
    // Not `new Date(value)`: it rolls 30 February over into March and reads
    // 24:00 as the next day; this parser refuses both.
    const time = parseIsoTime(value);
    if (time !== undefined) {
      return { time: new Date(time), isDate: false };
    }
  }
  throw new InputError(`${field} must be an ISO 8601 date or time`);
}
