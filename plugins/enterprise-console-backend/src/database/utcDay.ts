import { Knex } from 'knex';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * SQL for the UTC day of a timestamp column as whole days since the epoch,
 * so that rows group by day alike on both databases: PostgreSQL keeps
 * timestamptz, SQLite epoch milliseconds (rounded down before 1970 too).
 */
export function utcDayNumberSql(db: Knex, column: string): Knex.Raw {
  if (db.client.config.client === 'pg') {
    return db.raw('floor(extract(epoch FROM ??) / 86400)::integer', [column]);
  }
  return db.raw('((?? - ((?? % 86400000) + 86400000) % 86400000) / 86400000)', [
    column,
    column,
  ]);
}

/** The YYYY-MM-DD of a day number of utcDayNumberSql. */
export function utcDayOfNumber(dayNumber: number | string): string {
  return new Date(Number(dayNumber) * DAY_MS).toISOString().slice(0, 10);
}

/** The start of a YYYY-MM-DD day (UTC). */
export function startOfUtcDay(day: string): Date {
  return new Date(`${day}T00:00:00.000Z`);
}
