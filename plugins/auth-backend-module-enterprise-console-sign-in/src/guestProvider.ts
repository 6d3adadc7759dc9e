import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthProviderFactory,
  createProxyAuthenticator,
  createProxyAuthProviderFactory,
} from '@backstage/plugin-auth-node';

interface GuestResult {
  userEntityRef: string;
  ownershipEntityRefs: string[];
}

/*
 * The guest provider of development, registered by this module so that its
 * sign-ins pass through the policy: the stock guest module keeps its
 * factory to itself, and a provider id can be registered only once. Same
 * config keys and behaviour, except that a refusal by the policy is not
 * swallowed by the fallback to a catalog-less token.
 */
const guestAuthenticator = createProxyAuthenticator<
  { enabled: boolean } & GuestResult,
  GuestResult,
  undefined
>({
  defaultProfileTransform: async () => ({ profile: {} }),
  initialize({ config }) {
    const userEntityRef = stringifyEntityRef(
      parseEntityRef(
        config.getOptionalString('userEntityRef') ?? 'user:development/guest',
        { defaultKind: 'user', defaultNamespace: 'default' },
      ),
    );
    return {
      enabled:
        process.env.NODE_ENV === 'development' ||
        config.getOptionalBoolean('dangerouslyAllowOutsideDevelopment') ===
          true,
      userEntityRef,
      ownershipEntityRefs: config.getOptionalStringArray(
        'ownershipEntityRefs',
      ) ?? [userEntityRef],
    };
  },
  async authenticate(_, { enabled, userEntityRef, ownershipEntityRefs }) {
    if (!enabled) {
      throw new NotAllowedError(
        "The guest provider cannot be used outside of development unless 'auth.providers.guest.dangerouslyAllowOutsideDevelopment' is enabled",
      );
    }
    return { result: { userEntityRef, ownershipEntityRefs } };
  },
});

/** The factory of the `guest` provider (auth.providers.guest). */
export function createGuestProviderFactory(): AuthProviderFactory {
  return createProxyAuthProviderFactory<GuestResult>({
    authenticator: guestAuthenticator,
    async signInResolver({ result }, ctx) {
      try {
        return await ctx.signInWithCatalogUser({
          entityRef: result.userEntityRef,
        });
      } catch (error) {
        if ((error as Error)?.name !== 'NotFoundError') {
          throw error;
        }
        return ctx.issueToken({
          claims: {
            sub: result.userEntityRef,
            ent: result.ownershipEntityRefs,
          },
        });
      }
    },
  });
}
