import { createApiRef } from '@backstage/core-plugin-api';
import {
  AccountSummary,
  BillingPlan,
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
}

/**
 * @public
 */
export const enterpriseConsoleApiRef = createApiRef<EnterpriseConsoleApi>({
  id: 'plugin.enterprise-console.api',
});
