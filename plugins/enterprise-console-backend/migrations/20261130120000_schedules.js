// @ts-check

/**
 * Scheduled reports: `schedules`, one row per schedule, and
 * `schedule_occurrences`, one row per occurrence a replica claimed. The
 * unique (schedule_id, occurrence_at) makes each claim happen once, however
 * many replicas look for due occurrences at the same time.
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

  await knex.schema.createTable('schedules', table => {
    table.string('id', 36).primary().notNullable();
    byteOrderedString(table, 'account_id', 63)
      .notNullable()
      .references('id')
      .inTable('accounts')
      .onDelete('CASCADE');
    table.text('name').notNullable();
    table.text('description').nullable();
    table.string('type', 64).notNullable();
    // A JSON array of email addresses.
    table.text('recipients').notNullable();
    // daily | weekly | monthly
    table.string('recurrence', 16).notNullable();
    table.string('day_of_week', 16).nullable();
    table.integer('day_of_month').nullable();
    // HH:mm in the time zone
    table.string('time', 5).notNullable();
    table.string('timezone', 64).notNullable();
    table.string('delimiter', 1).notNullable();
    table.string('period', 32).notNullable();
    // YYYY-MM-DD of a custom period
    table.string('period_from', 10).nullable();
    table.string('period_to', 10).nullable();
    // JSON: the tenant selection, for reports that take one
    table.text('tenant_ids').nullable();
    table.text('tenant_filter').nullable();
    table.boolean('enabled').notNullable();
    // The next occurrence not yet claimed; null while disabled.
    table.timestamp('next_run_at', { useTz: true }).nullable();
    table.timestamp('last_run_at', { useTz: true }).nullable();
    table.string('last_run_id', 36).nullable();
    table.text('last_error').nullable();
    table.string('created_by', 255).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.string('updated_by', 255).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.index(['account_id', 'created_at'], 'schedules_account_idx');
    table.index(['enabled', 'next_run_at'], 'schedules_due_idx');
  });

  await knex.schema.createTable('schedule_occurrences', table => {
    table
      .string('schedule_id', 36)
      .notNullable()
      .references('id')
      .inTable('schedules')
      .onDelete('CASCADE');
    table.timestamp('occurrence_at', { useTz: true }).notNullable();
    table.timestamp('claimed_at', { useTz: true }).notNullable();
    // The run it queued, or why it could not queue one.
    table.string('run_id', 36).nullable();
    table.text('error').nullable();
    table.unique(['schedule_id', 'occurrence_at'], {
      indexName: 'schedule_occurrences_uq',
    });
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('schedule_occurrences');
  await knex.schema.dropTable('schedules');
};
