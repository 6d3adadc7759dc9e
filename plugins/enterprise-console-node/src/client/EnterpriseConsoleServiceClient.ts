import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  Account,
  BillingTenantFeatures,
  Page,
  SignupCheckRequest,
  SignupCheckResponse,
  Tenant,
} from '@internal/plugin-enterprise-console-common';

/** The id the console backend is discovered and addressed by. */
const CONSOLE_PLUGIN_ID = 'enterprise-console';

/** Page size of the list reads; the backend's largest. */
const LIST_PAGE_SIZE = 1000;

/**
 * Options of one call of {@link EnterpriseConsoleServiceClient}.
 *
 * @public
 */
export interface EnterpriseConsoleServiceRequestOptions {
  /** Aborts the call, e.g. a scheduled task's signal or a timeout. */
  signal?: AbortSignal;
}

/**
 * Calls the Enterprise Console backend from another backend plugin
 * (backend to backend), as the calling plugin's own service principal. The
 * browser side uses the frontend plugin's `EnterpriseConsoleFrontendClient`
 * with the user's credentials instead.
 *
 * Every answer other than 2xx is thrown as a `ResponseError` of
 * `@backstage/errors`, carrying the console's status and error body.
 *
 * @public
 */
export class EnterpriseConsoleServiceClient {
  private readonly discovery: DiscoveryService;
  private readonly auth: AuthService;
  private readonly fetchApi: { fetch: typeof fetch };

  constructor(options: {
    discovery: DiscoveryService;
    auth: AuthService;
    /** Replaces the global fetch, e.g. in tests. */
    fetchApi?: { fetch: typeof fetch };
  }) {
    this.discovery = options.discovery;
    this.auth = options.auth;
    this.fetchApi = options.fetchApi ?? {
      fetch: (input, init) => fetch(input, init),
    };
  }

  /** Every account (`GET /v1/accounts`, all pages). */
  listAccounts(
    options?: EnterpriseConsoleServiceRequestOptions,
  ): Promise<Account[]> {
    return this.readAllPages<Account>('/v1/accounts', options);
  }

  /** Every tenant (`GET /v1/tenants`, all pages). */
  listTenants(
    options?: EnterpriseConsoleServiceRequestOptions,
  ): Promise<Tenant[]> {
    return this.readAllPages<Tenant>('/v1/tenants', options);
  }

  /**
   * The sign-up restriction and SSO domain policy for an email
   * (`POST /v1/signup-check`). An email the console cannot judge (no DNS
   * domain) is answered 400 and thrown like any other refusal.
   */
  async checkSignup(
    request: SignupCheckRequest,
    options?: EnterpriseConsoleServiceRequestOptions,
  ): Promise<SignupCheckResponse> {
    const { baseUrl, token } = await this.connect();
    const response = await this.fetchApi.fetch(`${baseUrl}/v1/signup-check`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Authorization: `Bearer ${token}`,
      },
      body: JSON.stringify(request),
      signal: options?.signal,
    });
    return this.parse<SignupCheckResponse>(response);
  }

  /**
   * A tenant's entitlements (`GET /v1/billing/tenants/{tenantId}/features`):
   * the features its plan grants and the features it uses. An unknown
   * tenant is thrown as a 404.
   */
  async getTenantFeatures(
    tenantId: string,
    options?: EnterpriseConsoleServiceRequestOptions,
  ): Promise<BillingTenantFeatures> {
    const { baseUrl, token } = await this.connect();
    const response = await this.fetchApi.fetch(
      `${baseUrl}/v1/billing/tenants/${encodeURIComponent(tenantId)}/features`,
      {
        headers: { Authorization: `Bearer ${token}` },
        signal: options?.signal,
      },
    );
    return this.parse<BillingTenantFeatures>(response);
  }

  private async readAllPages<T>(
    path: string,
    options?: EnterpriseConsoleServiceRequestOptions,
  ): Promise<T[]> {
    const { baseUrl, token } = await this.connect();
    const items: T[] = [];
    let cursor: string | undefined;
    do {
      const query = new URLSearchParams({ limit: String(LIST_PAGE_SIZE) });
      if (cursor) query.set('cursor', cursor);
      const response = await this.fetchApi.fetch(`${baseUrl}${path}?${query}`, {
        headers: { Authorization: `Bearer ${token}` },
        signal: options?.signal,
      });
      const page = await this.parse<Page<T>>(response);
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return items;
  }

  /** The console's base URL and a service token addressed to it. */
  private async connect(): Promise<{ baseUrl: string; token: string }> {
    const baseUrl = await this.discovery.getBaseUrl(CONSOLE_PLUGIN_ID);
    const { token } = await this.auth.getPluginRequestToken({
      onBehalfOf: await this.auth.getOwnServiceCredentials(),
      targetPluginId: CONSOLE_PLUGIN_ID,
    });
    return { baseUrl, token };
  }

  private async parse<T>(response: Response): Promise<T> {
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
