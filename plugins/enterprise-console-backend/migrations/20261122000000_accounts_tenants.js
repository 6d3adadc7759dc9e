// @ts-check

/**
 * Accounts and tenants: the two levels every report, permission and invoice hangs from.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('accounts', table => {
    table.string('id', 63).primary().notNullable();
    table.string('name', 200).notNullable();
    table.boolean('enterprise').notNullable().defaultTo(false);
    // JSON arrays kept as text so that both dialects read back the same string.
    table.text('admin_refs').notNullable().defaultTo('[]');
    table.text('admin_emails').notNullable().defaultTo('[]');
    table.string('invoicing', 20).notNullable().defaultTo('per-tenant');
    table.string('currency', 3).notNullable().defaultTo('USD');
    table.boolean('autopay').notNullable().defaultTo(false);
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
  });

  await knex.schema.createTable('tenants', table => {
    table.string('id', 63).primary().notNullable();
    table
      .string('account_id', 63)
      .notNullable()
      .references('id')
      .inTable('accounts')
      .onDelete('CASCADE');
    table.string('name', 200).notNullable();
    table.string('url', 2000).nullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.string('timezone', 64).notNullable().defaultTo('UTC');
    table.string('entity_ref', 255).nullable();
    table.integer('feed_limit').notNullable().defaultTo(25);
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.index(['account_id', 'id'], 'tenants_account_id_idx');
  });

  if (knex.client.config.client === 'pg') {
    // Ids are ASCII slugs; byte order keeps sorting and keyset paging
    // identical to SQLite, whatever the server's locale.
    for (const [tableName, columns] of [
      ['accounts', ['id']],
      ['tenants', ['id', 'account_id']],
    ]) {
      for (const column of columns) {
        await knex.raw(
          `ALTER TABLE ?? ALTER COLUMN ?? TYPE varchar(63) COLLATE "C"`,
          [tableName, column],
        );
      }
    }
  }
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('tenants');
  await knex.schema.dropTable('accounts');
};
