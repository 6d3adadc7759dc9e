import { InputError } from '@backstage/errors';
import { Knex } from 'knex';
import { decodeCursor, encodeCursor } from '../lib/cursor';
import { isWithinAcceptedYears } from '../lib/isoTime';
import { TimeColumn } from './timeColumn';

/*
 * Keyset pagination: each page is one query that seeks past the last row of
 * the previous page, so a page costs the same at the start and at the end of
 * millions of rows (never OFFSET), and no more than a page is in memory.
 *
 * A `Keyset` is built from ONE list of keys, each naming both the SQL it
 * sorts by and how to read that key's value back from a row; the ORDER BY,
 * the seek condition and the position of a row all come from that list, so
 * they cannot disagree (a mismatch would silently skip or repeat rows).
 */

/** A key's value in a row read back, bound into the seek condition. */
export type KeyValue = Date | number | string;

/** One sort key: the SQL sorted by and its value in a row. */
export interface SortKey<Row> {
  sql: Knex.Ref<string, any> | Knex.Raw;
  of: (row: Row) => KeyValue;
}

/** `t.name` → `name`: the field a selected column comes back as. */
type FieldOf<Column extends string> = Column extends `${string}.${infer Field}`
  ? Field
  : Column;

function fieldOf(column: string): string {
  return column.slice(column.lastIndexOf('.') + 1);
}

/**
 * A selected column as a key, its value read from the row's field of the
 * same name. Text columns must sort by code point on both databases (on
 * PostgreSQL, columns declared COLLATE "C", as the migrations do).
 */
export function columnKey<Column extends string>(
  db: Knex,
  column: Column,
): SortKey<Record<FieldOf<Column>, string | number>> {
  const field = fieldOf(column) as FieldOf<Column>;
  return { sql: db.ref(column), of: row => row[field] };
}

/**
 * A selected timestamp column as a key. Its value is bound as a Date:
 * exact, since every writer stores JavaScript Dates (millisecond
 * precision), so the seek never re-reads or skips a row.
 */
export function timeColumnKey<Column extends string>(
  db: Knex,
  column: Column,
): SortKey<Record<FieldOf<Column>, TimeColumn>> {
  const field = fieldOf(column) as FieldOf<Column>;
  return { sql: db.ref(column), of: row => new Date(row[field]) };
}

/** Where a sort stands: the key values of the last row read. */
export type KeysetPosition = KeyValue[];

/**
 * A total order over rows. The keys together must be unique (end with the
 * primary key) and never NULL; a row-value comparison lets both databases
 * seek in an index on the keys.
 */
export class Keyset<Row> {
  constructor(
    private readonly keys: readonly SortKey<Row>[],
    private readonly order: 'asc' | 'desc' = 'asc',
  ) {}

  /** The key values of `row`, to seek past it. */
  positionOf(row: Row): KeysetPosition {
    return this.keys.map(key => key.of(row));
  }

  /**
   * Orders `query` by the keys and, given `after` (the last row read, or its
   * position), keeps only the rows after it.
   */
  seek<Q extends Knex.QueryBuilder>(
    query: Q,
    after?: { row: Row } | { position: KeysetPosition },
  ): Q {
    const sql = this.keys.map(key => key.sql);
    const list = sql.map(() => '?').join(', ');
    if (after) {
      const position =
        'row' in after ? this.positionOf(after.row) : after.position;
      const comparison = this.order === 'asc' ? '>' : '<';
      query.whereRaw(`(${list}) ${comparison} (${list})`, [
        ...sql,
        ...position,
      ]);
    }
    const direction = this.order === 'asc' ? 'ASC' : 'DESC';
    query.orderByRaw(sql.map(() => `? ${direction}`).join(', '), sql);
    return query;
  }

  /**
   * Every row of `query()` in order, `limit` rows per query, until a page
   * comes back short.
   */
  async *pages(
    query: () => Knex.QueryBuilder,
    limit: number,
  ): AsyncGenerator<Row[]> {
    let after: Row | undefined;
    for (;;) {
      const page: Row[] = await this.seek(
        query().limit(limit),
        after && { row: after },
      );
      if (page.length > 0) {
        yield page;
      }
      if (page.length < limit) {
        return;
      }
      after = page[page.length - 1];
    }
  }
}

/** How a key's value is read back from a cursor. */
export type KeyKind = 'time' | 'number' | 'text';

/** The sort a cursor continues: a cursor of another sort is refused. */
export interface CursorSort {
  sort: string;
  order: 'asc' | 'desc';
}

/** An opaque cursor holding a position and the sort it belongs to. */
export function writeKeysetCursor(
  position: KeysetPosition,
  sort: CursorSort,
): string {
  return encodeCursor({
    sort: sort.sort,
    order: sort.order,
    position: JSON.stringify(
      position.map(value =>
        value instanceof Date ? value.toISOString() : value,
      ),
    ),
  });
}

/**
 * A cursor of this sort and order back to the key values it holds (one per
 * `kinds` entry); anything else is a 400.
 */
export function readKeysetCursor(
  cursor: string,
  sort: CursorSort,
  kinds: readonly KeyKind[],
): KeysetPosition {
  const invalid = new InputError(
    'Invalid cursor: not a cursor returned by this API',
  );
  const decoded = decodeCursor(cursor, ['sort', 'order', 'position']);
  if (decoded.sort !== sort.sort || decoded.order !== sort.order) {
    throw new InputError(
      `Invalid cursor: it continues another sort than ${sort.sort} ${sort.order}`,
    );
  }
  let values: unknown;
  try {
    values = JSON.parse(decoded.position);
  } catch {
    throw invalid;
  }
  if (!Array.isArray(values) || values.length !== kinds.length) {
    throw invalid;
  }
  return kinds.map((kind, index) => {
    const value = values[index];
    if (kind === 'number') {
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
        throw invalid;
      }
      return value;
    }
    // A forged cursor may hold anything: PostgreSQL refuses NUL in text.
    if (
      typeof value !== 'string' ||
      value.length > 200 ||
      value.includes('\u0000')
    ) {
      throw invalid;
    }
    if (kind === 'time') {
      const time = new Date(value);
      // Only years both databases store (a forged one could be any).
      if (Number.isNaN(time.getTime()) || !isWithinAcceptedYears(time)) {
        throw invalid;
      }
      return time;
    }
    return value;
  });
}
