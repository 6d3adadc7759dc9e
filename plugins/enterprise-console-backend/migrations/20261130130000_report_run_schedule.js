// @ts-check

/**
 * A run queued by a schedule carries what its recipients' mail says about
 * the schedule (its id, name, owner, the period and the console link to
 * stop it), as JSON text; null for runs nobody scheduled.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('report_runs', table => {
    table.text('schedule').nullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('report_runs', table => {
    table.dropColumn('schedule');
  });
};
