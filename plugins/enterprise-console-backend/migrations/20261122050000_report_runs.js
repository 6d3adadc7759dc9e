// @ts-check

/**
 * The report run queue and the files runs write.
 *
 * A run is claimed by one backend replica, which holds a lease it renews with
 * heartbeats; `attempt` grows with every claim and fences a replica that lost
 * its lease: its chunk writes and status changes name the attempt they belong
 * to, and only the attempt that succeeded is ever read.
 *
 * Files are stored in the database in chunks so that no replica holds a
 * whole report in memory and every replica can serve every download.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  const isPostgres = knex.client.config.client === 'pg';

  await knex.schema.createTable('report_runs', table => {
    table.string('id', 36).primary().notNullable();
    const accountId = isPostgres
      ? table.specificType('account_id', 'varchar(63) COLLATE "C"')
      : table.string('account_id', 63);
    accountId
      .notNullable()
      .references('id')
      .inTable('accounts')
      .onDelete('CASCADE');
    table.string('type', 40).notNullable();
    table.string('name', 200).notNullable();
    table.text('description').nullable();
    table.string('delimiter', 1).notNullable();
    // Resolved at request time (absolute ranges, filters) as JSON text.
    table.text('parameters').notNullable().defaultTo('{}');
    table.string('status', 16).notNullable();
    table.bigInteger('rows_written').notNullable().defaultTo(0);
    table.bigInteger('row_count').nullable();
    table.text('error').nullable();
    table.string('created_by', 255).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('started_at', { useTz: true }).nullable();
    table.timestamp('finished_at', { useTz: true }).nullable();
    table.timestamp('expires_at', { useTz: true }).nullable();
    table.integer('attempt').notNullable().defaultTo(0);
    table.string('lease_owner', 100).nullable();
    table.timestamp('lease_expires_at', { useTz: true }).nullable();
    table.boolean('cancel_requested').notNullable().defaultTo(false);
    table.string('file_name', 400).nullable();
    table.bigInteger('byte_size').nullable();
    // Claiming: the oldest queued run, or a running one whose lease expired.
    table.index(['status', 'created_at'], 'report_runs_status_idx');
    // History of an account, newest first.
    table.index(['account_id', 'created_at'], 'report_runs_account_idx');
    // The active-runs limit per user.
    table.index(['created_by', 'status'], 'report_runs_created_by_idx');
    // Cleanup of expired files.
    table.index(['status', 'expires_at'], 'report_runs_expiry_idx');
  });

  await knex.schema.createTable('report_file_chunks', table => {
    table
      .string('run_id', 36)
      .notNullable()
      .references('id')
      .inTable('report_runs')
      .onDelete('CASCADE');
    table.integer('attempt').notNullable();
    table.integer('seq').notNullable();
    table.binary('data').notNullable();
    table.primary(['run_id', 'attempt', 'seq']);
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('report_file_chunks');
  await knex.schema.dropTable('report_runs');
};
