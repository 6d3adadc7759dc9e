// @ts-check

/**
 * Invoices (billing.md, "Invoice run"). One invoice per (subscription,
 * period) and one statement per (consolidated account, period): the run
 * writes `invoice_key` as `subscription:<id>` or `account:<id>`, and the
 * unique (invoice_key, period) key makes a second run, or a second replica,
 * unable to write a duplicate. Money is whole cents.
 *
 * Numbers are sequential without gaps: the single counter row is locked
 * and advanced in the transaction that inserts the invoice (SELECT … FOR
 * UPDATE on PostgreSQL; SQLite serializes writers), so a rolled-back
 * insert gives its number back.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('billing_invoices', table => {
    table.string('id', 36).primary();
    table.bigInteger('number').notNullable().unique({
      indexName: 'billing_invoices_number_uq',
    });
    table.string('invoice_key', 120).notNullable();
    table.string('account_id', 63).notNullable();
    table.string('tenant_id', 63).nullable();
    table.string('subscription_id', 36).nullable();
    // YYYY-MM
    table.string('period', 7).notNullable();
    // The month's first and last day, YYYY-MM-DD.
    table.string('period_start', 10).notNullable();
    table.string('period_end', 10).notNullable();
    table.bigInteger('subtotal_cents').notNullable();
    table.bigInteger('total_cents').notNullable();
    // open | paid | void
    table.string('status', 8).notNullable();
    table.string('due_date', 10).nullable();
    table.string('note', 1000).nullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.unique(['invoice_key', 'period'], {
      indexName: 'billing_invoices_key_period_uq',
    });
    table.index(['account_id', 'period'], 'billing_invoices_account_idx');
    table.index(['tenant_id', 'period'], 'billing_invoices_tenant_idx');
  });

  await knex.schema.createTable('billing_invoice_lines', table => {
    table
      .string('invoice_id', 36)
      .notNullable()
      .references('id')
      .inTable('billing_invoices')
      .onDelete('CASCADE');
    table.integer('position').notNullable();
    // plan | users | sms | discount
    table.string('kind', 16).notNullable();
    table.string('description', 500).notNullable();
    table.integer('quantity').notNullable();
    // Null where messages of different fees make up the line (SMS).
    table.bigInteger('unit_price_cents').nullable();
    table.bigInteger('amount_cents').notNullable();
    table.primary(['invoice_id', 'position']);
  });

  // The single row numbers are drawn from.
  await knex.schema.createTable('billing_invoice_counter', table => {
    table.integer('id').primary();
    table.bigInteger('last_number').notNullable();
  });
  await knex('billing_invoice_counter').insert({ id: 1, last_number: 0 });

  await knex.schema.createTable('billing_invoice_run_failures', table => {
    table.increments('id');
    table.string('period', 7).notNullable();
    table.string('account_id', 63).notNullable();
    table.string('tenant_id', 63).nullable();
    table.string('subscription_id', 36).nullable();
    table.string('reason', 1000).notNullable();
    table.timestamp('at', { useTz: true }).notNullable();
    table.index(['period'], 'billing_invoice_run_failures_period_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('billing_invoice_run_failures');
  await knex.schema.dropTable('billing_invoice_counter');
  await knex.schema.dropTable('billing_invoice_lines');
  await knex.schema.dropTable('billing_invoices');
};
