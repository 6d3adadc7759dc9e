import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  SignupCheckRequest,
  SignupCheckResponse,
} from '@internal/plugin-enterprise-console-common';

/** Answers the Enterprise Console's sign-up check for an email. */
export interface SignupChecker {
  check(request: SignupCheckRequest): Promise<SignupCheckResponse>;
}

/**
 * Asks the Enterprise Console backend (`POST /v1/signup-check`) as the
 * auth plugin's own service principal.
 */
export class SignupCheckClient implements SignupChecker {
  constructor(
    private readonly options: {
      discovery: DiscoveryService;
      auth: AuthService;
      timeoutMs?: number;
      /** Waits between attempts; the last failure is thrown after them. */
      retryDelaysMs?: number[];
      fetch?: typeof fetch;
    },
  ) {}

  async check(request: SignupCheckRequest): Promise<SignupCheckResponse> {
    // While the backend starts, the console plugin may not be mounted yet
    // (404) although the auth plugin already serves sign-ins; transient
    // failures are retried for a few seconds rather than refusing them.
    const delays = this.options.retryDelaysMs ?? [250, 500, 1000, 2000, 4000];
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.checkOnce(request);
      } catch (error) {
        if (attempt >= delays.length) {
          throw error;
        }
        await new Promise(resolve => setTimeout(resolve, delays[attempt]));
      }
    }
  }

  private async checkOnce(
    request: SignupCheckRequest,
  ): Promise<SignupCheckResponse> {
    const { discovery, auth } = this.options;
    const baseUrl = await discovery.getBaseUrl('enterprise-console');
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: await auth.getOwnServiceCredentials(),
      targetPluginId: 'enterprise-console',
    });
    const response = await (this.options.fetch ?? fetch)(
      `${baseUrl}/v1/signup-check`,
      {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Authorization: `Bearer ${token}`,
        },
        body: JSON.stringify(request),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      },
    );
    // The console refuses addresses without a DNS domain (user@localhost):
    // no domain policy can name them, so there is nothing to enforce.
    if (response.status === 400) {
      return { allowed: true };
    }
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as SignupCheckResponse;
  }
}
