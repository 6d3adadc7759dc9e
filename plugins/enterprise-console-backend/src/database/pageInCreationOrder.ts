import { InputError } from '@backstage/errors';
import { Page } from '@internal/plugin-enterprise-console-common';
import { Knex } from 'knex';
import { decodeCursor, encodeCursor } from '../lib/cursor';
import { readCount } from './columns';

/**
 * One page of a history list (report runs, schedules): rows in the order
 * they were created, then by id, with an opaque cursor past the last one
 * and the total. `rows` selects the filtered rows and `count` is the same
 * filter without the select; the created time of the cursor is bound as a
 * Date, as every writer stores it.
 */
export async function pageInCreationOrder<Row, Item>(options: {
  rows: Knex.QueryBuilder;
  count: Knex.QueryBuilder;
  columns: { createdAt: string; id: string };
  order: 'asc' | 'desc';
  limit: number;
  cursor?: string;
  toItem: (row: Row) => Item;
  positionOf: (item: Item) => { createdAt: Date | string; id: string };
}): Promise<Page<Item>> {
  const { columns, order, limit } = options;
  const query = options.rows
    .orderBy([
      { column: columns.createdAt, order },
      { column: columns.id, order },
    ])
    .limit(limit + 1);
  if (options.cursor) {
    const position = decodeCursor(options.cursor, ['createdAt', 'id'] as const);
    const createdAt = new Date(position.createdAt);
    if (Number.isNaN(createdAt.getTime())) {
      throw new InputError('Invalid cursor: not a cursor returned by this API');
    }
    const past = order === 'asc' ? '>' : '<';
    query.andWhere(inner =>
      inner
        .where(columns.createdAt, past, createdAt)
        .orWhere(same =>
          same
            .where(columns.createdAt, createdAt)
            .andWhere(columns.id, past, position.id),
        ),
    );
  }
  const [rows, [{ total }]] = await Promise.all([
    query,
    options.count.count({ total: '*' }),
  ]);
  const items = (rows as Row[]).slice(0, limit).map(options.toItem);
  const last =
    items.length > 0 ? options.positionOf(items[items.length - 1]) : undefined;
  return {
    items,
    nextCursor:
      rows.length > limit && last
        ? encodeCursor({
            createdAt: new Date(last.createdAt).toISOString(),
            id: last.id,
          })
        : undefined,
    totalCount: readCount(total),
  };
}
