import { createApiRef } from '@backstage/core-plugin-api';
import {
  AccountSummary,
  BillingApplication,
  BillingApplicationApproval,
  BillingApplicationDecision,
  BillingApplicationInput,
  BillingChangePreview,
  BillingContact,
  BillingCreditInput,
  BillingCreditLine,
  BillingInvoice,
  BillingInvoiceRun,
  BillingInvoiceRunInput,
  BillingPayment,
  BillingPaymentInput,
  BillingPlan,
  BillingStatementDelivery,
  BillingSubscription,
  BillingSubscriptionCancellation,
  BillingSubscriptionChange,
  BillingTenantFeatures,
  ConsoleTiles,
  CreateReportRunRequest,
  DomainBinding,
  DomainBindingStatus,
  EnterpriseSettings,
  EnterpriseSettingsResponse,
  Page,
  ReportRun,
  ReportRunStatus,
  Schedule,
  ScheduleRequest,
  SmsMessage,
  SmsMessageQuery,
  SsoProviderInfo,
  TenantDetail,
  TenantFilter,
  TenantListItem,
  TenantSortKey,
  TenantUsage,
} from '@internal/plugin-enterprise-console-common';

/**
 * The query of `GET /v1/tenants`: the tenants list's filters, its sort
 * (the id breaks ties) and a page.
 *
 * @public
 */
export type TenantListQuery = TenantFilter & {
  sort?: TenantSortKey;
  order?: 'asc' | 'desc';
  limit?: number;
  cursor?: string;
};

// The query of `GET /v1/sms` and its sort keys are stated by openapi.yaml.
export type {
  SmsMessageQuery,
  SmsSortKey,
} from '@internal/plugin-enterprise-console-common';

/**
 * A statement's PDF as the server names it (`statement-<number>.pdf`).
 *
 * @public
 */
export type BillingStatementPdf = { blob: Blob; filename: string };

/**
 * Client of the Enterprise Console backend.
 *
 * @public
 */
export interface EnterpriseConsoleApi {
  /** One page of the accounts the caller may see, with their tenant counts. */
  listAccounts(options?: {
    limit?: number;
    cursor?: string;
  }): Promise<Page<AccountSummary>>;

  /** A tenant with its account's name and what exists in it. */
  getTenant(tenantId: string): Promise<TenantDetail>;

  /**
   * A tenant's usage per UTC day from `from` to `to` (YYYY-MM-DD, both
   * included), default the last 30 days; at most 366 days.
   */
  getTenantUsage(
    tenantId: string,
    range?: { from?: string; to?: string },
  ): Promise<TenantUsage>;

  /** The enterprise settings of an account (defaults until first saved). */
  getAccountSettings(accountId: string): Promise<EnterpriseSettingsResponse>;

  /** Replaces the enterprise settings of an account. */
  updateAccountSettings(
    accountId: string,
    settings: EnterpriseSettings,
  ): Promise<EnterpriseSettingsResponse>;

  /** The portal's identity providers and the domains an account binds to each. */
  listSsoProviders(accountId: string): Promise<SsoProviderInfo[]>;

  /**
   * The domain bindings of every account in one state, oldest request
   * first: the approval queue of platform admins (domain.approve).
   */
  listDomainBindings(status: DomainBindingStatus): Promise<DomainBinding[]>;

  /** Approves a pending domain binding; answers it as decided. */
  approveDomainBinding(id: string): Promise<DomainBinding>;

  /** Rejects a pending domain binding with the reason its account's admins read. */
  rejectDomainBinding(id: string, reason: string): Promise<DomainBinding>;

  /** One page of tenants, in id order. */
  listTenants(options: TenantListQuery): Promise<Page<TenantListItem>>;

  /**
   * The dashboard tiles of an account; `from`/`to` (ISO dates or times)
   * bound the tiles that take a range, default the last 30 days.
   */
  getTiles(
    accountId: string,
    range?: { from?: string; to?: string },
  ): Promise<ConsoleTiles>;

  /** Queues a report run; a user may have at most 3 active runs (429). */
  createReportRun(
    request: CreateReportRunRequest,
  ): Promise<{ id: string; status: ReportRunStatus }>;

  /** One page of an account's runs, newest first; `mine` only the caller's. */
  listReportRuns(options: {
    accountId: string;
    mine?: boolean;
    limit?: number;
    cursor?: string;
  }): Promise<Page<ReportRun>>;

  getReportRun(runId: string): Promise<ReportRun>;

  /** Asks a queued or running run to stop. */
  cancelReportRun(runId: string): Promise<void>;

  /** One page of the SMS detailed report. */
  listSmsMessages(query: SmsMessageQuery): Promise<Page<SmsMessage>>;

  /** The gateway types of an account's messages, for the report's filter. */
  listSmsGateways(accountId: string): Promise<string[]>;

  /** One page of an account's scheduled reports, oldest first. */
  listSchedules(options: {
    accountId: string;
    limit?: number;
    cursor?: string;
  }): Promise<Page<Schedule>>;

  /** One schedule; 404 also when the caller may not manage its account's. */
  getSchedule(scheduleId: string): Promise<Schedule>;

  /** Creates a schedule owned by the caller. */
  createSchedule(request: ScheduleRequest): Promise<Schedule>;

  /** Replaces a schedule's fields. */
  updateSchedule(
    scheduleId: string,
    request: ScheduleRequest,
  ): Promise<Schedule>;

  deleteSchedule(scheduleId: string): Promise<void>;

  /** Enables or disables a schedule; a disabled one has no next run. */
  setScheduleEnabled(scheduleId: string, enabled: boolean): Promise<Schedule>;

  /** Queues a run of the schedule now, mailed to its recipients. */
  runSchedule(
    scheduleId: string,
  ): Promise<{ id: string; status: ReportRunStatus }>;

  /**
   * The current version of every plan of the billing catalogue, in
   * catalogue order; internal and archived plans only for billing managers.
   */
  listBillingPlans(): Promise<BillingPlan[]>;

  /** One plan: its current version, or the version a subscription pays. */
  getBillingPlan(planId: string, version?: number): Promise<BillingPlan>;

  /**
   * The subscriptions of one tenant or of one account's tenants, newest
   * start first (billing.read on the account).
   */
  listBillingSubscriptions(
    filter: { accountId: string } | { tenantId: string },
  ): Promise<BillingSubscription[]>;

  /**
   * What changing a subscription to a plan would do, changing nothing: the
   * effective date and why, the features lost and the estimated invoice.
   */
  previewBillingSubscriptionChange(
    subscriptionId: string,
    change: { planId: string; date?: string },
  ): Promise<BillingChangePreview>;

  /** Changes a subscription's plan, at once or scheduled (30-day rule). */
  changeBillingSubscription(
    subscriptionId: string,
    change: { planId: string; date?: string },
  ): Promise<BillingSubscriptionChange>;

  /** Ends a subscription; the tenant falls back to Community. */
  endBillingSubscription(
    subscriptionId: string,
    end?: { date?: string },
  ): Promise<BillingSubscriptionChange>;

  /** Cancels a scheduled subscription; the one before it runs on. */
  cancelBillingSubscription(
    subscriptionId: string,
  ): Promise<BillingSubscriptionCancellation>;

  /** Moves the end of an implementation subscription later. */
  extendBillingSubscription(
    subscriptionId: string,
    endDate: string,
  ): Promise<BillingSubscription>;

  /** The features a tenant's plan grants and those it uses. */
  getBillingTenantFeatures(tenantId: string): Promise<BillingTenantFeatures>;

  /**
   * Plan applications, newest first: all of them for billing admins,
   * else those of the tenants where the caller may change the plan.
   */
  listBillingApplications(filter?: {
    status?: BillingApplication['status'];
    accountId?: string;
    tenantId?: string;
  }): Promise<BillingApplication[]>;

  /** Applies for a pro-bono or developer plan for a tenant. */
  createBillingApplication(
    application: BillingApplicationInput,
  ): Promise<BillingApplication>;

  /** Approves a pending application, creating its subscription. */
  approveBillingApplication(
    applicationId: string,
    approval?: BillingApplicationApproval,
  ): Promise<BillingApplicationDecision>;

  /** Rejects a pending application with the reason the applicant is told. */
  rejectBillingApplication(
    applicationId: string,
    reason: string,
  ): Promise<BillingApplication>;

  /** Makes the invoices of a past month; what exists is counted, not made again. */
  runBillingInvoices(input: BillingInvoiceRunInput): Promise<BillingInvoiceRun>;

  /**
   * The invoices of one tenant, or of one account (its tenants' invoices
   * and its statements), newest period first (billing.read on the account).
   */
  listBillingInvoices(
    filter: { accountId: string } | { tenantId: string },
  ): Promise<BillingInvoice[]>;

  /** One invoice or statement. */
  getBillingInvoice(invoiceId: string): Promise<BillingInvoice>;

  /**
   * The statement as a PDF, fetched with the user's credentials (a plain
   * link would carry none).
   */
  getBillingInvoicePdf(invoiceId: string): Promise<BillingStatementPdf>;

  /** Voids an invoice without payments, with the reason recorded. */
  voidBillingInvoice(
    invoiceId: string,
    reason: string,
  ): Promise<BillingInvoice>;

  /** Emails the statement to the account's billing contacts (else its admins). */
  emailBillingInvoice(invoiceId: string): Promise<BillingStatementDelivery>;

  /** An account's credit lines with their ledgers. */
  listBillingCredits(accountId: string): Promise<BillingCreditLine[]>;

  /** Grants (or corrects) credit; answers the credit line after the entry. */
  addBillingCredit(credit: BillingCreditInput): Promise<BillingCreditLine>;

  /** An account's payments, newest received first. */
  listBillingPayments(accountId: string): Promise<BillingPayment[]>;

  /** Records a payment; answers it with how it was applied. */
  recordBillingPayment(payment: BillingPaymentInput): Promise<BillingPayment>;

  /** An account's billing contacts. */
  getBillingContacts(accountId: string): Promise<BillingContact[]>;

  /** Replaces an account's billing contacts; answers them as saved. */
  updateBillingContacts(
    accountId: string,
    contacts: BillingContact[],
  ): Promise<BillingContact[]>;
}

/**
 * @public
 */
export const enterpriseConsoleApiRef = createApiRef<EnterpriseConsoleApi>({
  id: 'plugin.enterprise-console.api',
});
