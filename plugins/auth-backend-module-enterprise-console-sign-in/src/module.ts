import {
  coreServices,
  createBackendModule,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import {
  AuthProviderFactory,
  authProvidersExtensionPoint,
} from '@backstage/plugin-auth-node';
import { createGuestProviderFactory } from './guestProvider';
import { SignInPolicy } from './SignInPolicy';
import { EnterpriseConsoleServiceClient } from '@internal/plugin-enterprise-console-node';
import { ConsoleSignupChecker } from './ConsoleSignupChecker';

/**
 * The sign-in policy of the auth plugin, for auth modules that register
 * their own providers: `providers.registerProvider({ providerId, factory:
 * signInPolicy.wrap(factory) })`.
 *
 * @public
 */
export const enterpriseConsoleSignInPolicyServiceRef =
  createServiceRef<SignInPolicy>({
    id: 'enterprise-console.sign-in-policy',
    scope: 'plugin',
    defaultFactory: async service =>
      createServiceFactory({
        service,
        deps: {
          discovery: coreServices.discovery,
          auth: coreServices.auth,
          logger: coreServices.logger,
          config: coreServices.rootConfig,
        },
        factory({ discovery, auth, logger, config }) {
          const whenUnavailable = config.getOptionalString(
            'enterpriseConsole.signIn.whenUnavailable',
          );
          if (
            whenUnavailable !== undefined &&
            whenUnavailable !== 'deny' &&
            whenUnavailable !== 'allow'
          ) {
            throw new Error(
              `enterpriseConsole.signIn.whenUnavailable must be deny or allow, not ${whenUnavailable}`,
            );
          }
          return new SignInPolicy({
            checker: new ConsoleSignupChecker({
              client: new EnterpriseConsoleServiceClient({ discovery, auth }),
            }),
            logger,
            whenUnavailable: whenUnavailable ?? 'deny',
          });
        },
      }),
  });

/**
 * Registers the `guest` provider of development with the Enterprise
 * Console's sign-in policy; install it instead of
 * `@backstage/plugin-auth-backend-module-guest-provider`.
 *
 * @public
 */
export const authModuleEnterpriseConsoleSignIn = signInPolicyModule(
  'enterprise-console-sign-in',
  { providerId: 'guest', factory: createGuestProviderFactory() },
);

/**
 * An auth module that registers any provider (an OAuth provider built with
 * `createOAuthProviderFactory`, a proxy provider) with the Enterprise
 * Console's sign-in policy. Install it instead of the provider's own
 * module:
 *
 * ```ts
 * backend.add(createEnterpriseConsoleProviderModule({
 *   providerId: 'google',
 *   factory: createOAuthProviderFactory({
 *     authenticator: googleAuthenticator,
 *     signInResolverFactories: { ...googleSignInResolvers, ...commonSignInResolvers },
 *   }),
 * }));
 * ```
 *
 * @public
 */
export function createEnterpriseConsoleProviderModule(options: {
  providerId: string;
  factory: AuthProviderFactory;
}) {
  return signInPolicyModule(
    `${options.providerId}-provider-enterprise-console-sign-in`,
    options,
  );
}

/** An auth module registering one provider, wrapped in the sign-in policy. */
function signInPolicyModule(
  moduleId: string,
  provider: { providerId: string; factory: AuthProviderFactory },
) {
  return createBackendModule({
    pluginId: 'auth',
    moduleId,
    register(reg) {
      reg.registerInit({
        deps: {
          providers: authProvidersExtensionPoint,
          policy: enterpriseConsoleSignInPolicyServiceRef,
        },
        async init({ providers, policy }) {
          providers.registerProvider({
            providerId: provider.providerId,
            factory: policy.wrap(provider.factory),
          });
        },
      });
    },
  });
}
