import {
  SCHEDULE_DAYS_OF_WEEK,
  ScheduleDayOfWeek,
} from '@internal/plugin-enterprise-console-common';
import { DateTime, IANAZone } from 'luxon';

/** When a schedule runs (reports.md, "Scheduled usage reports"). */
export type Recurrence = {
  /** `HH:mm`, local to `timezone`. */
  time: string;
  /** An IANA time zone. */
  timezone: string;
} & (
  | { recurrence: 'daily' }
  | { recurrence: 'weekly'; dayOfWeek: ScheduleDayOfWeek }
  | { recurrence: 'monthly'; dayOfMonth: number }
);

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

/** A calendar date, as luxon has it in UTC: only its fields matter. */
type LocalDate = DateTime;

function wallClockMs(date: LocalDate, time: string): number {
  const [hour, minute] = time.split(':').map(Number);
  return Date.UTC(date.year, date.month - 1, date.day, hour, minute);
}

/**
 * The instant a local date and time stands for in a zone. A local time
 * that exists once is that instant; one that exists twice (the clocks fall
 * back) is its first occurrence; one that does not exist (the clocks
 * spring forward) is the first instant after the gap, when the new offset
 * starts.
 */
export function instantOfLocalTime(
  date: LocalDate,
  time: string,
  timezone: string,
): Date {
  const zone = IANAZone.create(timezone);
  const wall = wallClockMs(date, time);
  const offsetMs = (at: number) => zone.offset(at) * MINUTE_MS;
  // Every offset in force within a day of the wall time: transitions are
  // months apart, so these are the offsets before and after one, at most.
  const offsets = [
    ...new Set([-DAY_MS, 0, DAY_MS].map(d => offsetMs(wall + d))),
  ];
  const matches = offsets
    .map(offset => wall - offset)
    .filter(instant => instant + offsetMs(instant) === wall)
    .sort((a, b) => a - b);
  if (matches.length > 0) {
    return new Date(matches[0]);
  }
  // A gap: read with the later (larger) offset the wall time is an instant
  // before the transition, with the earlier one an instant after it. The
  // transition is the first instant with the later offset, found by
  // halving on whole minutes (zones change offset on whole minutes).
  const after = offsetMs(wall - Math.min(...offsets));
  let low = wall - Math.max(...offsets);
  let high = wall - Math.min(...offsets);
  while (high - low > MINUTE_MS) {
    const middle = low + Math.floor((high - low) / 2 / MINUTE_MS) * MINUTE_MS;
    if (offsetMs(middle) === after) {
      high = middle;
    } else {
      low = middle;
    }
  }
  return new Date(high);
}

/** The local calendar date of an instant in a zone. */
function localDateOf(instant: Date, timezone: string): LocalDate {
  const local = DateTime.fromJSDate(instant, { zone: timezone });
  return DateTime.utc(local.year, local.month, local.day);
}

/**
 * The dates on which the schedule runs, in order, from a little before the
 * local date of `around`: enough to find the occurrences on either side.
 */
function* candidateDates(
  recurrence: Recurrence,
  around: Date,
  direction: 1 | -1,
): Generator<LocalDate> {
  const start = localDateOf(around, recurrence.timezone);
  if (recurrence.recurrence === 'monthly') {
    const month = start.startOf('month');
    for (let i = -1; i <= 14; i++) {
      yield month
        .plus({ months: direction * i })
        .set({ day: recurrence.dayOfMonth });
    }
    return;
  }
  const weekday =
    recurrence.recurrence === 'weekly'
      ? // Monday first, as ISO weekdays are.
        SCHEDULE_DAYS_OF_WEEK.indexOf(recurrence.dayOfWeek) + 1
      : undefined;
  for (let i = -2; i <= 16; i++) {
    const date = start.plus({ days: direction * i });
    if (weekday === undefined || date.weekday === weekday) {
      yield date;
    }
  }
}

/** The first occurrence strictly after `after`. */
export function nextOccurrence(recurrence: Recurrence, after: Date): Date {
  for (const date of candidateDates(recurrence, after, 1)) {
    const instant = instantOfLocalTime(
      date,
      recurrence.time,
      recurrence.timezone,
    );
    if (instant.getTime() > after.getTime()) {
      return instant;
    }
  }
  throw new Error('No occurrence found within a year'); // unreachable
}

/** The last occurrence at or before `atOrBefore`. */
export function latestOccurrence(
  recurrence: Recurrence,
  atOrBefore: Date,
): Date {
  for (const date of candidateDates(recurrence, atOrBefore, -1)) {
    const instant = instantOfLocalTime(
      date,
      recurrence.time,
      recurrence.timezone,
    );
    if (instant.getTime() <= atOrBefore.getTime()) {
      return instant;
    }
  }
  throw new Error('No occurrence found within a year'); // unreachable
}

/** Whether luxon (and so the recurrence) knows the zone. */
export function isKnownTimeZone(timezone: string): boolean {
  return IANAZone.isValidZone(timezone);
}
