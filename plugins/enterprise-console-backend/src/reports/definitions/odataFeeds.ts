import { Knex } from 'knex';
import { columnKey, Keyset } from '../../database/keyset';
import { ReportDefinition } from '../ReportDefinition';
import { countOf } from './cells';
import { perTenant, tenantCells, TenantRow } from './perTenant';
import { runParametersOnly } from './parameters';

/** More feeds than this: the summary row only, with the error (reports.md). */
export const MAX_LISTED_FEEDS = 150;

export const TOO_MANY_FEEDS_MESSAGE =
  'ERROR: Too many feeds. Please contact support';

interface FeedTenantRow extends TenantRow {
  feed_limit: number | string;
  feed_count: number | string;
  /** Text, so a sum past 2^53 stays exact on both databases. */
  total_rows: string;
}

interface FeedRow {
  id: string;
  name: string;
  row_count: number | string;
}

/**
 * reports.md, odata-feeds: per tenant a summary row (feed count, feed
 * limit, empty, total rows), then its feeds by name (then id).
 *
 * "Per tenant a summary row": every tenant of the account gets one, a
 * tenant without feeds too (0 used, its limit available, 0 rows), so the
 * file shows each tenant's allowance. The summaries come with the page of
 * tenants, from one query.
 */
export const odataFeedsReport: ReportDefinition = {
  type: 'odata-feeds',

  async resolveParameters(request) {
    return runParametersOnly(request);
  },

  rows(context) {
    const { db, batchSize } = context;
    const feedsOf = () =>
      db('data_feeds as x').where('x.tenant_id', db.ref('t.id'));
    const extend = (query: Knex.QueryBuilder) =>
      query.select(
        't.feed_limit',
        feedsOf().count('*').as('feed_count'),
        feedsOf()
          .select(db.raw('CAST(COALESCE(SUM(??), 0) AS TEXT)', ['x.row_count']))
          .as('total_rows'),
      );

    const byName = new Keyset<FeedRow>([
      columnKey(db, 'f.name'),
      columnKey(db, 'f.id'),
    ]);

    return perTenant<FeedTenantRow>(
      context,
      async function* feedRows(tenant) {
        const tenantColumns = tenantCells(tenant);
        const feedCount = countOf(tenant.feed_count);
        const tooMany = feedCount > BigInt(MAX_LISTED_FEEDS);
        yield [
          [
            feedCount,
            countOf(tenant.feed_limit),
            null,
            tooMany ? TOO_MANY_FEEDS_MESSAGE : countOf(tenant.total_rows),
            ...tenantColumns,
          ],
        ];
        if (tooMany || feedCount === 0n) {
          return;
        }
        for await (const feeds of byName.pages(
          () =>
            db('data_feeds as f')
              .select('f.id', 'f.name', 'f.row_count')
              .where('f.tenant_id', tenant.id),
          batchSize,
        )) {
          yield feeds.map(feed => [
            null,
            null,
            feed.name,
            countOf(feed.row_count),
            ...tenantColumns,
          ]);
        }
      },
      extend,
    );
  },
};
