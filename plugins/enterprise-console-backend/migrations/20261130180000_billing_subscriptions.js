// @ts-check

/**
 * Subscriptions (billing.md, "Subscriptions"): a tenant's plan version over
 * `[start_date, end_date)`, UTC calendar dates as `YYYY-MM-DD` text (which
 * compares in date order on both dialects); a null end is open-ended.
 *
 * One active subscription per tenant: "active" depends on today's date, so
 * no partial index can state it, and PostgreSQL's exclusion constraint
 * (btree_gist) has no SQLite counterpart. The database enforces it in two
 * parts: the unique (tenant_id, start_date) key refuses two subscriptions
 * starting on the same day whatever the code does, and SubscriptionStore
 * checks that periods do not overlap inside a transaction that first locks
 * the tenant's row (SELECT … FOR UPDATE on PostgreSQL; SQLite serializes
 * writers), so two concurrent writes to one tenant run one after the other.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('billing_subscriptions', table => {
    table.string('id', 36).primary();
    table
      .string('tenant_id', 63)
      .notNullable()
      .references('id')
      .inTable('tenants')
      .onDelete('CASCADE');
    table.string('account_id', 63).notNullable();
    table.string('plan_id', 63).notNullable();
    // The version paid: kept until the subscription is changed.
    table.integer('plan_version').notNullable();
    // monthly | annual
    table.string('cycle', 16).notNullable();
    table.string('start_date', 10).notNullable();
    // Exclusive: the last billed day is the day before.
    table.string('end_date', 10).nullable();
    // full-price | discounted | pro-bono
    table.string('pro_bono', 16).notNullable();
    // Whole percent, only when discounted.
    table.integer('discount_percent').nullable();
    // product | implementation | trial | developer
    table.string('service_type', 16).notNullable();
    table.boolean('do_not_invoice').notNullable();
    table.string('do_not_invoice_reason', 500).nullable();
    table.boolean('auto_renew').notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.string('created_by', 255).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.string('updated_by', 255).notNullable();
    table.unique(['tenant_id', 'start_date'], {
      indexName: 'billing_subscriptions_tenant_start_uq',
    });
    table.index(['account_id'], 'billing_subscriptions_account_idx');
    table
      .foreign(['plan_id', 'plan_version'])
      .references(['plan_id', 'version'])
      .inTable('billing_plans');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('billing_subscriptions');
};
