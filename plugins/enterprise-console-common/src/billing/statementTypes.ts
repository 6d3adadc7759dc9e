import type * as Model from '../generated/models';

/*
 * Statements, credits, payments and billing contacts as the HTTP API carries
 * them (billing.md, "Credits, payments, balance"). Money travels as
 * two-decimal strings, never numbers.
 */

/**
 * The month an invoice run makes (`POST /v1/billing/invoice-runs`).
 *
 * @public
 */
export type BillingInvoiceRunInput = Model.BillingInvoiceRunInput;

/**
 * What an invoice run did: invoices created, found existing, failed.
 *
 * @public
 */
export type BillingInvoiceRun = Model.BillingInvoiceRun;

/**
 * A tenant's invoice or a consolidated account's statement of one month.
 *
 * @public
 */
export type BillingInvoice = Model.BillingInvoice;

/**
 * One line of an invoice.
 *
 * @public
 */
export type BillingInvoiceLine = Model.BillingInvoiceLine;

/**
 * Who a statement was emailed to (`POST …/invoices/{id}/email`).
 *
 * @public
 */
export type BillingStatementDelivery = Model.BillingStatementDelivery;

/**
 * A credit grant or correction (`POST /v1/billing/credits`).
 *
 * @public
 */
export type BillingCreditInput = Model.BillingCreditInput;

/**
 * A credit line (account or subscription level, one scope) with its ledger.
 *
 * @public
 */
export type BillingCreditLine = Model.BillingCreditLine;

/**
 * One entry of a credit line's ledger.
 *
 * @public
 */
export type BillingCreditEntry = Model.BillingCreditEntry;

/**
 * A payment as a billing admin records it (`POST /v1/billing/payments`).
 *
 * @public
 */
export type BillingPaymentInput = Model.BillingPaymentInput;

/**
 * A recorded payment and how it was applied.
 *
 * @public
 */
export type BillingPayment = Model.BillingPayment;

/**
 * One billing contact of an account.
 *
 * @public
 */
export type BillingContact = Model.BillingContact;

/**
 * An account's billing contacts (`GET|PUT …/accounts/{accountId}/contacts`).
 *
 * @public
 */
export type BillingContacts = Model.BillingContacts;
