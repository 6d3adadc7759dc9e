// @ts-check

/**
 * The billing ledger (billing.md, "Credits, payments, balance").
 *
 * Credit lines: one per (account, level, scope), where the level is the
 * account or one subscription. `level_key` (`account` or
 * `subscription:<id>`) is never null, so the database itself keeps the
 * line unique; a nullable subscription_id alone could not (NULLs are
 * distinct in a unique key).
 *
 * Credit entries are append-only: a line's balance is always the SUM of
 * its entries, never a stored number that could drift from them.
 *
 * Payments, and their allocations to invoices; what a payment leaves over
 * is a `payment-excess` credit entry, so amount = Σ allocations + excess.
 *
 * Invoices and their lines keep the credit the run applied; a void
 * invoice keeps its number, with when and why it was voided.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('billing_credit_lines', table => {
    table.string('id', 36).primary();
    table.string('account_id', 63).notNullable();
    table.string('subscription_id', 36).nullable();
    // plan | users | sms | general
    table.string('scope', 8).notNullable();
    // `account` or `subscription:<id>`
    table.string('level_key', 60).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.unique(['account_id', 'level_key', 'scope'], {
      indexName: 'billing_credit_lines_level_uq',
    });
    table.index(['subscription_id'], 'billing_credit_lines_subscription_idx');
  });

  await knex.schema.createTable('billing_credit_entries', table => {
    // Increasing: entries are listed oldest first in the order written.
    table.bigIncrements('id');
    table
      .string('line_id', 36)
      .notNullable()
      .references('id')
      .inTable('billing_credit_lines');
    // Signed: grants and reversals add, uses and transfers out subtract.
    table.bigInteger('amount_cents').notNullable();
    // grant | adjustment | applied | payment-excess | transfer-in |
    // transfer-out | void-reversal
    table.string('reason', 16).notNullable();
    table.string('author', 255).notNullable();
    table.string('note', 1000).notNullable();
    table.string('invoice_id', 36).nullable();
    table.string('payment_id', 36).nullable();
    table.timestamp('at', { useTz: true }).notNullable();
    table.index(['line_id'], 'billing_credit_entries_line_idx');
    table.index(['invoice_id'], 'billing_credit_entries_invoice_idx');
  });

  await knex.schema.createTable('billing_payments', table => {
    table.string('id', 36).primary();
    table.string('account_id', 63).notNullable();
    // The invoice the payment named, if any.
    table.string('invoice_id', 36).nullable();
    // card | eft | check
    table.string('method', 8).notNullable();
    table.bigInteger('amount_cents').notNullable();
    table.string('reference', 200).notNullable();
    table.string('received_at', 10).notNullable();
    // Who recorded it (user entity ref).
    table.string('payer', 255).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.index(['account_id'], 'billing_payments_account_idx');
  });

  await knex.schema.createTable('billing_payment_allocations', table => {
    table
      .string('payment_id', 36)
      .notNullable()
      .references('id')
      .inTable('billing_payments');
    table
      .string('invoice_id', 36)
      .notNullable()
      .references('id')
      .inTable('billing_invoices');
    table.bigInteger('amount_cents').notNullable();
    table.primary(['payment_id', 'invoice_id']);
    table.index(['invoice_id'], 'billing_payment_allocations_invoice_idx');
  });

  await knex.schema.alterTable('billing_invoices', table => {
    table.bigInteger('credit_applied_cents').notNullable().defaultTo(0);
    table.timestamp('voided_at', { useTz: true }).nullable();
    table.string('void_reason', 1000).nullable();
  });
  await knex.schema.alterTable('billing_invoice_lines', table => {
    table.bigInteger('credit_applied_cents').notNullable().defaultTo(0);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('billing_invoice_lines', table => {
    table.dropColumn('credit_applied_cents');
  });
  await knex.schema.alterTable('billing_invoices', table => {
    table.dropColumn('credit_applied_cents');
    table.dropColumn('voided_at');
    table.dropColumn('void_reason');
  });
  await knex.schema.dropTable('billing_payment_allocations');
  await knex.schema.dropTable('billing_payments');
  await knex.schema.dropTable('billing_credit_entries');
  await knex.schema.dropTable('billing_credit_lines');
};
