import { isError } from '@backstage/errors';
import {
  SignupCheckRequest,
  SignupCheckResponse,
} from '@internal/plugin-enterprise-console-common';
import { EnterpriseConsoleServiceClient } from '@internal/plugin-enterprise-console-node';
import { SignupChecker } from './SignupChecker';

/** A `ResponseError` of the console's 400; matched by name, not class. */
function isBadRequest(error: unknown): boolean {
  return (
    isError(error) &&
    error.name === 'ResponseError' &&
    (error as { statusCode?: number }).statusCode === 400
  );
}

/**
 * Asks the Enterprise Console backend (`POST /v1/signup-check`) through the
 * console's service client, so as the auth plugin's own service principal.
 */
export class ConsoleSignupChecker implements SignupChecker {
  constructor(
    private readonly options: {
      client: Pick<EnterpriseConsoleServiceClient, 'checkSignup'>;
      timeoutMs?: number;
      /** Waits between attempts; the last failure is thrown after them. */
      retryDelaysMs?: number[];
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
    try {
      return await this.options.client.checkSignup(request, {
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
    } catch (error) {
      // The console refuses what it cannot judge (an address without a DNS
      // domain, such as user@localhost). Unjudged is not allowed: the
      // sign-in fails closed, without retries, since asking again changes
      // nothing.
      if (isBadRequest(error)) {
        return {
          allowed: false,
          message:
            'This email address cannot be checked against the sign-up policy, so it may not sign in.',
        };
      }
      throw error;
    }
  }
}
