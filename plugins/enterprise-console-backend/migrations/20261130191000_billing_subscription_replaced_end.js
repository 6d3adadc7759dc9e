// @ts-check

/**
 * What a subscription's end was before a later subscription took its tail
 * (a scheduled change, end or future start), so cancelling that later one
 * gives the end back exactly. `end_date` alone cannot say it: a change
 * copies the old end onto the next subscription, but the Community fallback
 * of an end is open-ended, so the old end is not recoverable from the row
 * after it. `end_replaced` tells "replaced, and it was open-ended"
 * (replaced_end_date null) from "never replaced".
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('billing_subscriptions', table => {
    table.boolean('end_replaced').notNullable().defaultTo(false);
    table.string('replaced_end_date', 10).nullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('billing_subscriptions', table => {
    table.dropColumn('end_replaced');
    table.dropColumn('replaced_end_date');
  });
};
