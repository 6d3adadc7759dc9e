import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
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
  TenantListItem,
  TenantDetail,
  TenantUsage,
} from '@internal/plugin-enterprise-console-common';
import { EnterpriseConsoleApi, TenantListQuery } from './EnterpriseConsoleApi';

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

  private get<T>(path: string): Promise<T> {
    return this.send('GET', path);
  }

  private async send<T>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<T> {
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
    // Some answers (a cancel, say) may carry no body.
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }
}
