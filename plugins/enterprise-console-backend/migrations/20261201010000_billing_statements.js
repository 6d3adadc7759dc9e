// @ts-check

/**
 * Statements (billing.md, "Credits, payments, balance"): an account's
 * billing contacts, who receive its statements, and when each invoice was
 * last emailed.
 *
 * A contact's email is unique in its account case-insensitively:
 * `email_key` holds the lowercased address and the unique key is on it, so
 * the database refuses a duplicate whatever the code does (an expression
 * index on lower(email) is not portable through knex's schema builder).
 * `position` keeps the order the account gave.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('billing_account_contacts', table => {
    table
      .string('account_id', 63)
      .notNullable()
      .references('id')
      .inTable('accounts')
      .onDelete('CASCADE');
    table.integer('position').notNullable();
    table.string('name', 200).notNullable();
    table.string('email', 254).notNullable();
    table.string('email_key', 254).notNullable();
    table.string('role', 100).notNullable();
    table.primary(['account_id', 'position']);
    table.unique(['account_id', 'email_key'], {
      indexName: 'billing_account_contacts_email_uq',
    });
  });

  await knex.schema.alterTable('billing_invoices', table => {
    table.timestamp('emailed_at', { useTz: true }).nullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('billing_invoices', table => {
    table.dropColumn('emailed_at');
  });
  await knex.schema.dropTable('billing_account_contacts');
};
