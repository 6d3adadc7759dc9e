/*
 * The one parser of client date-times: ingestion, report ranges and list
 * filters all bound dates to the years both databases handle alike.
 */

const ISO_TIME_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:(Z)|([+-])(\d{2}):?(\d{2}))$/;

// Both drivers and both databases handle these years the same way.
export const EARLIEST_YEAR = 1900;
export const LATEST_YEAR = 2999;

/**
 * Milliseconds since the epoch of an ISO 8601 date-time with an offset, or
 * undefined for anything else, including impossible dates (30 February).
 * Hand-written because ingestion validates millions of times, and a
 * general-purpose parser costs more than the rest of a record's validation.
 */
export function parseIsoTime(value: string): number | undefined {
  const match = ISO_TIME_PATTERN.exec(value);
  if (!match) {
    return undefined;
  }
  const [, y, mo, d, h, mi, s, fraction, zulu, sign, oh, om] = match;
  const year = Number(y);
  const month = Number(mo) - 1;
  const day = Number(d);
  const calendar = new Date(Date.UTC(2000, month, day));
  calendar.setUTCFullYear(year);
  if (
    calendar.getUTCMonth() !== month ||
    calendar.getUTCDate() !== day ||
    Number(h) > 23 ||
    Number(mi) > 59 ||
    Number(s ?? 0) > 59 ||
    (!zulu && (Number(oh) > 23 || Number(om) > 59))
  ) {
    return undefined;
  }
  const offsetMinutes = zulu
    ? 0
    : (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om));
  return (
    calendar.getTime() +
    Number(h) * 3_600_000 +
    Number(mi) * 60_000 +
    Number(s ?? 0) * 1000 +
    Number((fraction ?? '').padEnd(3, '0').slice(0, 3)) -
    offsetMinutes * 60_000
  );
}

/** Whether a time falls in the years every date the API accepts must. */
export function isWithinAcceptedYears(time: Date | number): boolean {
  const year = new Date(time).getUTCFullYear();
  return year >= EARLIEST_YEAR && year <= LATEST_YEAR;
}

/** The refusal of a date outside the accepted years, after its field name. */
export const ACCEPTED_YEARS_MESSAGE = `must be between the years ${EARLIEST_YEAR} and ${LATEST_YEAR}`;
