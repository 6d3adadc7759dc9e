import { Knex } from 'knex';

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

// The tenant page's daily counts use the same rule, so it lives in database/.
export { countedForms } from '../../database/countedForms';
