// @ts-check

/**
 * Applications for a pro-bono or developer plan (billing.md,
 * "Subscriptions", Applications): a tenant admin applies, a billing admin
 * approves (creating the subscription named in `subscription_id`) or
 * rejects with a reason.
 *
 * At most one pending application per (tenant, kind): a partial unique
 * index, which PostgreSQL and SQLite both support with the same
 * `WHERE status = 'pending'` (knex's schema builder cannot say it), so two
 * concurrent applications cannot both be stored whatever the code does.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('billing_applications', table => {
    table.string('id', 36).primary();
    table
      .string('tenant_id', 63)
      .notNullable()
      .references('id')
      .inTable('tenants')
      .onDelete('CASCADE');
    table.string('account_id', 63).notNullable();
    // pro-bono | developer
    table.string('kind', 16).notNullable();
    // The plan asked for, then the plan granted.
    table.string('plan_id', 63).notNullable();
    // pro-bono only
    table.string('organisation', 200).nullable();
    table.string('reason', 2000).nullable();
    table.integer('expected_users').nullable();
    table.integer('pilot_months').nullable();
    // developer only
    table.string('integration_description', 2000).nullable();
    // pending | approved | rejected
    table.string('status', 16).notNullable();
    // The applicant's user entity ref.
    table.string('applicant', 255).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('decided_at', { useTz: true }).nullable();
    table.string('decided_by', 255).nullable();
    table.string('rejection_reason', 2000).nullable();
    table
      .string('subscription_id', 36)
      .nullable()
      .references('id')
      .inTable('billing_subscriptions')
      .onDelete('SET NULL');
    // The list's orders and filters: newest first, of everything, a
    // tenant, an account or a status.
    table.index(['created_at', 'id'], 'billing_applications_created_idx');
    table.index(['tenant_id', 'created_at'], 'billing_applications_tenant_idx');
    table.index(
      ['account_id', 'created_at'],
      'billing_applications_account_idx',
    );
    table.index(['status', 'created_at'], 'billing_applications_status_idx');
  });
  await knex.raw(
    `CREATE UNIQUE INDEX billing_applications_one_pending_uq
       ON billing_applications (tenant_id, kind)
       WHERE status = 'pending'`,
  );
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('billing_applications');
};
