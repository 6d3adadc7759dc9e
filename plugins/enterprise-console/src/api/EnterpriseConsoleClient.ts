import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  AccountSummary,
  Page,
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

  private async get<T>(path: string): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('enterprise-console');
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
