// @ts-check

/**
 * The tenants list sorts by name, date created or account, each with the id
 * as tie-breaker, alone or within one account: an index per sort lets the
 * first page of a filtered, sorted list read only that page.
 *
 * On PostgreSQL the name sorts by byte order, as ids do and as SQLite
 * does, so keyset pages are the same on both databases whatever the
 * server's locale.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  if (knex.client.config.client === 'pg') {
    await knex.raw(
      `ALTER TABLE tenants ALTER COLUMN name TYPE varchar(200) COLLATE "C"`,
    );
  }
  await knex.schema.alterTable('tenants', table => {
    table.index(['name', 'id'], 'tenants_name_idx');
    table.index(['created_at', 'id'], 'tenants_created_at_idx');
    table.index(['account_id', 'name', 'id'], 'tenants_account_name_idx');
    table.index(
      ['account_id', 'created_at', 'id'],
      'tenants_account_created_at_idx',
    );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('tenants', table => {
    table.dropIndex(['name', 'id'], 'tenants_name_idx');
    table.dropIndex(['created_at', 'id'], 'tenants_created_at_idx');
    table.dropIndex(['account_id', 'name', 'id'], 'tenants_account_name_idx');
    table.dropIndex(
      ['account_id', 'created_at', 'id'],
      'tenants_account_created_at_idx',
    );
  });
  if (knex.client.config.client === 'pg') {
    await knex.raw(`ALTER TABLE tenants ALTER COLUMN name TYPE varchar(200)`);
  }
};
