// @ts-check

/**
 * The approval state of each email domain an account binds (to sign-up
 * restriction or an SSO provider). A binding claims the users of every
 * account, so it applies only once a platform admin approved it. Domains
 * bound before this migration were in force already and stay approved.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  const isPostgres = knex.client.config.client === 'pg';

  /**
   * An ASCII key compared byte-wise on both dialects.
   *
   * @param {import('knex').Knex.CreateTableBuilder} table
   * @param {string} name
   * @param {number} length
   */
  function byteOrderedString(table, name, length) {
    return isPostgres
      ? table.specificType(name, `varchar(${length}) COLLATE "C"`)
      : table.string(name, length);
  }

  await knex.schema.createTable('domain_bindings', table => {
    table.string('id', 36).primary().notNullable();
    byteOrderedString(table, 'account_id', 63)
      .notNullable()
      .references('id')
      .inTable('accounts')
      .onDelete('CASCADE');
    byteOrderedString(table, 'domain', 255).notNullable();
    // pending | approved | rejected
    table.string('status', 16).notNullable();
    table.text('reason').nullable();
    table.timestamp('requested_at', { useTz: true }).notNullable();
    table.string('requested_by', 255).notNullable();
    table.timestamp('decided_at', { useTz: true }).nullable();
    table.string('decided_by', 255).nullable();
    table.unique(['account_id', 'domain'], {
      indexName: 'domain_bindings_account_domain_uq',
    });
    table.index(['status', 'requested_at'], 'domain_bindings_status_idx');
  });

  const now = new Date();
  const existing = await knex
    .select('account_id', 'domain')
    .from('account_signup_domains')
    .union(qb => qb.select('account_id', 'domain').from('account_sso_domains'));
  const { randomUUID } = require('node:crypto');
  const rows = existing.map(row => ({
    id: randomUUID(),
    account_id: row.account_id,
    domain: row.domain,
    status: 'approved',
    requested_at: now,
    requested_by: 'migration',
    decided_at: now,
    decided_by: 'migration',
  }));
  if (rows.length) {
    await knex.batchInsert('domain_bindings', rows, 100);
  }
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('domain_bindings');
};
