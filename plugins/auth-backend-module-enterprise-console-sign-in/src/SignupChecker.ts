import {
  SignupCheckRequest,
  SignupCheckResponse,
} from '@internal/plugin-enterprise-console-common';

/** Answers the Enterprise Console's sign-up check for an email. */
export interface SignupChecker {
  check(request: SignupCheckRequest): Promise<SignupCheckResponse>;
}
