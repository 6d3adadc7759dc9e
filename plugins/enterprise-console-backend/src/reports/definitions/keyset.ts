import { Knex } from 'knex';
import { ReportRow } from '../csv/CsvWriter';
import { ReportContext } from '../ReportDefinition';

/*
 * Keyset pagination shared by the console reports. Every report reads its
 * rows tenant by tenant (reports.md: "by Project Space Name" first), and
 * within a tenant in pages: each page is one query that seeks past the last
 * row of the previous page, so a page costs the same at the start and at the
 * end of a tenant with millions of rows, and no more than a page is in memory.
 */

/** An expression a report sorts by: a column reference or raw SQL. */
export type SortKey = Knex.Ref<string, any> | Knex.Raw;

/**
 * Orders `query` by `keys` and, when `after` (the key values of the last row
 * read) is given, keeps only the rows after it. The keys together must be
 * unique (end with the primary key) and never NULL, so the order is total.
 * A row-value comparison lets both databases seek in an index on the keys.
 */
export function seekAfter<Q extends Knex.QueryBuilder>(
  query: Q,
  keys: readonly SortKey[],
  after: readonly Knex.Value[] | undefined,
): Q {
  const list = keys.map(() => '?').join(', ');
  if (after) {
    query.whereRaw(`(${list}) > (${list})`, [...keys, ...after]);
  }
  query.orderByRaw(list, [...keys]);
  return query;
}

/**
 * Pages of rows, each read by one call of `readPage(after, limit)`, until a
 * page comes back short. `after` is the last row of the previous page.
 */
export async function* keysetPages<Row>(
  readPage: (after: Row | undefined, limit: number) => Promise<Row[]>,
  limit: number,
): AsyncGenerator<Row[]> {
  let after: Row | undefined;
  for (;;) {
    const page = await readPage(after, limit);
    if (page.length > 0) {
      yield page;
    }
    if (page.length < limit) {
      return;
    }
    after = page[page.length - 1];
  }
}

/** The columns of `tenants` every report reads. */
export interface TenantRow {
  id: string;
  name: string;
  url: string | null;
}

/** The three columns that end every per-tenant row. */
export function tenantCells(tenant: TenantRow): [string, string, string] {
  return [tenant.id, tenant.name, tenant.url ?? ''];
}

/**
 * The account's tenants in id order (ids sort by code point on both
 * databases: COLLATE "C" on PostgreSQL), a page per query. `extend` may add
 * per-tenant columns (correlated subqueries) to the page's query.
 */
export function tenantPages<Row extends TenantRow>(
  context: ReportContext,
  extend: (query: Knex.QueryBuilder) => void = () => {},
): AsyncGenerator<Row[]> {
  const { db } = context;
  return keysetPages<Row>(async (after, limit) => {
    const query = db('tenants as t')
      .select('t.id', 't.name', 't.url')
      .where('t.account_id', context.account.id)
      .limit(limit);
    extend(query);
    seekAfter(query, [db.ref('t.id')], after && [after.id]);
    return (await query) as Row[];
  }, context.batchSize);
}

/**
 * Every tenant of the account in order, and for each the pages `rowsOf`
 * gives for it. Tenants are read a page at a time too.
 */
export async function* perTenant<Row extends TenantRow>(
  context: ReportContext,
  rowsOf: (tenant: Row) => AsyncIterable<ReportRow[]>,
  extend?: (query: Knex.QueryBuilder) => void,
): AsyncGenerator<ReportRow[]> {
  for await (const tenants of tenantPages<Row>(context, extend)) {
    for (const tenant of tenants) {
      yield* rowsOf(tenant);
    }
  }
}

/**
 * A timestamp bound as a key value: SQLite gives epoch ms, PostgreSQL a
 * Date. Exact, since every writer stores JavaScript Dates (millisecond
 * precision), so the seek never re-reads or skips a row.
 */
export function timeKey(value: Date | number | string): Date {
  return new Date(value);
}

/** A count column: PostgreSQL gives bigint as a string. */
export function countOf(value: number | string | bigint | null): bigint {
  return value === null ? 0n : BigInt(value);
}

/** A username as reports show it: without any `@…` suffix. */
export function withoutDomain(username: string): string {
  const at = username.indexOf('@');
  return at === -1 ? username : username.slice(0, at);
}

/**
 * SQL for `withoutDomain(column)`, so that rows sort by the username as
 * shown, byte-wise on both databases.
 */
export function withoutDomainSql(db: Knex, column: string): Knex.Raw {
  if (db.client.config.client === 'pg') {
    return db.raw(`(split_part(??, '@', 1) COLLATE "C")`, [column]);
  }
  return db.raw(
    `(CASE WHEN instr(??, '@') > 0 THEN substr(??, 1, instr(??, '@') - 1) ELSE ?? END)`,
    [column, column, column, column],
  );
}
