import { Knex } from 'knex';

/**
 * The query with `FOR UPDATE` on PostgreSQL, so the rows it reads stay
 * locked until the transaction ends; SQLite has no row locks (it
 * serializes writers), so there the query is left as it is.
 */
export function lockOnPg<Q extends Knex.QueryBuilder>(
  db: Knex | Knex.Transaction,
  query: Q,
): Q {
  if (db.client.config.client === 'pg') {
    query.forUpdate();
  }
  return query;
}
