import {
  BillingApplication,
  BillingApplicationInput,
  BillingContact,
  BillingCreditInput,
  BillingCreditLine,
  BillingInvoice,
  BillingInvoiceRun,
  BillingPayment,
  BillingPaymentInput,
  BillingSubscription,
  BillingSubscriptionInput,
  IngestResult,
  InvoicingMode,
  TenantDataRecord,
} from '@internal/plugin-enterprise-console-common';

/**
 * An account as written by an integration or a seeder.
 *
 * @public
 */
export interface AccountInput {
  id: string;
  name: string;
  enterprise?: boolean;
  adminRefs?: string[];
  adminEmails?: string[];
  invoicing?: InvoicingMode;
  currency?: string;
  autopay?: boolean;
}

/**
 * A tenant as written by an integration or a seeder.
 *
 * @public
 */
export interface TenantInput {
  id: string;
  accountId: string;
  name: string;
  url?: string;
  /** ISO 8601 time. */
  createdAt: string;
  timezone?: string;
  entityRef?: string;
  feedLimit?: number;
}

/**
 * What an upsert did: created a new object, changed a stored one, or found
 * it identical.
 *
 * @public
 */
export type UpsertOutcome = 'created' | 'updated' | 'unchanged';

/**
 * Writes tenant data through the plugin's own validation and store code, so
 * that whatever a module writes is exactly what the ingestion API would write.
 *
 * @public
 */
export interface EnterpriseConsoleDataWriter {
  upsertAccount(account: AccountInput): Promise<UpsertOutcome>;
  upsertTenant(tenant: TenantInput): Promise<UpsertOutcome>;
  /**
   * Writes tenant data records as `POST /v1/ingest` does: each is validated,
   * upserted by (type, tenantId, id), and refused with a reason when invalid,
   * while the valid ones of the same call are kept.
   */
  ingest(records: TenantDataRecord[]): Promise<IngestResult>;
  /** Subscriptions and applications, by billing's own rules. */
  billing: EnterpriseConsoleBillingWriter;
}

/**
 * Billing writes of a seeder, validated and made as the billing API makes
 * them (the 30-day rule schedules a downgrade here too). Unlike the upserts
 * they are not idempotent: a seeder subscribes a tenant when its upsert
 * `created` it.
 *
 * @public
 */
export interface EnterpriseConsoleBillingWriter {
  /** As `POST /v1/billing/subscriptions`. */
  subscribe(
    subscription: BillingSubscriptionInput,
  ): Promise<BillingSubscription>;
  /**
   * As `POST /v1/billing/subscriptions/{id}/change` on the tenant's
   * subscription running on `date` (default today, UTC).
   */
  changePlan(change: {
    tenantId: string;
    planId: string;
    date?: string;
  }): Promise<void>;
  /**
   * As `POST /v1/billing/applications`, sent by `applicant` (a user entity
   * ref); reviewers are not notified of seeded applications.
   */
  apply(
    application: BillingApplicationInput,
    applicant: string,
  ): Promise<BillingApplication>;
  /**
   * As `POST /v1/billing/invoice-runs` for `period` (YYYY-MM, a month that
   * is over): statements are emailed after it as after the scheduled run,
   * when a mail transport is configured.
   */
  runInvoices(period: string): Promise<BillingInvoiceRun>;
  /** As `GET /v1/billing/invoices?accountId=`, newest period first. */
  invoices(accountId: string): Promise<BillingInvoice[]>;
  /** As `POST /v1/billing/credits`. */
  addCredit(input: BillingCreditInput): Promise<BillingCreditLine>;
  /** As `POST /v1/billing/payments`. */
  recordPayment(input: BillingPaymentInput): Promise<BillingPayment>;
  /** As `POST /v1/billing/invoices/{id}/void`. */
  voidInvoice(invoiceId: string, reason: string): Promise<BillingInvoice>;
  /** As `PUT /v1/billing/accounts/{accountId}/contacts`. */
  setContacts(
    accountId: string,
    items: BillingContact[],
  ): Promise<BillingContact[]>;
}
