// @ts-check

/**
 * The plan and billing status of each tenant, beside its edition
 * (20261122030000_permissions), so the tenants list filters and shows them
 * from the tenants table itself. Billing writes all three when a
 * subscription takes effect; until then they are null and the filters
 * match no tenant.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('tenants', table => {
    table.string('plan_id', 63).nullable();
    table.string('status', 32).nullable();
    table.index(['plan_id'], 'tenants_plan_id_idx');
    table.index(['edition'], 'tenants_edition_idx');
    table.index(['status'], 'tenants_status_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('tenants', table => {
    table.dropIndex(['plan_id'], 'tenants_plan_id_idx');
    table.dropIndex(['edition'], 'tenants_edition_idx');
    table.dropIndex(['status'], 'tenants_status_idx');
    table.dropColumn('plan_id');
    table.dropColumn('status');
  });
};
