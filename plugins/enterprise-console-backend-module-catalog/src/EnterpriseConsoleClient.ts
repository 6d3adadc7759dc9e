import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  Account,
  Page,
  Tenant,
} from '@internal/plugin-enterprise-console-common';

/**
 * Reads accounts and tenants from the Enterprise Console backend over HTTP,
 * as this module's own service principal.
 */
export class EnterpriseConsoleClient {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly auth: AuthService,
  ) {}

  listAccounts(signal?: AbortSignal): Promise<Account[]> {
    return this.readAll<Account>('/v1/accounts', signal);
  }

  listTenants(signal?: AbortSignal): Promise<Tenant[]> {
    return this.readAll<Tenant>('/v1/tenants', signal);
  }

  private async readAll<T>(path: string, signal?: AbortSignal): Promise<T[]> {
    const baseUrl = await this.discovery.getBaseUrl('enterprise-console');
    const { token } = await this.auth.getPluginRequestToken({
      onBehalfOf: await this.auth.getOwnServiceCredentials(),
      targetPluginId: 'enterprise-console',
    });
    const items: T[] = [];
    let cursor: string | undefined;
    do {
      const query = new URLSearchParams({ limit: '1000' });
      if (cursor) query.set('cursor', cursor);
      const response = await fetch(`${baseUrl}${path}?${query}`, {
        headers: { Authorization: `Bearer ${token}` },
        signal,
      });
      if (!response.ok) {
        throw await ResponseError.fromResponse(response);
      }
      const page = (await response.json()) as Page<T>;
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return items;
  }
}
