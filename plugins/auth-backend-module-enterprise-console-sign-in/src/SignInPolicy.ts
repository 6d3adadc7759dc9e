import { LoggerService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  isError,
  NotAllowedError,
  ServiceUnavailableError,
} from '@backstage/errors';
import {
  AuthProviderFactory,
  AuthResolverCatalogUserQuery,
  AuthResolverContext,
} from '@backstage/plugin-auth-node';
import { SignupChecker } from './SignupChecker';

/** A sign-in about to be granted. */
export interface SignInAttempt {
  /** The email the domain policy judges; without one there is nothing to judge. */
  email?: string;
  /** The auth provider signing the user in, e.g. `google` or `guest`. */
  providerId: string;
  /** No catalog user matched: this sign-in is a sign-up. */
  newUser: boolean;
}

function profileEmail(entity: Entity): string | undefined {
  const email = (entity.spec?.profile as { email?: unknown } | undefined)
    ?.email;
  return typeof email === 'string' && email ? email : undefined;
}

/**
 * The email a catalog query looks the user up by, if any: the common
 * resolvers filter on `spec.profile.email`, provider resolvers match an
 * `…/email` annotation.
 */
function emailInQuery(query: AuthResolverCatalogUserQuery): string | undefined {
  const candidates: unknown[] = [];
  if ('filter' in query) {
    for (const filter of [query.filter].flat()) {
      for (const [key, value] of Object.entries(filter)) {
        if (key.toLowerCase() === 'spec.profile.email') {
          candidates.push(...[value].flat());
        }
      }
    }
  } else if ('annotations' in query) {
    for (const [key, value] of Object.entries(query.annotations)) {
      if (/(^|\/)email$/i.test(key)) {
        candidates.push(value);
      }
    }
  }
  return candidates.find(
    (value): value is string =>
      typeof value === 'string' && value.includes('@'),
  );
}

async function findUser(
  ctx: AuthResolverContext,
  query: AuthResolverCatalogUserQuery,
): Promise<Entity | undefined> {
  try {
    return (await ctx.findCatalogUser(query)).entity;
  } catch (error) {
    if (isError(error) && error.name === 'NotFoundError') {
      return undefined;
    }
    throw error;
  }
}

/**
 * Applies the Enterprise Console's sign-up restriction and SSO domain
 * policy to sign-ins.
 *
 * It works on the resolver context rather than on a particular sign-in
 * resolver: whatever resolver a provider uses, it can only mint a Backstage
 * token through `signInWithCatalogUser` or `issueToken` of the context it is
 * given, so guarding those two covers every resolver of every provider
 * wrapped with {@link SignInPolicy.wrap}.
 */
export class SignInPolicy {
  constructor(
    private readonly options: {
      checker: SignupChecker;
      logger: LoggerService;
      /** What to do when the console cannot answer; 'deny' by default. */
      whenUnavailable?: 'deny' | 'allow';
    },
  ) {}

  /** Throws NotAllowedError with the account's message when refused. */
  async assertAllowed(attempt: SignInAttempt): Promise<void> {
    if (!attempt.email) {
      return;
    }
    let answer;
    try {
      answer = await this.options.checker.check({
        email: attempt.email,
        providerId: attempt.providerId,
      });
    } catch (error) {
      if (this.options.whenUnavailable === 'allow') {
        this.options.logger.warn(
          `Sign-in of ${attempt.email} through ${attempt.providerId} let through unchecked: the Enterprise Console sign-up check failed`,
          isError(error) ? error : undefined,
        );
        return;
      }
      throw new ServiceUnavailableError(
        'Sign-in is unavailable: the sign-up policy could not be checked',
        error,
      );
    }
    // SSO binds everyone of the domain, existing users included.
    if (
      answer.requiredProvider !== undefined &&
      answer.requiredProvider !== attempt.providerId
    ) {
      throw new NotAllowedError(
        answer.message ??
          `Users of this email domain must sign in with ${answer.requiredProvider}`,
      );
    }
    // The sign-up restriction only stops users the catalog does not know.
    if (attempt.newUser && !answer.allowed) {
      throw new NotAllowedError(
        answer.message ?? 'Sign-ups from this email domain are restricted',
      );
    }
  }

  /**
   * A resolver context that checks the policy before any token is issued
   * for the provider.
   */
  guardContext(
    ctx: AuthResolverContext,
    providerId: string,
  ): AuthResolverContext {
    return {
      findCatalogUser: query => ctx.findCatalogUser(query),
      resolveOwnershipEntityRefs: entity =>
        ctx.resolveOwnershipEntityRefs(entity),
      signInWithCatalogUser: async (query, options) => {
        const entity = await findUser(ctx, query);
        if (entity) {
          await this.assertAllowed({
            email: profileEmail(entity) ?? emailInQuery(query),
            providerId,
            newUser: false,
          });
        } else if (options?.dangerousEntityRefFallback) {
          await this.assertAllowed({
            email: emailInQuery(query),
            providerId,
            newUser: true,
          });
        }
        // Not found and no fallback: the original throws NotFoundError, as
        // resolvers that try the next resolver expect.
        return ctx.signInWithCatalogUser(query, options);
      },
      issueToken: async params => {
        let entity: Entity | undefined;
        try {
          entity = await findUser(ctx, { entityRef: params.claims.sub });
        } catch {
          // A subject that is no catalog ref: a user the catalog cannot know.
          entity = undefined;
        }
        await this.assertAllowed({
          email: entity ? profileEmail(entity) : undefined,
          providerId,
          newUser: !entity,
        });
        return ctx.issueToken(params);
      },
    };
  }

  /**
   * Wraps any auth provider factory (OAuth, proxy, guest) so that its
   * sign-ins obey the policy.
   */
  wrap(factory: AuthProviderFactory): AuthProviderFactory {
    return options =>
      factory({
        ...options,
        resolverContext: this.guardContext(
          options.resolverContext,
          options.providerId,
        ),
      });
  }
}
