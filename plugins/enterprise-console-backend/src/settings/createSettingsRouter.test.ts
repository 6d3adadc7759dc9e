import { PermissionsService } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { EnterpriseSettings } from '@internal/plugin-enterprise-console-common';
import type { Express } from 'express';
import { Knex } from 'knex';
import { resolve as resolvePath } from 'path';
import request from 'supertest';
import { apiApp } from '../__testUtils__/apiApp';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { migrateKnex } from '../database/migrateDatabase';
import { createAuthorizer } from '../permissions/authorize';
import { accountSchema, AccountStore, TenantStore } from '../tenants';
import { createSettingsArea } from './index';
import { SettingsStore } from './SettingsStore';
import { SETTINGS_LIMITS } from './validation';

const databases = createTestDatabases({ testTimeoutMs: 60_000 });

const ADMIN = 'user:default/ada';
const OTHER = 'user:default/bob';

/**
 * A permission service that allows everything except the permission names
 * denied to a user (or to everyone with '*').
 */
function permissionsDenying(denied: Record<string, string[]>) {
  const calls: Array<{ user: string; name: string; resourceRef?: string }> = [];
  const service = mockServices.permissions.mock({
    authorize: (async (requests: any[], { credentials }: any) =>
      requests.map(r => {
        const user =
          credentials.principal.userEntityRef ?? credentials.principal.subject;
        calls.push({
          user,
          name: r.permission.name,
          resourceRef: r.resourceRef,
        });
        const deniedNames = [...(denied[user] ?? []), ...(denied['*'] ?? [])];
        return {
          result: deniedNames.includes(r.permission.name)
            ? AuthorizeResult.DENY
            : AuthorizeResult.ALLOW,
        };
      })) as PermissionsService['authorize'],
  });
  return { service, calls };
}

async function setup(
  knex: Knex,
  options: { denied?: Record<string, string[]> } = {},
) {
  await migrateKnex(knex);
  const accounts = new AccountStore(knex);
  const tenants = new TenantStore(knex);
  for (const account of [
    {
      id: 'acme',
      name: 'Acme',
      enterprise: true,
      adminRefs: [ADMIN],
      invoicing: 'consolidated',
    },
    { id: 'globex', name: 'Globex', enterprise: true },
    { id: 'smallco', name: 'Small Co' },
  ]) {
    await accounts.upsert(accountSchema.parse(account));
  }
  const { service: permissions, calls } = permissionsDenying(
    options.denied ?? {},
  );
  const auditor = mockServices.auditor.mock();
  const httpAuth = mockServices.httpAuth({
    defaultCredentials: mockCredentials.user(ADMIN),
  });
  const area = createSettingsArea({
    db: knex,
    config: mockServices.rootConfig({
      data: {
        auth: { providers: { guest: {}, google: {}, microsoft: {} } },
      },
    }),
    httpAuth,
    authorizer: createAuthorizer({
      httpAuth,
      permissions,
      permissionsRegistry: mockServices.permissionsRegistry.mock(),
      db: knex,
    }),
    auditor,
    accounts,
    tenants,
  });
  const app = await apiApp(area.router);
  return { app, auditor, calls, tenants };
}

const restricted: EnterpriseSettings = {
  restrictTenantCreation: true,
  restrictSignups: true,
  restrictSignupDomains: ['acme.com', '*.acme.org'],
  restrictSignupMessage: 'Ask Acme IT for an account.',
  exportDefaults: {
    fileType: 'excel-csv',
    dateConversion: 'tenant-timezone',
    checkboxExpansion: 'expanded',
  },
  sso: { providers: [{ providerId: 'google', domains: ['acme.io'] }] },
};

/** Waits until a PostgreSQL session waits on a lock another one holds. */
async function waitForLockWaiter(knex: Knex) {
  for (let attempt = 0; attempt < 100; attempt++) {
    const waiting = await knex('pg_stat_activity')
      .where({
        wait_event_type: 'Lock',
        datname: knex.raw('current_database()'),
      })
      .count({ n: '*' });
    if (Number(waiting[0].n) > 0) {
      return;
    }
    await new Promise(resolve => setTimeout(resolve, 50));
  }
  throw new Error('no session waited on a lock');
}

/** Approves every pending domain binding, as a platform admin would. */
async function approvePending(app: Express) {
  const pending = await request(app)
    .get('/v1/domain-bindings?status=pending')
    .expect(200);
  for (const binding of pending.body.items) {
    await request(app)
      .post(`/v1/domain-bindings/${binding.id}/approve`)
      .expect(200);
  }
}

/** The audit events' success/fail calls, in order. */
async function auditOutcomes(
  auditor: ReturnType<typeof mockServices.auditor.mock>,
) {
  const events = auditor.createEvent.mock.results.map(r => r.value);
  return Promise.all(
    events.map(async promise => {
      const event = await promise;
      return {
        success: event.success.mock.calls.map((c: any[]) => c[0]),
        fail: event.fail.mock.calls.map((c: any[]) => c[0]),
      };
    }),
  );
}

describe.each(databases.eachSupportedId())('settings routes on %p', id => {
  let knex: Knex;
  beforeEach(async () => {
    knex = await databases.init(id);
  });

  it('answers the defaults until saved, then round-trips what was saved', async () => {
    const { app } = await setup(knex);
    const initial = await request(app).get('/v1/accounts/acme/settings');
    expect(initial.status).toBe(200);
    expect(initial.body).toEqual({
      accountId: 'acme',
      restrictTenantCreation: false,
      restrictSignups: false,
      restrictSignupDomains: [],
      restrictSignupMessage: '',
      exportDefaults: {
        fileType: 'csv',
        dateConversion: 'utc',
        checkboxExpansion: 'combined',
      },
      sso: { providers: [] },
      updatedAt: null,
      updatedBy: null,
      domainBindings: [],
    });

    const put = await request(app)
      .put('/v1/accounts/acme/settings')
      .send(restricted);
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ accountId: 'acme', ...restricted });
    expect(put.body.updatedBy).toBe(ADMIN);
    expect(new Date(put.body.updatedAt).getTime()).not.toBeNaN();
    expect(put.body.domainBindings).toEqual([
      { domain: '*.acme.org', status: 'pending' },
      { domain: 'acme.com', status: 'pending' },
      { domain: 'acme.io', status: 'pending' },
    ]);

    const read = await request(app).get('/v1/accounts/acme/settings');
    expect(read.body).toEqual(put.body);

    // What was read may be sent back as it is.
    const again = await request(app)
      .put('/v1/accounts/acme/settings')
      .send(read.body);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject(restricted);

    // Fields left out take their defaults.
    const partial = await request(app)
      .put('/v1/accounts/acme/settings')
      .send({ restrictTenantCreation: true });
    expect(partial.status).toBe(200);
    expect(partial.body).toMatchObject({
      restrictTenantCreation: true,
      restrictSignups: false,
      restrictSignupDomains: [],
      sso: { providers: [] },
    });
  });

  it('audits every change with before, after and the actor', async () => {
    const { app, auditor } = await setup(knex);
    await request(app).put('/v1/accounts/acme/settings').send(restricted);
    await request(app)
      .put('/v1/accounts/acme/settings')
      .send({ ...restricted, restrictSignups: false });
    await request(app)
      .put('/v1/accounts/acme/settings')
      .send({ restrictSignups: true });

    expect(auditor.createEvent).toHaveBeenCalledTimes(3);
    expect(auditor.createEvent).toHaveBeenCalledWith(
      expect.objectContaining({
        eventId: 'settings-update',
        severityLevel: 'medium',
        meta: { accountId: 'acme', actor: ADMIN },
      }),
    );
    const [first, second, third] = await auditOutcomes(auditor);
    expect(first.success[0].meta.before).toMatchObject({
      restrictSignups: false,
      updatedAt: null,
    });
    expect(first.success[0].meta.after).toMatchObject(restricted);
    expect(first.success[0].meta.actor).toBe(ADMIN);
    expect(second.success[0].meta.before).toMatchObject({
      restrictSignups: true,
    });
    expect(second.success[0].meta.after).toMatchObject({
      restrictSignups: false,
    });
    expect(third.success).toEqual([]);
    expect(third.fail[0].error.name).toBe('InputError');
  });

  it.each([
    [
      'a missing message while restricting',
      { restrictSignups: true, restrictSignupDomains: ['acme.com'] },
      'restrictSignupMessage is required while restrictSignups is on',
    ],
    [
      'a blank message while restricting',
      {
        restrictSignups: true,
        restrictSignupDomains: ['acme.com'],
        restrictSignupMessage: '   ',
      },
      'restrictSignupMessage',
    ],
    [
      'no domain while restricting',
      { restrictSignups: true, restrictSignupMessage: 'No' },
      'restrictSignupDomains needs at least one domain',
    ],
    [
      'an uppercase domain',
      { restrictSignupDomains: ['Acme.com'] },
      'restrictSignupDomains.0 must be lowercase',
    ],
    [
      'a scheme',
      { restrictSignupDomains: ['https://acme.com'] },
      'restrictSignupDomains.0 must be a domain name without a scheme',
    ],
    [
      'an email address',
      { restrictSignupDomains: ['ok.com', 'ada@acme.com'] },
      'restrictSignupDomains.1 must be a domain name, not an email address',
    ],
    [
      'an inner wildcard',
      { restrictSignupDomains: ['acme.*.com'] },
      'restrictSignupDomains.0 may only use a wildcard',
    ],
    [
      'a single label',
      { restrictSignupDomains: ['localhost'] },
      'restrictSignupDomains.0 must be a DNS name',
    ],
    [
      'an IP address',
      { restrictSignupDomains: ['10.0.0.1'] },
      'restrictSignupDomains.0 must be a DNS name',
    ],
    [
      'a public suffix',
      { restrictSignupDomains: ['acme.com', 'co.uk'] },
      'restrictSignupDomains.1 co.uk is a public suffix; an account may only bind domains registered under it, such as example.co.uk',
    ],
    [
      'a wildcard over a public suffix',
      { restrictSignupDomains: ['*.co.uk'] },
      'restrictSignupDomains.0 *.co.uk covers co.uk, which is a public suffix; an account may only bind domains registered under it, such as example.co.uk',
    ],
    [
      'a public suffix of the private section',
      { restrictSignupDomains: ['*.github.io'] },
      'restrictSignupDomains.0 *.github.io covers github.io, which is a public suffix',
    ],
    [
      'an SSO domain that is a public suffix',
      {
        sso: {
          providers: [
            { providerId: 'google', domains: ['acme.io', 'github.io'] },
          ],
        },
      },
      'sso.providers.0.domains.1 github.io is a public suffix; an account may only bind domains registered under it, such as example.github.io',
    ],
    [
      'a repeated domain',
      { restrictSignupDomains: ['acme.com', 'acme.com'] },
      'restrictSignupDomains.1 repeats acme.com',
    ],
    [
      'too many domains',
      {
        restrictSignupDomains: Array.from(
          { length: SETTINGS_LIMITS.signupDomains + 1 },
          (_, i) => `d${i}.example.com`,
        ),
      },
      'restrictSignupDomains',
    ],
    [
      'a huge message',
      { restrictSignupMessage: 'x'.repeat(100_000) },
      'restrictSignupMessage',
    ],
    [
      'an unknown field',
      { restrictEverything: true },
      'unknown field restrictEverything',
    ],
    [
      'an unknown export field',
      { exportDefaults: { fileType: 'csv', colour: 'red' } },
      'unknown field colour',
    ],
    [
      'an unknown file type',
      { exportDefaults: { fileType: 'xlsx' } },
      'exportDefaults.fileType',
    ],
    ['a wrong type', { restrictSignups: 'yes' }, 'restrictSignups'],
    [
      'an unconfigured provider',
      { sso: { providers: [{ providerId: 'okta', domains: ['acme.com'] }] } },
      'sso.providers.0.providerId okta is not an identity provider of the portal',
    ],
    [
      'a domain bound to two providers',
      {
        sso: {
          providers: [
            { providerId: 'google', domains: ['acme.com'] },
            { providerId: 'microsoft', domains: ['acme.com'] },
          ],
        },
      },
      'sso.providers.1.domains.0 acme.com is already bound to google',
    ],
    [
      'a provider without domains',
      { sso: { providers: [{ providerId: 'google', domains: [] }] } },
      'sso.providers.0.domains',
    ],
    [
      'another account id',
      { accountId: 'globex' },
      "accountId must match the path's accountId",
    ],
    ['an array body', [restricted], 'must be a JSON object'],
  ])(
    'refuses %s with a 400 naming the field and changes nothing',
    async (_, body, message) => {
      const { app } = await setup(knex);
      await request(app).put('/v1/accounts/acme/settings').send(restricted);
      await approvePending(app);
      const before = await request(app).get('/v1/accounts/acme/settings');

      const res = await request(app)
        .put('/v1/accounts/acme/settings')
        .send(body as object);
      expect(res.status).toBe(400);
      expect(res.body.error.name).toBe('InputError');
      expect(res.body.error.message).toContain(message);

      const after = await request(app).get('/v1/accounts/acme/settings');
      expect(after.body).toEqual(before.body);
    },
  );

  it('answers 404 for unknown accounts and 409 for non-enterprise ones', async () => {
    const { app } = await setup(knex);
    for (const path of [
      '/v1/accounts/nope/settings',
      '/v1/accounts/NOT%20A%20SLUG/settings',
    ]) {
      expect((await request(app).get(path)).status).toBe(404);
      expect((await request(app).put(path).send({})).status).toBe(404);
    }
    const get = await request(app).get('/v1/accounts/smallco/settings');
    expect(get.status).toBe(409);
    expect(get.body.error.message).toContain('not an enterprise account');
    expect(
      (await request(app).put('/v1/accounts/smallco/settings').send({})).status,
    ).toBe(409);
    expect(
      (await request(app).get('/v1/sso/providers?accountId=smallco')).status,
    ).toBe(409);
  });

  it('refuses an SSO domain another account holds approved with a 409', async () => {
    const { app } = await setup(knex);
    await request(app)
      .put('/v1/accounts/acme/settings')
      .send({
        sso: { providers: [{ providerId: 'google', domains: ['acme.io'] }] },
      })
      .expect(200);
    await approvePending(app);
    const globex = {
      sso: {
        providers: [{ providerId: 'microsoft', domains: ['acme.io'] }],
      },
    };
    const res = await request(app)
      .put('/v1/accounts/globex/settings')
      .send(globex);
    expect(res.status).toBe(409);
    expect(res.body.error.message).toBe(
      'SSO domain acme.io is already bound by account acme',
    );
    expect(
      (await request(app).get('/v1/accounts/globex/settings')).body.updatedAt,
    ).toBeNull();
    // The owner may move its approved domain to another provider: it
    // applies at once, with no new approval.
    await request(app)
      .put('/v1/accounts/acme/settings')
      .send(globex)
      .expect(200);
    const check = await request(app)
      .post('/v1/signup-check')
      .send({ email: 'a@acme.io', providerId: 'google' })
      .expect(200);
    expect(check.body).toMatchObject({
      allowed: false,
      accountId: 'acme',
      requiredProvider: 'microsoft',
    });
  });

  it('needs settings.read to read and settings.update to change, on the account', async () => {
    const { app, calls, auditor } = await setup(knex, {
      denied: {
        [OTHER]: [
          'enterprise-console.settings.read',
          'enterprise-console.settings.update',
        ],
        [ADMIN]: ['enterprise-console.settings.update'],
      },
    });
    const asOther = mockCredentials.user.header(OTHER);
    for (const path of [
      '/v1/accounts/acme/settings',
      '/v1/accounts/nope/settings',
    ]) {
      const get = await request(app).get(path).set('Authorization', asOther);
      expect(get.status).toBe(403);
      expect(get.body.error.name).toBe('NotAllowedError');
    }
    expect(
      (
        await request(app)
          .get('/v1/sso/providers?accountId=acme')
          .set('Authorization', asOther)
      ).status,
    ).toBe(403);

    // The admin may read but not change.
    expect((await request(app).get('/v1/accounts/acme/settings')).status).toBe(
      200,
    );
    const put = await request(app)
      .put('/v1/accounts/acme/settings')
      .send(restricted);
    expect(put.status).toBe(403);
    expect(put.body.error.message).toContain(
      'enterprise-console.settings.update',
    );
    expect(
      (await request(app).get('/v1/accounts/acme/settings')).body.updatedAt,
    ).toBeNull();
    expect(calls).toContainEqual({
      user: ADMIN,
      name: 'enterprise-console.settings.update',
      resourceRef: 'acme',
    });
    const [outcome] = await auditOutcomes(auditor);
    expect(outcome.fail[0].error.name).toBe('NotAllowedError');
  });

  it('answers 401 without credentials', async () => {
    const { app } = await setup(knex);
    const none = mockCredentials.none.header();
    expect(
      (
        await request(app)
          .get('/v1/accounts/acme/settings')
          .set('Authorization', none)
      ).status,
    ).toBe(401);
    expect(
      (
        await request(app)
          .post('/v1/signup-check')
          .set('Authorization', none)
          .send({ email: 'a@acme.com' })
      ).status,
    ).toBe(401);
  });

  it('lists the portal providers with the domains the account binds', async () => {
    const { app } = await setup(knex);
    await request(app)
      .put('/v1/accounts/acme/settings')
      .send({
        sso: {
          providers: [
            { providerId: 'microsoft', domains: ['acme.com', '*.acme.eu'] },
          ],
        },
      })
      .expect(200);
    const res = await request(app).get('/v1/sso/providers?accountId=acme');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      items: [
        { providerId: 'guest', configured: true, domains: [] },
        { providerId: 'google', configured: true, domains: [] },
        {
          providerId: 'microsoft',
          configured: true,
          domains: ['acme.com', '*.acme.eu'],
        },
      ],
    });
    expect((await request(app).get('/v1/sso/providers')).status).toBe(400);
    expect(
      (await request(app).get('/v1/sso/providers?accountId=acme&x=1')).status,
    ).toBe(400);
  });

  describe('tenant creation', () => {
    const tenant = { id: 'acme-new', accountId: 'acme', name: 'New clinic' };

    it('creates a tenant, defaults createdAt to now, and audits it', async () => {
      const { app, auditor, tenants } = await setup(knex);
      const before = Date.now();
      const res = await request(app).post('/v1/tenants').send(tenant);
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        result: 'created',
        tenant: {
          ...tenant,
          createdAt: expect.any(String),
          timezone: 'UTC',
          feedLimit: 25,
          plan: null,
          edition: null,
          status: null,
        },
      });
      expect(
        new Date(res.body.tenant.createdAt).getTime(),
      ).toBeGreaterThanOrEqual(before - 1000);
      expect(await tenants.get('acme-new')).toEqual(res.body.tenant);
      expect(auditor.createEvent).toHaveBeenCalledWith(
        expect.objectContaining({ eventId: 'tenant-create' }),
      );
      const [outcome] = await auditOutcomes(auditor);
      expect(outcome.success[0].meta).toMatchObject({
        actor: ADMIN,
        tenantId: 'acme-new',
        accountId: 'acme',
        after: res.body.tenant,
      });
    });

    it('answers 409 for an existing id and leaves the tenant alone', async () => {
      const { app, tenants } = await setup(knex);
      await request(app).post('/v1/tenants').send(tenant).expect(201);
      const res = await request(app)
        .post('/v1/tenants')
        .send({
          ...tenant,
          name: 'Other name',
          createdAt: '2020-01-01T00:00:00Z',
        });
      expect(res.status).toBe(409);
      expect((await tenants.get('acme-new'))?.name).toBe('New clinic');
    });

    it.each([
      [{ ...tenant, accountId: 'nope' }, 'accountId nope does not exist'],
      [{ ...tenant, id: 'Bad Id' }, 'id must be lowercase'],
      [{ ...tenant, plan: 'gold' }, 'unknown field plan'],
      [{ accountId: 'acme', name: 'x' }, 'id'],
      [{ ...tenant, url: ['javascript', 'alert(1)'].join(':') }, 'url'],
      [{ ...tenant, timezone: 'Mars/Olympus' }, 'timezone'],
    ])('refuses %p with a 400 and creates nothing', async (body, message) => {
      const { app } = await setup(knex);
      const res = await request(app).post('/v1/tenants').send(body);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(message);
      expect(Number((await knex('tenants').count({ n: '*' }))[0].n)).toBe(0);
    });

    it('needs enterprise-console.tenant.create', async () => {
      const { app } = await setup(knex, {
        denied: { [OTHER]: ['enterprise-console.tenant.create'] },
      });
      const res = await request(app)
        .post('/v1/tenants')
        .set('Authorization', mockCredentials.user.header(OTHER))
        .send(tenant);
      expect(res.status).toBe(403);
      expect(res.body.error.message).toContain(
        'enterprise-console.tenant.create',
      );
    });

    it('lets only enterprise admins create tenants while the account restricts it', async () => {
      // Bob holds tenant.create but is no admin of acme (no settings.update on it).
      const { app, calls } = await setup(knex, {
        denied: { [OTHER]: ['enterprise-console.settings.update'] },
      });
      const asBob = mockCredentials.user.header(OTHER);

      // Without the restriction Bob may create tenants.
      await request(app)
        .post('/v1/tenants')
        .set('Authorization', asBob)
        .send({ ...tenant, id: 'acme-bob-1' })
        .expect(201);

      await request(app)
        .put('/v1/accounts/acme/settings')
        .send({ restrictTenantCreation: true })
        .expect(200);

      const refused = await request(app)
        .post('/v1/tenants')
        .set('Authorization', asBob)
        .send({ ...tenant, id: 'acme-bob-2' });
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toContain(
        'restricts tenant creation to its enterprise admins',
      );
      expect(calls).toContainEqual({
        user: OTHER,
        name: 'enterprise-console.settings.update',
        resourceRef: 'acme',
      });

      // Another account's restriction does not apply to globex.
      await request(app)
        .post('/v1/tenants')
        .set('Authorization', asBob)
        .send({ ...tenant, id: 'globex-bob', accountId: 'globex' })
        .expect(201);

      // Ada administers acme.
      await request(app)
        .post('/v1/tenants')
        .send({ ...tenant, id: 'acme-ada' })
        .expect(201);
    });
  });

  describe('signup check', () => {
    async function check(app: Express, body: object) {
      const res = await request(app)
        .post('/v1/signup-check')
        .set('Authorization', mockCredentials.service.header())
        .send(body);
      expect(res.status).toBe(200);
      return res.body;
    }

    it('refuses restricted domains with the account message and allows others', async () => {
      const { app } = await setup(knex);
      expect(await check(app, { email: 'ada@acme.com' })).toEqual({
        allowed: true,
      });
      await request(app)
        .put('/v1/accounts/acme/settings')
        .send(restricted)
        .expect(200);
      await approvePending(app);

      const refused = {
        allowed: false,
        accountId: 'acme',
        message: 'Ask Acme IT for an account.',
        signupRestricted: true,
      };
      expect(await check(app, { email: 'ada@acme.com' })).toEqual(refused);
      expect(await check(app, { email: ' Ada@ACME.com' })).toEqual(refused);
      // *.acme.org covers subdomains at any depth, not acme.org itself.
      expect(await check(app, { email: 'b@eu.acme.org' })).toEqual(refused);
      expect(await check(app, { email: 'b@x.eu.acme.org' })).toEqual(refused);
      expect(await check(app, { email: 'b@acme.org' })).toEqual({
        allowed: true,
      });
      expect(await check(app, { email: 'c@example.com' })).toEqual({
        allowed: true,
      });
      expect(await check(app, { email: 'c@notacme.com' })).toEqual({
        allowed: true,
      });

      // Turned off: applies at once, the list is kept.
      await request(app)
        .put('/v1/accounts/acme/settings')
        .send({ ...restricted, restrictSignups: false })
        .expect(200);
      await approvePending(app);
      expect(await check(app, { email: 'ada@acme.com' })).toEqual({
        allowed: true,
      });
    });

    it('ignores the settings of an account that is no longer enterprise', async () => {
      const { app } = await setup(knex);
      await request(app).put('/v1/accounts/acme/settings').send(restricted);
      await new AccountStore(knex).upsert({
        id: 'acme',
        name: 'Acme',
        enterprise: false,
        adminRefs: [],
        adminEmails: [],
        invoicing: 'consolidated',
        currency: 'USD',
        autopay: false,
      });
      expect(await check(app, { email: 'ada@acme.com' })).toEqual({
        allowed: true,
      });
    });

    it('answers the provider an SSO domain must use', async () => {
      const { app } = await setup(knex);
      await request(app)
        .put('/v1/accounts/acme/settings')
        .send({
          sso: {
            providers: [
              { providerId: 'google', domains: ['*.acme.io'] },
              { providerId: 'microsoft', domains: ['eu.acme.io'] },
            ],
          },
        })
        .expect(200);
      await approvePending(app);
      expect(await check(app, { email: 'a@us.acme.io' })).toEqual({
        allowed: true,
        accountId: 'acme',
        requiredProvider: 'google',
      });
      expect(
        await check(app, { email: 'a@us.acme.io', providerId: 'google' }),
      ).toEqual({
        allowed: true,
        accountId: 'acme',
        requiredProvider: 'google',
      });
      expect(
        await check(app, { email: 'a@us.acme.io', providerId: 'guest' }),
      ).toEqual({
        allowed: false,
        accountId: 'acme',
        requiredProvider: 'google',
        message: 'Users of us.acme.io must sign in with google',
      });
      // The most specific binding wins.
      expect(
        await check(app, { email: 'a@eu.acme.io', providerId: 'microsoft' }),
      ).toEqual({
        allowed: true,
        accountId: 'acme',
        requiredProvider: 'microsoft',
      });
    });

    it('answers both when a domain is restricted and bound', async () => {
      const { app } = await setup(knex);
      await request(app)
        .put('/v1/accounts/acme/settings')
        .send({
          ...restricted,
          sso: { providers: [{ providerId: 'google', domains: ['acme.com'] }] },
        })
        .expect(200);
      await approvePending(app);
      expect(
        await check(app, { email: 'a@acme.com', providerId: 'google' }),
      ).toEqual({
        allowed: false,
        accountId: 'acme',
        message: 'Ask Acme IT for an account.',
        signupRestricted: true,
        requiredProvider: 'google',
      });
      expect(
        await check(app, { email: 'a@acme.com', providerId: 'guest' }),
      ).toMatchObject({
        allowed: false,
        requiredProvider: 'google',
        signupRestricted: true,
        message: 'Users of acme.com must sign in with google',
      });
    });

    it('tells a caller without settings.read on the deciding account only what a refused user is told', async () => {
      const { app, calls } = await setup(knex, {
        denied: { '*': ['enterprise-console.settings.read'] },
      });
      await request(app)
        .put('/v1/accounts/acme/settings')
        .send({
          ...restricted,
          sso: {
            providers: [
              { providerId: 'google', domains: ['acme.com', 'acme.io'] },
            ],
          },
        })
        .expect(200);
      await approvePending(app);
      const asUser = async (body: object) => {
        const res = await request(app)
          .post('/v1/signup-check')
          .set('Authorization', mockCredentials.user.header(OTHER))
          .send(body);
        expect(res.status).toBe(200);
        return res.body;
      };
      for (const ask of [(body: object) => check(app, body), asUser]) {
        // Restricted: refused with the account's message, nothing more.
        expect(await ask({ email: 'a@eu.acme.org' })).toEqual({
          allowed: false,
          message: 'Ask Acme IT for an account.',
        });
        expect(
          await ask({ email: 'a@acme.com', providerId: 'google' }),
        ).toEqual({
          allowed: false,
          message: 'Ask Acme IT for an account.',
        });
        // The wrong provider: the provider a refused user is told to use,
        // which the sign-in module needs to refuse existing users too.
        expect(await ask({ email: 'a@acme.io', providerId: 'guest' })).toEqual({
          allowed: false,
          message: 'Users of acme.io must sign in with google',
          requiredProvider: 'google',
        });
        // Allowed: no binding, no account.
        expect(await ask({ email: 'a@acme.io', providerId: 'google' })).toEqual(
          { allowed: true },
        );
        expect(await ask({ email: 'a@acme.io' })).toEqual({ allowed: true });
        expect(await ask({ email: 'a@example.com' })).toEqual({
          allowed: true,
        });
      }
      expect(calls).toContainEqual({
        user: OTHER,
        name: 'enterprise-console.settings.read',
        resourceRef: 'acme',
      });
    });

    it.each([
      [{}, 'email'],
      [{ email: 'not-an-email' }, 'email must be an email address'],
      [{ email: 'a@' }, 'email must be an email address'],
      [{ email: 'a@localhost' }, 'email must be an email address'],
      [{ email: 42 }, 'email'],
      [{ email: `${'a'.repeat(300)}@acme.com` }, 'email'],
      [{ email: 'a@acme.com', extra: 1 }, 'unknown field extra'],
    ])('refuses %p with a 400', async (body, message) => {
      const { app } = await setup(knex);
      const res = await request(app).post('/v1/signup-check').send(body);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(message);
    });
  });

  describe('domain bindings', () => {
    async function signup(app: Express, body: object) {
      const res = await request(app)
        .post('/v1/signup-check')
        .set('Authorization', mockCredentials.service.header())
        .send(body)
        .expect(200);
      return res.body;
    }
    async function pending(app: Express) {
      const res = await request(app)
        .get('/v1/domain-bindings?status=pending')
        .expect(200);
      return res.body.items as Array<Record<string, any>>;
    }
    async function states(app: Express) {
      const res = await request(app)
        .get('/v1/accounts/acme/settings')
        .expect(200);
      return res.body.domainBindings;
    }

    it('applies a new domain only once a platform admin approved it', async () => {
      const { app } = await setup(knex);
      await request(app)
        .put('/v1/accounts/acme/settings')
        .send(restricted)
        .expect(200);
      // Pending: neither the restriction nor the SSO binding applies.
      expect(await signup(app, { email: 'ada@acme.com' })).toEqual({
        allowed: true,
      });
      expect(
        await signup(app, { email: 'a@acme.io', providerId: 'guest' }),
      ).toEqual({ allowed: true });

      const queue = await pending(app);
      expect(queue.map(b => [b.accountId, b.domain, b.status])).toEqual([
        ['acme', '*.acme.org', 'pending'],
        ['acme', 'acme.com', 'pending'],
        ['acme', 'acme.io', 'pending'],
      ]);
      expect(queue[0]).toMatchObject({
        requestedBy: ADMIN,
        decidedAt: null,
        decidedBy: null,
      });
      expect(new Date(queue[0].requestedAt).getTime()).not.toBeNaN();
      const byDomain = Object.fromEntries(queue.map(b => [b.domain, b.id]));

      const approved = await request(app)
        .post(`/v1/domain-bindings/${byDomain['acme.com']}/approve`)
        .expect(200);
      expect(approved.body).toMatchObject({
        id: byDomain['acme.com'],
        accountId: 'acme',
        domain: 'acme.com',
        status: 'approved',
        decidedBy: ADMIN,
      });
      expect(await signup(app, { email: 'ada@acme.com' })).toEqual({
        allowed: false,
        accountId: 'acme',
        message: 'Ask Acme IT for an account.',
        signupRestricted: true,
      });
      // Still pending: *.acme.org does not apply yet.
      expect(await signup(app, { email: 'b@eu.acme.org' })).toEqual({
        allowed: true,
      });

      const rejected = await request(app)
        .post(`/v1/domain-bindings/${byDomain['acme.io']}/reject`)
        .send({ reason: 'acme.io belongs to another company' })
        .expect(200);
      expect(rejected.body).toMatchObject({
        domain: 'acme.io',
        status: 'rejected',
        reason: 'acme.io belongs to another company',
      });
      expect(
        await signup(app, { email: 'a@acme.io', providerId: 'guest' }),
      ).toEqual({ allowed: true });
      expect(await states(app)).toEqual([
        { domain: '*.acme.org', status: 'pending' },
        { domain: 'acme.com', status: 'approved' },
        {
          domain: 'acme.io',
          status: 'rejected',
          reason: 'acme.io belongs to another company',
        },
      ]);
      expect((await pending(app)).map(b => b.domain)).toEqual(['*.acme.org']);
      const approvedList = await request(app)
        .get('/v1/domain-bindings?status=approved')
        .expect(200);
      expect(approvedList.body.items.map((b: any) => b.domain)).toEqual([
        'acme.com',
      ]);

      // Decided once only.
      const again = await request(app)
        .post(`/v1/domain-bindings/${byDomain['acme.com']}/reject`)
        .send({ reason: 'changed my mind' });
      expect(again.status).toBe(409);
      expect(again.body.error.message).toBe(
        `Domain binding ${byDomain['acme.com']} is already approved; only a pending binding can be approved or rejected`,
      );

      // Saving again keeps each state; a domain removed and bound again is
      // a new request.
      await request(app)
        .put('/v1/accounts/acme/settings')
        .send(restricted)
        .expect(200);
      expect((await states(app)).map((b: any) => b.status)).toEqual([
        'pending',
        'approved',
        'rejected',
      ]);
      await request(app)
        .put('/v1/accounts/acme/settings')
        .send({ ...restricted, restrictSignupDomains: ['*.acme.org'] })
        .expect(200);
      await request(app)
        .put('/v1/accounts/acme/settings')
        .send(restricted)
        .expect(200);
      expect(await states(app)).toContainEqual({
        domain: 'acme.com',
        status: 'pending',
      });
      expect(await signup(app, { email: 'ada@acme.com' })).toEqual({
        allowed: true,
      });
    });

    it('keeps the domains bound before its migration in force', async () => {
      const { app } = await setup(knex);
      await request(app)
        .put('/v1/accounts/acme/settings')
        .send(restricted)
        .expect(200);
      const directory = resolvePath(__dirname, '../../migrations');
      await knex.migrate.down({
        directory,
        name: '20261130110000_domain_bindings.js',
      });
      // Settings saved then wrote every SSO domain to account_sso_domains.
      await knex('account_sso_domains').insert({
        domain: 'acme.io',
        account_id: 'acme',
        provider_id: 'google',
      });
      await knex.migrate.latest({ directory });
      expect(await pending(app)).toEqual([]);
      expect((await states(app)).map((b: any) => b.status)).toEqual([
        'approved',
        'approved',
        'approved',
      ]);
      expect(await signup(app, { email: 'ada@acme.com' })).toMatchObject({
        allowed: false,
        signupRestricted: true,
      });
      expect(
        await signup(app, { email: 'a@acme.io', providerId: 'guest' }),
      ).toMatchObject({ allowed: false, requiredProvider: 'google' });
    });

    describe('an SSO domain requested by several accounts', () => {
      const ssoOf = (providerId: string, domains: string[]) => ({
        sso: { providers: [{ providerId, domains }] },
      });
      const save = (app: Express, accountId: string, body: object) =>
        request(app).put(`/v1/accounts/${accountId}/settings`).send(body);
      /** The id of the binding of the domain by the account, in any state. */
      async function bindingOf(
        app: Express,
        accountId: string,
        domain: string,
      ): Promise<string> {
        for (const status of ['pending', 'approved', 'rejected']) {
          const res = await request(app)
            .get(`/v1/domain-bindings?status=${status}`)
            .expect(200);
          const found = res.body.items.find(
            (b: any) => b.accountId === accountId && b.domain === domain,
          );
          if (found) {
            return found.id;
          }
        }
        throw new Error(`no binding of ${domain} by ${accountId}`);
      }
      const decide = (app: Express, bindingId: string, action: string) =>
        action === 'approve'
          ? request(app).post(`/v1/domain-bindings/${bindingId}/approve`)
          : request(app)
              .post(`/v1/domain-bindings/${bindingId}/reject`)
              .send({ reason: 'Not yours' });
      const ssoRows = () =>
        knex('account_sso_domains')
          .select('domain', 'account_id', 'provider_id')
          .orderBy(['domain', 'account_id']);

      it('lets a request wait beside another, and the first approval take the domain', async () => {
        const { app } = await setup(knex);
        await save(app, 'acme', ssoOf('google', ['bigcorp.com'])).expect(200);
        // A pending request holds nothing: another account may ask too.
        await save(app, 'globex', ssoOf('microsoft', ['bigcorp.com'])).expect(
          200,
        );
        expect(await ssoRows()).toEqual([]);
        expect(
          (await pending(app)).map(b => [b.accountId, b.domain, b.status]),
        ).toEqual([
          ['acme', 'bigcorp.com', 'pending'],
          ['globex', 'bigcorp.com', 'pending'],
        ]);
        expect(
          await signup(app, { email: 'a@bigcorp.com', providerId: 'guest' }),
        ).toEqual({ allowed: true });

        const acmes = await bindingOf(app, 'acme', 'bigcorp.com');
        const globexes = await bindingOf(app, 'globex', 'bigcorp.com');
        await decide(app, acmes, 'approve').expect(200);
        expect(
          await signup(app, { email: 'a@bigcorp.com', providerId: 'guest' }),
        ).toEqual({
          allowed: false,
          accountId: 'acme',
          requiredProvider: 'google',
          message: 'Users of bigcorp.com must sign in with google',
        });

        // The second approval is refused and changes nothing.
        const refused = await decide(app, globexes, 'approve');
        expect(refused.status).toBe(409);
        expect(refused.body.error.message).toBe(
          'SSO domain bigcorp.com is already bound by account acme',
        );
        expect(
          (await pending(app)).map(b => [b.id, b.accountId, b.status]),
        ).toEqual([[globexes, 'globex', 'pending']]);
        expect(await ssoRows()).toEqual([
          {
            domain: 'bigcorp.com',
            account_id: 'acme',
            provider_id: 'google',
          },
        ]);
        // Now held: globex may not save it again, while acme may.
        const again = await save(
          app,
          'globex',
          ssoOf('microsoft', ['bigcorp.com']),
        );
        expect(again.status).toBe(409);
        expect(again.body.error.message).toBe(
          'SSO domain bigcorp.com is already bound by account acme',
        );
        await save(app, 'acme', {
          ...ssoOf('google', ['bigcorp.com']),
          restrictTenantCreation: true,
        }).expect(200);
        // Restricting sign-ups to the domain holds no key: it may be
        // requested and approved beside the SSO binding.
        await save(app, 'globex', {
          restrictSignupDomains: ['bigcorp.com'],
        }).expect(200);
        await decide(
          app,
          await bindingOf(app, 'globex', 'bigcorp.com'),
          'approve',
        ).expect(200);

        // Removed from acme's settings, the domain is free again, and
        // globex's binding of it, approved already, takes it at once.
        await save(app, 'acme', {}).expect(200);
        expect(await ssoRows()).toEqual([]);
        expect(
          await signup(app, { email: 'a@bigcorp.com', providerId: 'guest' }),
        ).toEqual({ allowed: true });
        await save(app, 'globex', ssoOf('microsoft', ['bigcorp.com'])).expect(
          200,
        );
        expect(await ssoRows()).toEqual([
          {
            domain: 'bigcorp.com',
            account_id: 'globex',
            provider_id: 'microsoft',
          },
        ]);
        expect(
          await signup(app, { email: 'a@bigcorp.com', providerId: 'guest' }),
        ).toMatchObject({
          allowed: false,
          accountId: 'globex',
          requiredProvider: 'microsoft',
        });
      });

      it('frees a domain whose request was rejected', async () => {
        const { app } = await setup(knex);
        await save(app, 'globex', ssoOf('microsoft', ['bigcorp.com'])).expect(
          200,
        );
        await decide(
          app,
          await bindingOf(app, 'globex', 'bigcorp.com'),
          'reject',
        ).expect(200);
        expect(await ssoRows()).toEqual([]);

        await save(app, 'acme', ssoOf('google', ['bigcorp.com'])).expect(200);
        await decide(
          app,
          await bindingOf(app, 'acme', 'bigcorp.com'),
          'approve',
        ).expect(200);
        expect(
          await signup(app, { email: 'a@bigcorp.com', providerId: 'guest' }),
        ).toMatchObject({ accountId: 'acme', requiredProvider: 'google' });
        // The rejected account keeps its request until it removes it, and
        // may save no settings that name the domain now held.
        const res = await save(app, 'globex', {
          ...ssoOf('microsoft', ['bigcorp.com']),
          restrictTenantCreation: true,
        });
        expect(res.status).toBe(409);
        expect(res.body.error.message).toBe(
          'SSO domain bigcorp.com is already bound by account acme',
        );
        await save(app, 'globex', { restrictTenantCreation: true }).expect(200);
      });

      it('lets one of two approvals at once win, and names the winner to the other', async () => {
        const { app } = await setup(knex);
        await save(app, 'acme', ssoOf('google', ['bigcorp.com'])).expect(200);
        await save(app, 'globex', ssoOf('microsoft', ['bigcorp.com'])).expect(
          200,
        );
        const ids = [
          await bindingOf(app, 'acme', 'bigcorp.com'),
          await bindingOf(app, 'globex', 'bigcorp.com'),
        ];
        const results = await Promise.all(
          ids.map(bindingId => decide(app, bindingId, 'approve')),
        );
        const statuses = results.map(res => res.status).sort();
        expect(statuses).toEqual([200, 409]);
        const winner = results.find(res => res.status === 200)!.body.accountId;
        expect(
          results.find(res => res.status === 409)!.body.error.message,
        ).toBe(`SSO domain bigcorp.com is already bound by account ${winner}`);
        expect(await ssoRows()).toEqual([
          expect.objectContaining({
            domain: 'bigcorp.com',
            account_id: winner,
          }),
        ]);
        expect((await pending(app)).map(b => b.accountId)).toEqual([
          winner === 'acme' ? 'globex' : 'acme',
        ]);
      });

      it('settles an approval racing another transaction by the key on the domain', async () => {
        const { app } = await setup(knex);
        await save(app, 'acme', ssoOf('google', ['bigcorp.com'])).expect(200);
        await save(app, 'globex', ssoOf('microsoft', ['bigcorp.com'])).expect(
          200,
        );
        const globexes = await bindingOf(app, 'globex', 'bigcorp.com');
        // acme's domain taken in a transaction still open while globex's
        // approval runs: on PostgreSQL the approval found the domain free
        // and waits on the key; SQLite runs one transaction at a time.
        const store = new SettingsStore(knex);
        const first = await knex.transaction();
        let second;
        try {
          await store.occupySsoDomain(first, 'acme', 'bigcorp.com');
          second = decide(app, globexes, 'approve').then(res => res);
          if (knex.client.config.client === 'pg') {
            await waitForLockWaiter(knex);
          } else {
            await new Promise(resolve => setTimeout(resolve, 100));
          }
          await first.commit();
        } finally {
          if (!first.isCompleted()) {
            await first.rollback();
          }
        }
        const res = await second;
        expect(res.status).toBe(409);
        expect(res.body.error.message).toBe(
          'SSO domain bigcorp.com is already bound by account acme',
        );
        expect((await pending(app)).map(b => b.id)).toContain(globexes);
      });

      it('drops the SSO rows of domains not approved that were stored before its migration', async () => {
        const { app } = await setup(knex);
        await save(
          app,
          'acme',
          ssoOf('google', ['acme.io', 'bigcorp.com']),
        ).expect(200);
        await decide(
          app,
          await bindingOf(app, 'acme', 'acme.io'),
          'approve',
        ).expect(200);
        await save(app, 'globex', ssoOf('microsoft', ['globex.io'])).expect(
          200,
        );
        await decide(
          app,
          await bindingOf(app, 'globex', 'globex.io'),
          'reject',
        ).expect(200);
        // What settings saved before wrote for every SSO domain.
        await knex('account_sso_domains').insert([
          { domain: 'bigcorp.com', account_id: 'acme', provider_id: 'google' },
          {
            domain: 'globex.io',
            account_id: 'globex',
            provider_id: 'microsoft',
          },
        ]);
        const directory = resolvePath(__dirname, '../../migrations');
        await knex.migrate.down({
          directory,
          name: '20261130143000_sso_domains_approved_only.js',
        });
        await knex.migrate.latest({ directory });

        expect(await ssoRows()).toEqual([
          { domain: 'acme.io', account_id: 'acme', provider_id: 'google' },
        ]);
        expect(
          await signup(app, { email: 'a@acme.io', providerId: 'guest' }),
        ).toMatchObject({ allowed: false, requiredProvider: 'google' });
        // The pending request no longer keeps another account out.
        await save(app, 'globex', ssoOf('microsoft', ['bigcorp.com'])).expect(
          200,
        );
      });
    });

    it('audits each decision with the binding before and after', async () => {
      const { app, auditor } = await setup(knex);
      await request(app)
        .put('/v1/accounts/acme/settings')
        .send({
          sso: { providers: [{ providerId: 'google', domains: ['acme.io'] }] },
        })
        .expect(200);
      const [binding] = await pending(app);
      await request(app)
        .post(`/v1/domain-bindings/${binding.id}/reject`)
        .send({ reason: 'Not yours' })
        .expect(200);
      expect(auditor.createEvent).toHaveBeenLastCalledWith(
        expect.objectContaining({
          eventId: 'domain-binding-reject',
          severityLevel: 'high',
          meta: { bindingId: binding.id, actor: ADMIN },
        }),
      );
      const outcomes = await auditOutcomes(auditor);
      const last = outcomes[outcomes.length - 1];
      expect(last.success[0].meta).toMatchObject({
        bindingId: binding.id,
        accountId: 'acme',
        domain: 'acme.io',
        actor: ADMIN,
        before: { status: 'pending', decidedBy: null },
        after: { status: 'rejected', reason: 'Not yours', decidedBy: ADMIN },
      });
    });

    it('needs enterprise-console.domain.approve to list, approve and reject', async () => {
      const { app } = await setup(knex, {
        denied: { '*': ['enterprise-console.domain.approve'] },
      });
      await request(app)
        .put('/v1/accounts/acme/settings')
        .send(restricted)
        .expect(200);
      const [bindingId] = await knex('domain_bindings').pluck('id');
      for (const res of [
        await request(app).get('/v1/domain-bindings'),
        await request(app).post(`/v1/domain-bindings/${bindingId}/approve`),
        await request(app)
          .post(`/v1/domain-bindings/${bindingId}/reject`)
          .send({ reason: 'no' }),
      ]) {
        expect(res.status).toBe(403);
      }
      expect(
        Number(
          (
            await knex('domain_bindings')
              .where({ status: 'pending' })
              .count({ n: '*' })
          )[0].n,
        ),
      ).toBe(3);
    });

    it.each([
      [
        'get',
        '/v1/domain-bindings?status=bogus',
        undefined,
        'status must be one of pending, approved, rejected',
      ],
      [
        'get',
        '/v1/domain-bindings?accountId=acme',
        undefined,
        'unknown parameter accountId',
      ],
      [
        'post',
        '/v1/domain-bindings/ID/approve',
        { note: 'x' },
        'unknown field note',
      ],
      [
        'post',
        '/v1/domain-bindings/ID/reject',
        {},
        'Invalid rejection: reason',
      ],
      [
        'post',
        '/v1/domain-bindings/ID/reject',
        { reason: '  ' },
        'Invalid rejection: reason',
      ],
    ])('refuses %s %s %p with a 400', async (method, route, body, message) => {
      const { app } = await setup(knex);
      await request(app)
        .put('/v1/accounts/acme/settings')
        .send(restricted)
        .expect(200);
      const [bindingId] = await knex('domain_bindings').pluck('id');
      const url = route.replace('ID', bindingId);
      const res =
        method === 'get'
          ? await request(app).get(url)
          : await request(app).post(url).send(body);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(message);
    });

    it('answers 404 for an unknown binding', async () => {
      const { app } = await setup(knex);
      for (const bindingId of [
        '00000000-0000-4000-8000-000000000000',
        'nope',
      ]) {
        const res = await request(app).post(
          `/v1/domain-bindings/${bindingId}/approve`,
        );
        expect(res.status).toBe(404);
        expect(res.body.error.message).toBe(
          `Domain binding ${bindingId} not found`,
        );
      }
    });
  });
});
