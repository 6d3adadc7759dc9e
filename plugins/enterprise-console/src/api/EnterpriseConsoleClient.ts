import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  AccountSummary,
  EnterpriseSettings,
  EnterpriseSettingsResponse,
  Page,
  SsoProviderInfo,
  TenantDetail,
} from '@internal/plugin-enterprise-console-common';
import { EnterpriseConsoleApi } from './EnterpriseConsoleApi';

/**
 * Talks to the Enterprise Console backend over HTTP with the user's credentials.
 *
 * @public
 */
export class EnterpriseConsoleClient implements EnterpriseConsoleApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async listAccounts(
    options: { limit?: number; cursor?: string } = {},
  ): Promise<Page<AccountSummary>> {
    const query = new URLSearchParams();
    if (options.limit !== undefined) query.set('limit', String(options.limit));
    if (options.cursor) query.set('cursor', options.cursor);
    const suffix = query.size ? `?${query}` : '';
    return this.get(`/v1/accounts${suffix}`);
  }

  async getTenant(tenantId: string): Promise<TenantDetail> {
    return this.get(`/v1/tenants/${encodeURIComponent(tenantId)}`);
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
    return (await response.json()) as T;
  }
}
