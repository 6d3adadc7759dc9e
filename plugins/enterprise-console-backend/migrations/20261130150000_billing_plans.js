// @ts-check

/**
 * The plan catalogue: one row per version of a plan. A price change adds a
 * version; subscriptions name the version they pay, so they keep it until
 * changed. Money is whole cents; a null limit is unlimited and a null
 * monthly fee is priced by contract.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('billing_plans', table => {
    table.string('plan_id', 63).notNullable();
    table.integer('version').notNullable();
    table.string('name', 100).notNullable();
    table.string('edition', 63).notNullable();
    table.bigInteger('monthly_fee_cents').nullable();
    table.bigInteger('annual_monthly_price_cents').nullable();
    table.integer('included_users').nullable();
    table.bigInteger('extra_user_fee_cents').nullable();
    table.integer('included_sms').nullable();
    // A JSON array of entitlement keys.
    table.text('features').notNullable();
    table.string('support_level', 200).notNullable();
    table.boolean('baa').notNullable();
    // public | internal | archived
    table.string('visibility', 16).notNullable();
    // The digest of the config entry this version last took, so a restart
    // applies config changes without undoing edits made through the API.
    table.string('config_digest', 64).nullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.string('created_by', 255).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.primary(['plan_id', 'version']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('billing_plans');
};
