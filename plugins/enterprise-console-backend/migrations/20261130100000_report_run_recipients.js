// @ts-check

/**
 * Report runs carry the email addresses their file is mailed to (a run
 * queued by a schedule, say, for people who are not portal users): a JSON
 * array as text, null for none.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('report_runs', table => {
    table.text('recipients').nullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('report_runs', table => {
    table.dropColumn('recipients');
  });
};
