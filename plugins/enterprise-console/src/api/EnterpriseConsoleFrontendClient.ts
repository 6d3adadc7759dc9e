import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
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
  TenantListItem,
  TenantDetail,
  TenantUsage,
} from '@internal/plugin-enterprise-console-common';
import {
  BillingStatementPdf,
  EnterpriseConsoleApi,
  TenantListQuery,
} from './EnterpriseConsoleApi';

/** `?a=1&b=2` of the defined, non-empty values, or nothing. */
function queryString(
  values: Record<string, string | number | boolean | undefined>,
): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined && value !== '') query.set(key, String(value));
  }
  return query.size ? `?${query}` : '';
}

function subscriptionPath(subscriptionId: string): string {
  return `/v1/billing/subscriptions/${encodeURIComponent(subscriptionId)}`;
}

function invoicePath(invoiceId: string): string {
  return `/v1/billing/invoices/${encodeURIComponent(invoiceId)}`;
}

function contactsPath(accountId: string): string {
  return `/v1/billing/accounts/${encodeURIComponent(accountId)}/contacts`;
}

/** The file name a Content-Disposition header gives, if any. */
function attachmentName(header: string | null): string | undefined {
  return header ? /filename="?([^";]+)"?/i.exec(header)?.[1] : undefined;
}

function applicationPath(applicationId: string): string {
  return `/v1/billing/applications/${encodeURIComponent(applicationId)}`;
}

/**
 * Talks to the Enterprise Console backend over HTTP from the browser, with the
 * signed-in user's credentials. Backend plugins call the console with
 * `EnterpriseConsoleServiceClient` of `@internal/plugin-enterprise-console-node`.
 *
 * @public
 */
export class EnterpriseConsoleFrontendClient implements EnterpriseConsoleApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async listAccounts(
    options: { limit?: number; cursor?: string } = {},
  ): Promise<Page<AccountSummary>> {
    return this.get(
      `/v1/accounts${queryString({
        limit: options.limit,
        cursor: options.cursor,
      })}`,
    );
  }

  async getTenant(tenantId: string): Promise<TenantDetail> {
    return this.get(`/v1/tenants/${encodeURIComponent(tenantId)}`);
  }

  async getTenantUsage(
    tenantId: string,
    range: { from?: string; to?: string } = {},
  ): Promise<TenantUsage> {
    return this.get(
      `/v1/tenants/${encodeURIComponent(tenantId)}/usage${queryString({
        from: range.from,
        to: range.to,
      })}`,
    );
  }

  async getAccountSettings(
    accountId: string,
  ): Promise<EnterpriseSettingsResponse> {
    return this.get(`/v1/accounts/${encodeURIComponent(accountId)}/settings`);
  }

  async updateAccountSettings(
    accountId: string,
    settings: EnterpriseSettings,
  ): Promise<EnterpriseSettingsResponse> {
    return this.send(
      'PUT',
      `/v1/accounts/${encodeURIComponent(accountId)}/settings`,
      settings,
    );
  }

  async listSsoProviders(accountId: string): Promise<SsoProviderInfo[]> {
    const query = new URLSearchParams({ accountId });
    const { items } = await this.get<{ items: SsoProviderInfo[] }>(
      `/v1/sso/providers?${query}`,
    );
    return items;
  }

  async listDomainBindings(
    status: DomainBindingStatus,
  ): Promise<DomainBinding[]> {
    const { items } = await this.get<{ items: DomainBinding[] }>(
      `/v1/domain-bindings${queryString({ status })}`,
    );
    return items;
  }

  async approveDomainBinding(id: string): Promise<DomainBinding> {
    return this.send(
      'POST',
      `/v1/domain-bindings/${encodeURIComponent(id)}/approve`,
    );
  }

  async rejectDomainBinding(
    id: string,
    reason: string,
  ): Promise<DomainBinding> {
    return this.send(
      'POST',
      `/v1/domain-bindings/${encodeURIComponent(id)}/reject`,
      { reason },
    );
  }

  async listTenants(options: TenantListQuery): Promise<Page<TenantListItem>> {
    return this.get(`/v1/tenants${queryString(options)}`);
  }

  async getTiles(
    accountId: string,
    range: { from?: string; to?: string } = {},
  ): Promise<ConsoleTiles> {
    return this.get(
      `/v1/accounts/${encodeURIComponent(accountId)}/tiles${queryString({
        from: range.from,
        to: range.to,
      })}`,
    );
  }

  async createReportRun(
    request: CreateReportRunRequest,
  ): Promise<{ id: string; status: ReportRunStatus }> {
    return this.send('POST', '/v1/report-runs', request);
  }

  async listReportRuns(options: {
    accountId: string;
    mine?: boolean;
    limit?: number;
    cursor?: string;
  }): Promise<Page<ReportRun>> {
    return this.get(
      `/v1/report-runs${queryString({
        accountId: options.accountId,
        mine: options.mine ? 'true' : undefined,
        limit: options.limit,
        cursor: options.cursor,
      })}`,
    );
  }

  async getReportRun(runId: string): Promise<ReportRun> {
    return this.get(`/v1/report-runs/${encodeURIComponent(runId)}`);
  }

  async cancelReportRun(runId: string): Promise<void> {
    await this.send(
      'POST',
      `/v1/report-runs/${encodeURIComponent(runId)}/cancel`,
    );
  }

  async listSmsMessages(query: SmsMessageQuery): Promise<Page<SmsMessage>> {
    return this.get(
      `/v1/sms${queryString({
        accountId: query.accountId,
        messageFrom: query.messageFrom,
        messageTo: query.messageTo,
        createdFrom: query.createdFrom,
        createdTo: query.createdTo,
        tenantIds: query.tenantIds?.join(','),
        gateway: query.gateway,
        hasGatewayFee: query.hasGatewayFee,
        validity: query.validity,
        sort: query.sort,
        order: query.order,
        limit: query.limit,
        cursor: query.cursor,
      })}`,
    );
  }

  async listSmsGateways(accountId: string): Promise<string[]> {
    const { items } = await this.get<{ items: string[] }>(
      `/v1/sms/gateways${queryString({ accountId })}`,
    );
    return items;
  }

  async listSchedules(options: {
    accountId: string;
    limit?: number;
    cursor?: string;
  }): Promise<Page<Schedule>> {
    return this.get(
      `/v1/schedules${queryString({
        accountId: options.accountId,
        limit: options.limit,
        cursor: options.cursor,
      })}`,
    );
  }

  async getSchedule(scheduleId: string): Promise<Schedule> {
    return this.get(`/v1/schedules/${encodeURIComponent(scheduleId)}`);
  }

  async createSchedule(request: ScheduleRequest): Promise<Schedule> {
    return this.send('POST', '/v1/schedules', request);
  }

  async updateSchedule(
    scheduleId: string,
    request: ScheduleRequest,
  ): Promise<Schedule> {
    return this.send(
      'PUT',
      `/v1/schedules/${encodeURIComponent(scheduleId)}`,
      request,
    );
  }

  async deleteSchedule(scheduleId: string): Promise<void> {
    await this.send(
      'DELETE',
      `/v1/schedules/${encodeURIComponent(scheduleId)}`,
    );
  }

  async setScheduleEnabled(
    scheduleId: string,
    enabled: boolean,
  ): Promise<Schedule> {
    return this.send(
      'POST',
      `/v1/schedules/${encodeURIComponent(scheduleId)}/${
        enabled ? 'enable' : 'disable'
      }`,
    );
  }

  async runSchedule(
    scheduleId: string,
  ): Promise<{ id: string; status: ReportRunStatus }> {
    return this.send(
      'POST',
      `/v1/schedules/${encodeURIComponent(scheduleId)}/run`,
    );
  }

  async listBillingPlans(): Promise<BillingPlan[]> {
    const { items } = await this.get<{ items: BillingPlan[] }>(
      '/v1/billing/plans',
    );
    return items;
  }

  async getBillingPlan(planId: string, version?: number): Promise<BillingPlan> {
    return this.get(
      `/v1/billing/plans/${encodeURIComponent(planId)}${queryString({
        version,
      })}`,
    );
  }

  async listBillingSubscriptions(
    filter: { accountId: string } | { tenantId: string },
  ): Promise<BillingSubscription[]> {
    const { items } = await this.get<{ items: BillingSubscription[] }>(
      `/v1/billing/subscriptions${queryString(filter)}`,
    );
    return items;
  }

  async previewBillingSubscriptionChange(
    subscriptionId: string,
    change: { planId: string; date?: string },
  ): Promise<BillingChangePreview> {
    return this.send(
      'POST',
      `${subscriptionPath(subscriptionId)}/preview-change`,
      change,
    );
  }

  async changeBillingSubscription(
    subscriptionId: string,
    change: { planId: string; date?: string },
  ): Promise<BillingSubscriptionChange> {
    return this.send(
      'POST',
      `${subscriptionPath(subscriptionId)}/change`,
      change,
    );
  }

  async endBillingSubscription(
    subscriptionId: string,
    end: { date?: string } = {},
  ): Promise<BillingSubscriptionChange> {
    return this.send('POST', `${subscriptionPath(subscriptionId)}/end`, end);
  }

  async cancelBillingSubscription(
    subscriptionId: string,
  ): Promise<BillingSubscriptionCancellation> {
    return this.send('POST', `${subscriptionPath(subscriptionId)}/cancel`);
  }

  async extendBillingSubscription(
    subscriptionId: string,
    endDate: string,
  ): Promise<BillingSubscription> {
    return this.send('POST', `${subscriptionPath(subscriptionId)}/extend`, {
      endDate,
    });
  }

  async getBillingTenantFeatures(
    tenantId: string,
  ): Promise<BillingTenantFeatures> {
    return this.get(
      `/v1/billing/tenants/${encodeURIComponent(tenantId)}/features`,
    );
  }

  async listBillingApplications(
    filter: {
      status?: BillingApplication['status'];
      accountId?: string;
      tenantId?: string;
    } = {},
  ): Promise<BillingApplication[]> {
    const { items } = await this.get<{ items: BillingApplication[] }>(
      `/v1/billing/applications${queryString({
        status: filter.status,
        accountId: filter.accountId,
        tenantId: filter.tenantId,
      })}`,
    );
    return items;
  }

  async createBillingApplication(
    application: BillingApplicationInput,
  ): Promise<BillingApplication> {
    return this.send('POST', '/v1/billing/applications', application);
  }

  async approveBillingApplication(
    applicationId: string,
    approval: BillingApplicationApproval = {},
  ): Promise<BillingApplicationDecision> {
    return this.send(
      'POST',
      `${applicationPath(applicationId)}/approve`,
      approval,
    );
  }

  async rejectBillingApplication(
    applicationId: string,
    reason: string,
  ): Promise<BillingApplication> {
    return this.send('POST', `${applicationPath(applicationId)}/reject`, {
      reason,
    });
  }

  async runBillingInvoices(
    input: BillingInvoiceRunInput,
  ): Promise<BillingInvoiceRun> {
    return this.send('POST', '/v1/billing/invoice-runs', input);
  }

  async listBillingInvoices(
    filter: { accountId: string } | { tenantId: string },
  ): Promise<BillingInvoice[]> {
    const { items } = await this.get<{ items: BillingInvoice[] }>(
      `/v1/billing/invoices${queryString(filter)}`,
    );
    return items;
  }

  async getBillingInvoice(invoiceId: string): Promise<BillingInvoice> {
    return this.get(invoicePath(invoiceId));
  }

  async getBillingInvoicePdf(invoiceId: string): Promise<BillingStatementPdf> {
    const response = await this.request('GET', `${invoicePath(invoiceId)}/pdf`);
    return {
      blob: await response.blob(),
      filename:
        attachmentName(response.headers.get('Content-Disposition')) ??
        `statement-${invoiceId}.pdf`,
    };
  }

  async voidBillingInvoice(
    invoiceId: string,
    reason: string,
  ): Promise<BillingInvoice> {
    return this.send('POST', `${invoicePath(invoiceId)}/void`, { reason });
  }

  async emailBillingInvoice(
    invoiceId: string,
  ): Promise<BillingStatementDelivery> {
    return this.send('POST', `${invoicePath(invoiceId)}/email`);
  }

  async listBillingCredits(accountId: string): Promise<BillingCreditLine[]> {
    const { items } = await this.get<{ items: BillingCreditLine[] }>(
      `/v1/billing/credits${queryString({ accountId })}`,
    );
    return items;
  }

  async addBillingCredit(
    credit: BillingCreditInput,
  ): Promise<BillingCreditLine> {
    return this.send('POST', '/v1/billing/credits', credit);
  }

  async listBillingPayments(accountId: string): Promise<BillingPayment[]> {
    const { items } = await this.get<{ items: BillingPayment[] }>(
      `/v1/billing/payments${queryString({ accountId })}`,
    );
    return items;
  }

  async recordBillingPayment(
    payment: BillingPaymentInput,
  ): Promise<BillingPayment> {
    return this.send('POST', '/v1/billing/payments', payment);
  }

  async getBillingContacts(accountId: string): Promise<BillingContact[]> {
    const { items } = await this.get<{ items: BillingContact[] }>(
      contactsPath(accountId),
    );
    return items;
  }

  async updateBillingContacts(
    accountId: string,
    contacts: BillingContact[],
  ): Promise<BillingContact[]> {
    const { items } = await this.send<{ items: BillingContact[] }>(
      'PUT',
      contactsPath(accountId),
      { items: contacts },
    );
    return items;
  }

  private get<T>(path: string): Promise<T> {
    return this.send('GET', path);
  }

  private async send<T>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<T> {
    const response = await this.request(method, path, body);
    // Some answers (a cancel, say) may carry no body.
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** The successful response, or a ResponseError with the server's message. */
  private async request(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<Response> {
    const baseUrl = await this.discoveryApi.getBaseUrl('enterprise-console');
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`, {
      method,
      ...(body === undefined
        ? {}
        : {
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify(body),
          }),
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response;
  }
}
