/**
 * Auth backend module that applies the Enterprise Console's sign-up
 * restriction and SSO domain policy to every sign-in.
 *
 * @packageDocumentation
 */

export { authModuleEnterpriseConsoleSignIn as default } from './module';
export {
  createEnterpriseConsoleProviderModule,
  enterpriseConsoleSignInPolicyServiceRef,
} from './module';
export { createGuestProviderFactory } from './guestProvider';
export { SignInPolicy } from './SignInPolicy';
export type { SignInAttempt } from './SignInPolicy';
export { ConsoleSignupChecker } from './ConsoleSignupChecker';
export type { SignupChecker } from './SignupChecker';
