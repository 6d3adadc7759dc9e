import { Knex } from 'knex';
import { columnKey, Keyset } from '../../database/keyset';
import { ReportRow } from '../csv/CsvWriter';
import { ReportContext } from '../ReportDefinition';

/*
 * Every console report but sms-detail reads its rows tenant by tenant
 * (reports.md: "by Project Space Name" first), and within a tenant in
 * keyset pages (../../database/keyset).
 */

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
  return new Keyset<Row>([columnKey(db, 't.id')]).pages(() => {
    const query = db('tenants as t')
      .select('t.id', 't.name', 't.url')
      .where('t.account_id', context.account.id);
    extend(query);
    return query;
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
