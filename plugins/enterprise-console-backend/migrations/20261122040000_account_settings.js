// @ts-check

/**
 * Enterprise settings, one row per account, plus the email domains of those
 * settings in their own tables so that the sign-up check (called at every
 * sign-in) is an indexed lookup rather than a scan of every account's JSON.
 *
 * JSON values are kept as text so that both dialects read back a string.
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

  /**
   * @param {import('knex').Knex.CreateTableBuilder} table
   */
  function accountKey(table) {
    return byteOrderedString(table, 'account_id', 63)
      .notNullable()
      .references('id')
      .inTable('accounts')
      .onDelete('CASCADE');
  }

  await knex.schema.createTable('account_settings', table => {
    accountKey(table).primary();
    table.boolean('restrict_tenant_creation').notNullable().defaultTo(false);
    table.boolean('restrict_signups').notNullable().defaultTo(false);
    table.text('restrict_signup_domains').notNullable().defaultTo('[]');
    table.text('restrict_signup_message').notNullable().defaultTo('');
    table.text('export_defaults').notNullable().defaultTo('{}');
    table.text('sso').notNullable().defaultTo('{"providers":[]}');
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.string('updated_by', 255).notNullable();
  });

  // Several accounts may list the same domain for sign-up restriction.
  await knex.schema.createTable('account_signup_domains', table => {
    byteOrderedString(table, 'domain', 255).notNullable();
    accountKey(table);
    table.primary(['domain', 'account_id']);
    table.index(['account_id'], 'account_signup_domains_account_idx');
  });

  // A domain signs in through one provider only: the key makes a second
  // account binding it a conflict, whatever the timing of the two writes.
  await knex.schema.createTable('account_sso_domains', table => {
    byteOrderedString(table, 'domain', 255).primary().notNullable();
    accountKey(table);
    table.string('provider_id', 100).notNullable();
    table.index(['account_id'], 'account_sso_domains_account_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('account_sso_domains');
  await knex.schema.dropTable('account_signup_domains');
  await knex.schema.dropTable('account_settings');
};
