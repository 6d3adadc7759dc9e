// @ts-check

/**
 * Tenant data pushed through the ingestion API, and daily user-count
 * snapshots. Every table is keyed by (tenant_id, id) so that upserts by
 * (type, tenantId, id) are one indexed lookup, and cascades with its tenant.
 *
 * Portability: times are timestamp columns written as Date objects; fees and
 * quantities are integers in ten-thousandths (SQLite has no exact decimal
 * type); flags are booleans. On PostgreSQL, ids and the text columns reports
 * sort by use COLLATE "C" so that order is by code point, as on SQLite.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  const isPostgres = knex.client.config.client === 'pg';

  /**
   * A text column that is compared and sorted byte-wise on both dialects.
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
   * The tenant key shared by every table.
   *
   * @param {import('knex').Knex.CreateTableBuilder} table
   */
  function tenantKey(table) {
    byteOrderedString(table, 'tenant_id', 63)
      .notNullable()
      .references('id')
      .inTable('tenants')
      .onDelete('CASCADE');
    byteOrderedString(table, 'id', 128).notNullable();
    table.primary(['tenant_id', 'id']);
  }

  /**
   * @param {import('knex').Knex.CreateTableBuilder} table
   * @param {string} name
   */
  function time(table, name) {
    return table.timestamp(name, { useTz: true });
  }

  await knex.schema.createTable('applications', table => {
    tenantKey(table);
    table.string('name', 200).notNullable();
  });

  await knex.schema.createTable('users', table => {
    tenantKey(table);
    table.string('kind', 10).notNullable();
    byteOrderedString(table, 'username', 255).notNullable();
    table.string('name', 200).nullable();
    byteOrderedString(table, 'email', 254).nullable();
    table.string('role', 100).nullable();
    table.string('status', 10).notNullable();
    time(table, 'created_at').notNullable();
    time(table, 'last_login_at').nullable();
    time(table, 'last_access_at').nullable();
    time(table, 'last_sync_at').nullable();
    time(table, 'last_submission_at').nullable();
    table.string('app_version', 50).nullable();
    // Tiles and snapshots count active users of a kind per tenant.
    table.index(['tenant_id', 'kind', 'status'], 'users_kind_status_idx');
    // mobile-workers sorts by username, web-users by email.
    table.index(['tenant_id', 'kind', 'username'], 'users_username_idx');
    table.index(['tenant_id', 'kind', 'email'], 'users_email_idx');
  });

  await knex.schema.createTable('invitations', table => {
    tenantKey(table);
    byteOrderedString(table, 'email', 254).notNullable();
    table.string('role', 100).nullable();
    time(table, 'invited_at').notNullable();
    table.index(['tenant_id', 'email'], 'invitations_email_idx');
  });

  await knex.schema.createTable('form_submissions', table => {
    tenantKey(table);
    // No foreign keys to users or applications: forms may arrive before
    // them, and reports must show forms of unknown apps.
    byteOrderedString(table, 'user_id', 128).notNullable();
    table.string('form_name', 255).nullable();
    byteOrderedString(table, 'app_id', 128).nullable();
    table.string('username', 255).nullable();
    time(table, 'submitted_at').notNullable();
    table.boolean('system').notNullable().defaultTo(false);
    // The report and the tile read a tenant's forms in a time range, in
    // (submitted_at, id) order.
    table.index(['tenant_id', 'submitted_at', 'id'], 'forms_submitted_idx');
  });

  await knex.schema.createTable('sms_messages', table => {
    tenantKey(table);
    table.string('direction', 10).notNullable();
    table.integer('parts').notNullable();
    time(table, 'sent_at').notNullable();
    time(table, 'created_at').nullable();
    table.string('gateway', 100).nullable();
    // Per part, in ten-thousandths of the currency unit.
    table.bigInteger('gateway_fee_ten_thousandths').nullable();
    table.bigInteger('usage_fee_ten_thousandths').nullable();
    table.boolean('valid').notNullable().defaultTo(true);
    table.boolean('error').notNullable().defaultTo(false);
    table.index(['tenant_id', 'sent_at', 'id'], 'sms_sent_idx');
    // sms-detail over all tenants sorts by date of message, then id.
    table.index(['sent_at', 'id'], 'sms_sent_all_idx');
  });

  await knex.schema.createTable('data_feeds', table => {
    tenantKey(table);
    byteOrderedString(table, 'name', 200).notNullable();
    table.bigInteger('row_count').notNullable();
    table.index(['tenant_id', 'name'], 'data_feeds_name_idx');
  });

  await knex.schema.createTable('usage_events', table => {
    tenantKey(table);
    byteOrderedString(table, 'meter', 63).notNullable();
    table.bigInteger('quantity_ten_thousandths').notNullable();
    time(table, 'occurred_at').notNullable();
    table.index(['tenant_id', 'meter', 'occurred_at'], 'usage_meter_idx');
  });

  await knex.schema.createTable('user_count_snapshots', table => {
    byteOrderedString(table, 'tenant_id', 63)
      .notNullable()
      .references('id')
      .inTable('tenants')
      .onDelete('CASCADE');
    // The UTC day as YYYY-MM-DD: a string sorts and compares the same on
    // both dialects, unlike their date types.
    table.string('day', 10).notNullable();
    table.integer('active_mobile_users').notNullable();
    table.integer('active_web_users').notNullable();
    time(table, 'recorded_at').notNullable();
    table.primary(['tenant_id', 'day']);
    table.index(['day'], 'user_count_snapshots_day_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  for (const table of [
    'user_count_snapshots',
    'usage_events',
    'data_feeds',
    'sms_messages',
    'form_submissions',
    'invitations',
    'users',
    'applications',
  ]) {
    await knex.schema.dropTable(table);
  }
};
