import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  authProvidersExtensionPoint,
  createProxyAuthenticator,
  createProxyAuthProviderFactory,
} from '@backstage/plugin-auth-node';

/** The header that names the catalog user to sign in as. */
export const DEMO_PERSONA_HEADER = 'x-demo-persona';

/**
 * Reads the persona from a sign-in request: a catalog user name, nothing
 * else, so the header cannot address other kinds or namespaces.
 */
export function personaFromHeader(value: unknown): string {
  if (typeof value !== 'string' || !/^[a-z0-9][a-z0-9._-]{0,62}$/.test(value)) {
    throw new NotAllowedError(
      `Sign in as a demo persona needs the ${DEMO_PERSONA_HEADER} header naming a catalog user`,
    );
  }
  return value;
}

/**
 * Development only: signs in as any catalog user named in the
 * `x-demo-persona` header, so that demos and browser tests can see the
 * portal through the eyes of users with different roles (an enterprise
 * admin, an auditor, a user without roles). Registered only when
 * `enterpriseConsole.demoPersonas.enabled` is true and the backend runs in
 * development mode.
 */
export const authModuleDemoPersona = createBackendModule({
  pluginId: 'auth',
  moduleId: 'demo-persona-provider',
  register(reg) {
    reg.registerInit({
      deps: {
        providers: authProvidersExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
      },
      async init({ providers, config, logger }) {
        const enabled = config.getOptionalBoolean(
          'enterpriseConsole.demoPersonas.enabled',
        );
        if (!enabled || process.env.NODE_ENV !== 'development') {
          return;
        }
        logger.warn(
          'Demo persona sign-in is enabled: anyone can sign in as any catalog user. Never enable it in production.',
        );
        providers.registerProvider({
          providerId: 'demo-persona',
          factory: createProxyAuthProviderFactory({
            authenticator: createProxyAuthenticator({
              defaultProfileTransform: async () => ({ profile: {} }),
              initialize: () => undefined,
              async authenticate({ req }) {
                return {
                  result: {
                    persona: personaFromHeader(req.get(DEMO_PERSONA_HEADER)),
                  },
                };
              },
            }),
            signInResolver: async ({ result }, ctx) =>
              ctx.signInWithCatalogUser({
                entityRef: { name: result.persona },
              }),
          }),
        });
      },
    });
  },
});
