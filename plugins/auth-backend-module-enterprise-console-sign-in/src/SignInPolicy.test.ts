import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { AuthResolverContext } from '@backstage/plugin-auth-node';
import { SignupCheckResponse } from '@internal/plugin-enterprise-console-common';
import { SignInPolicy } from './SignInPolicy';
import { SignupChecker } from './SignupChecker';

/** A console that restricts acme.com sign-ups and binds globex.com to google. */
function fakeConsole(): SignupChecker & { calls: unknown[] } {
  const calls: unknown[] = [];
  return {
    calls,
    async check({ email, providerId }): Promise<SignupCheckResponse> {
      calls.push({ email, providerId });
      const domain = email.split('@')[1];
      if (domain === 'globex.com') {
        return providerId === 'google'
          ? { allowed: true, accountId: 'globex', requiredProvider: 'google' }
          : {
              allowed: false,
              accountId: 'globex',
              requiredProvider: 'google',
              message: 'Users of globex.com must sign in with google',
            };
      }
      if (domain === 'acme.com') {
        return {
          allowed: false,
          accountId: 'acme',
          signupRestricted: true,
          message: 'Ask Acme IT for an account.',
        };
      }
      return { allowed: true };
    },
  };
}

function user(name: string, email?: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name, namespace: 'default' },
    spec: email ? { profile: { email } } : {},
  };
}

/** A resolver context over a tiny catalog, recording the tokens it issues. */
function fakeContext(users: Entity[]) {
  const issued: string[] = [];
  const byRef = (ref: string) =>
    users.find(u => `user:default/${u.metadata.name}` === ref.toLowerCase());
  const ctx: AuthResolverContext = {
    async findCatalogUser(query) {
      let entity: Entity | undefined;
      if ('entityRef' in query) {
        const ref =
          typeof query.entityRef === 'string'
            ? query.entityRef
            : `user:default/${query.entityRef.name}`;
        entity = byRef(ref.includes(':') ? ref : `user:default/${ref}`);
      } else if ('filter' in query) {
        const email = (query.filter as Record<string, string>)[
          'spec.profile.email'
        ];
        entity = users.find(
          u => (u.spec?.profile as { email?: string })?.email === email,
        );
      }
      if (!entity) {
        throw new NotFoundError('User not found');
      }
      return { entity };
    },
    async signInWithCatalogUser(query, options) {
      try {
        const { entity } = await ctx.findCatalogUser(query);
        issued.push(`user:default/${entity.metadata.name}`);
      } catch (error) {
        if (!options?.dangerousEntityRefFallback) {
          throw error;
        }
        issued.push(String(options.dangerousEntityRefFallback.entityRef));
      }
      return { token: 'token' };
    },
    async issueToken(params) {
      issued.push(params.claims.sub);
      return { token: 'token' };
    },
    async resolveOwnershipEntityRefs(entity) {
      return { ownershipEntityRefs: [`user:default/${entity.metadata.name}`] };
    },
  };
  return { ctx, issued };
}

const catalog = [
  user('ada', 'ada@acme.com'),
  user('gus', 'gus@globex.com'),
  user('eve', 'eve@example.com'),
  user('nomail'),
];

describe('SignInPolicy', () => {
  const checker = fakeConsole();
  const policy = new SignInPolicy({
    checker,
    logger: mockServices.logger.mock(),
  });

  it('refuses a new user of a restricted domain with the account message', async () => {
    const { ctx, issued } = fakeContext(catalog);
    const guarded = policy.guardContext(ctx, 'github');
    await expect(
      guarded.signInWithCatalogUser(
        { filter: { 'spec.profile.email': 'new@acme.com' } },
        { dangerousEntityRefFallback: { entityRef: 'user:default/new' } },
      ),
    ).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: 'Ask Acme IT for an account.',
    });
    expect(issued).toEqual([]);
  });

  it('lets known users of a restricted domain and new users of other domains in', async () => {
    const { ctx, issued } = fakeContext(catalog);
    const guarded = policy.guardContext(ctx, 'github');
    await guarded.signInWithCatalogUser({
      filter: { 'spec.profile.email': 'ada@acme.com' },
    });
    await guarded.signInWithCatalogUser(
      { filter: { 'spec.profile.email': 'new@example.com' } },
      { dangerousEntityRefFallback: { entityRef: 'user:default/new' } },
    );
    expect(issued).toEqual(['user:default/ada', 'user:default/new']);
  });

  it('enforces the provider an SSO domain must use, for known users too', async () => {
    const { ctx, issued } = fakeContext(catalog);
    await expect(
      policy
        .guardContext(ctx, 'github')
        .signInWithCatalogUser({ entityRef: 'gus' }),
    ).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: 'Users of globex.com must sign in with google',
    });
    await policy
      .guardContext(ctx, 'google')
      .signInWithCatalogUser({ entityRef: 'gus' });
    expect(issued).toEqual(['user:default/gus']);
  });

  it('checks tokens issued without the catalog', async () => {
    const { ctx, issued } = fakeContext(catalog);
    const guarded = policy.guardContext(ctx, 'github');
    await expect(
      guarded.issueToken({ claims: { sub: 'user:default/gus' } }),
    ).rejects.toMatchObject({ name: 'NotAllowedError' });
    // Unknown subject, no email to judge: nothing to enforce.
    await guarded.issueToken({ claims: { sub: 'user:default/stranger' } });
    await guarded.issueToken({ claims: { sub: 'not a ref' } });
    await guarded.issueToken({ claims: { sub: 'user:default/nomail' } });
    expect(issued).toEqual([
      'user:default/stranger',
      'not a ref',
      'user:default/nomail',
    ]);
  });

  it('keeps NotFoundError for resolvers that try the next one', async () => {
    const { ctx } = fakeContext(catalog);
    await expect(
      policy
        .guardContext(ctx, 'github')
        .signInWithCatalogUser({ entityRef: 'nobody' }),
    ).rejects.toMatchObject({ name: 'NotFoundError' });
  });

  it('wraps any provider factory', async () => {
    const { ctx, issued } = fakeContext(catalog);
    // A provider whose resolver matches by email, as the OAuth ones do.
    const factory = policy.wrap(options => ({
      async start() {},
      async frameHandler(req: any) {
        await options.resolverContext.signInWithCatalogUser(
          { filter: { 'spec.profile.email': req.email } },
          { dangerousEntityRefFallback: { entityRef: 'user:default/x' } },
        );
      },
    }));
    const handlers = factory({
      providerId: 'microsoft',
      resolverContext: ctx,
    } as any);
    await expect(
      handlers.frameHandler({ email: 'gus@globex.com' } as any, {} as any),
    ).rejects.toMatchObject({ name: 'NotAllowedError' });
    await handlers.frameHandler({ email: 'eve@example.com' } as any, {} as any);
    expect(issued).toEqual(['user:default/eve']);
    expect(checker.calls).toContainEqual({
      email: 'gus@globex.com',
      providerId: 'microsoft',
    });
  });

  it('refuses when the console cannot answer, unless configured to allow', async () => {
    const failing: SignupChecker = {
      check: async () => {
        throw new Error('connection refused');
      },
    };
    const { ctx, issued } = fakeContext(catalog);
    await expect(
      new SignInPolicy({ checker: failing, logger: mockServices.logger.mock() })
        .guardContext(ctx, 'guest')
        .signInWithCatalogUser({ entityRef: 'eve' }),
    ).rejects.toMatchObject({ name: 'ServiceUnavailableError' });
    const logger = mockServices.logger.mock();
    await new SignInPolicy({
      checker: failing,
      logger,
      whenUnavailable: 'allow',
    })
      .guardContext(ctx, 'guest')
      .signInWithCatalogUser({ entityRef: 'eve' });
    expect(issued).toEqual(['user:default/eve']);
    expect(logger.warn).toHaveBeenCalled();
  });
});
