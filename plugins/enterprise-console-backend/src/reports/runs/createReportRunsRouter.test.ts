import { PermissionsService } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { apiApp } from '../../__testUtils__/apiApp';
import { createTestDatabases } from '../../__testUtils__/testDatabases';
import { createAuthorizer } from '../../permissions/authorize';
import { queueRun, setupRuns } from './__testUtils__/setupRuns';
import { countingDefinition } from './__testUtils__/syntheticDefinitions';
import { TEST_USAGE_METERS } from '../../__testUtils__/usageMeters';
import { TenantStore } from '../../tenants/TenantStore';
import { tenantSchema } from '../../tenants';
import { createTenantUsageReport } from '../definitions';
import { createReportRunsRouter } from './createReportRunsRouter';
import { ReportRunService } from './ReportRunService';

const databases = createTestDatabases({ testTimeoutMs: 60_000 });

const ADA = 'user:default/ada'; // account admin: console.read on acme
const BOB = 'user:default/bob'; // may export, not an admin
const CAROL = 'user:default/carol'; // may export, not an admin
const EVE = 'user:default/eve'; // may not export
const EXPORT = 'enterprise-console.report.export';
const CONSOLE_READ = 'enterprise-console.console.read';
const DENIED: Record<string, string[]> = {
  [BOB]: [CONSOLE_READ],
  [CAROL]: [CONSOLE_READ],
  [EVE]: [EXPORT, CONSOLE_READ],
};
const DAY = 24 * 60 * 60 * 1000;

const as = (user: string) => mockCredentials.user.header(user);

describe.each(databases.eachSupportedId())('report run routes on %p', id => {
  async function setup() {
    const knex = await databases.init(id);
    const stores = await setupRuns(knex);
    let clock = new Date('2026-11-22T12:00:00.000Z');
    const checks: Array<{ user: string; name: string; resourceRef?: string }> =
      [];
    const permissions = mockServices.permissions.mock({
      authorize: (async (requests: any[], { credentials }: any) =>
        requests.map(r => {
          const user =
            credentials.principal.userEntityRef ??
            credentials.principal.subject;
          checks.push({
            user,
            name: r.permission.name,
            resourceRef: r.resourceRef,
          });
          return {
            result: (DENIED[user] ?? []).includes(r.permission.name)
              ? AuthorizeResult.DENY
              : AuthorizeResult.ALLOW,
          };
        })) as PermissionsService['authorize'],
    });
    const httpAuth = mockServices.httpAuth();
    const authorizer = createAuthorizer({
      httpAuth,
      permissions,
      permissionsRegistry: mockServices.permissionsRegistry.mock(),
      db: knex,
    });
    const onQueued = jest.fn();
    const onCancelRequested = jest.fn();
    const reportRuns = new ReportRunService({
      db: knex,
      runs: stores.runs,
      accounts: stores.accounts,
      definitions: {
        'project-spaces': countingDefinition({ rows: 1 }),
        'tenant-usage': createTenantUsageReport(TEST_USAGE_METERS),
      },
      config: { maxActiveRunsPerUser: 3 },
      downloadUrlFor: run =>
        `https://portal.example/api/enterprise-console/v1/downloads/token-${run.id}`,
      onQueued,
      onCancelRequested,
      now: () => clock,
    });
    const app = await apiApp(
      createReportRunsRouter({ httpAuth, authorizer, reportRuns }),
    );
    const runCount = async () =>
      Number((await knex('report_runs').count({ n: '*' }))[0].n);
    const post = (user: string, body: object) =>
      request(app)
        .post('/v1/report-runs')
        .set('Authorization', as(user))
        .send(body);
    return {
      knex,
      ...stores,
      app,
      checks,
      onQueued,
      onCancelRequested,
      runCount,
      post,
      advance: (ms: number) => {
        clock = new Date(clock.getTime() + ms);
      },
      now: () => clock,
    };
  }

  async function create(
    post: (user: string, body: object) => request.Test,
    user: string,
  ): Promise<string> {
    const res = await post(user, { accountId: 'acme', type: 'project-spaces' });
    expect(res.status).toBe(202);
    return res.body.id;
  }

  it('queues a run and answers it in the API shape', async () => {
    const { app, post, onQueued, checks } = await setup();
    const res = await post(ADA, {
      accountId: 'acme',
      type: 'project-spaces',
      from: '2026-10-01',
      to: '2026-10-31',
      email: true,
      name: ' Finance export ',
      description: 'For the board',
      delimiter: '|',
    });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ id: expect.any(String), status: 'queued' });
    expect(onQueued).toHaveBeenCalledTimes(1);
    expect(checks).toEqual([{ user: ADA, name: EXPORT, resourceRef: 'acme' }]);

    const read = await request(app)
      .get(`/v1/report-runs/${res.body.id}`)
      .set('Authorization', as(ADA));
    expect(read.status).toBe(200);
    expect(read.body).toEqual({
      id: res.body.id,
      accountId: 'acme',
      type: 'project-spaces',
      name: 'Finance export',
      description: 'For the board',
      delimiter: '|',
      status: 'queued',
      rowsWritten: 0,
      createdBy: ADA,
      createdAt: '2026-11-22T12:00:00.000Z',
      parameters: {
        from: '2026-10-01T00:00:00.000Z',
        to: '2026-11-01T00:00:00.000Z',
        email: true,
      },
    });
  });

  it('fills in the defaults', async () => {
    const { app, post } = await setup();
    const res = await post(ADA, { accountId: 'acme', type: 'project-spaces' });
    expect(res.status).toBe(202);
    const read = await request(app)
      .get(`/v1/report-runs/${res.body.id}`)
      .set('Authorization', as(ADA));
    expect(read.body).toMatchObject({
      name: 'Project Spaces',
      delimiter: ',',
      parameters: {
        from: '2026-10-23T12:00:00.000Z',
        to: '2026-11-22T12:00:00.000Z',
        email: false,
      },
    });
    expect(read.body.description).toBeUndefined();
  });

  it('records a service caller by its subject', async () => {
    const { app } = await setup();
    const res = await request(app)
      .post('/v1/report-runs')
      .set('Authorization', mockCredentials.service.header())
      .send({ accountId: 'acme', type: 'project-spaces' });
    expect(res.status).toBe(202);
    const read = await request(app)
      .get(`/v1/report-runs/${res.body.id}`)
      .set('Authorization', mockCredentials.service.header());
    expect(read.body.createdBy).toBe('external:test-service');
  });

  it.each<[string, object, string]>([
    [
      'unknown fields',
      { colour: 'red', shade: 'dark' },
      'Invalid report run: unknown fields colour, shade',
    ],
    [
      'a type that is no report',
      { type: 'usage-summary' },
      'Invalid report run: type must be one of project-spaces, web-users, mobile-workers, form-submissions, odata-feeds, sms-detail, tenant-usage',
    ],
    [
      'a delimiter other than , or |',
      { delimiter: ';' },
      "Invalid report run: delimiter must be ',' or '|'",
    ],
    [
      'a range the report refuses',
      { from: '2026-01-01', to: '2026-06-01' },
      'Date ranges longer than 90 days are not supported',
    ],
    [
      'a time that is not ISO 8601',
      { from: 'yesterday' },
      'from must be an ISO 8601 date or time',
    ],
    [
      'a name of 201 characters',
      { name: 'x'.repeat(201) },
      'Invalid report run: name ',
    ],
    ['a blank name', { name: '   ' }, 'Invalid report run: name '],
    [
      'a description of 1001 characters',
      { description: 'x'.repeat(1001) },
      'Invalid report run: description ',
    ],
    ['a non-boolean email', { email: 'yes' }, 'Invalid report run: email '],
    [
      'unknown filters',
      { filters: { validity: 'valid', colour: 'red' } },
      'Invalid report run: unknown field colour',
    ],
    [
      'a bad filter value',
      { filters: { validity: 'maybe' } },
      'Invalid report run: filters.validity',
    ],
    ['no account', { accountId: undefined }, 'Invalid report run: accountId '],
    [
      'an account id with SQL in it',
      { accountId: 'Acme; DROP TABLE' },
      'Invalid report run: accountId ',
    ],
    [
      'a type without a report on this server',
      { type: 'web-users' },
      'Invalid report run: type web-users is not available on this server',
    ],
  ])(
    'refuses %s with a 400 naming the problem and queues nothing',
    async (_what, change, message) => {
      const { post, runCount, onQueued } = await setup();
      const res = await post(ADA, {
        accountId: 'acme',
        type: 'project-spaces',
        ...change,
      });
      expect(res.status).toBe(400);
      expect(res.body.error.name).toBe('InputError');
      expect(res.body.error.message).toContain(message);
      expect(await runCount()).toBe(0);
      expect(onQueued).not.toHaveBeenCalled();
    },
  );

  describe('tenant-usage', () => {
    async function setupWithTenants() {
      const context = await setup();
      const tenants = new TenantStore(context.knex);
      for (const [tenantId, accountId] of [
        ['north', 'acme'],
        ['south', 'acme'],
        ['elsewhere', 'smallco'],
      ]) {
        await tenants.upsert(
          tenantSchema.parse({
            id: tenantId,
            accountId,
            name: tenantId,
            createdAt: '2026-01-01T00:00:00Z',
          }),
        );
      }
      return context;
    }
    const valid = {
      accountId: 'acme',
      type: 'tenant-usage',
      name: 'Usage of October',
      period: 'last-month',
    };

    it.each<[string, object, object]>([
      ['every tenant of the account', {}, {}],
      ['one tenant', { tenantIds: ['south'] }, { tenantIds: ['south'] }],
      [
        'a tenants-list filter',
        { filter: { q: 'nor', plan: 'pro' } },
        { filter: { q: 'nor', plan: 'pro' } },
      ],
      [
        'a custom period of 366 days',
        { period: 'custom', from: '2025-01-01', to: '2026-01-01' },
        {
          period: 'custom',
          from: '2025-01-01T00:00:00.000Z',
          to: '2026-01-02T00:00:00.000Z',
        },
      ],
    ])('queues a run for %s', async (_what, change, parameters) => {
      const { post, app } = await setupWithTenants();
      const res = await post(ADA, { ...valid, ...change });
      expect(res.status).toBe(202);
      const run = await request(app)
        .get(`/v1/report-runs/${res.body.id}`)
        .set('Authorization', as(ADA));
      expect(run.body).toMatchObject({
        type: 'tenant-usage',
        name: 'Usage of October',
        parameters: {
          period: 'last-month',
          meters: TEST_USAGE_METERS,
          ...parameters,
        },
      });
    });

    it.each<[string, object, string]>([
      [
        'no name',
        { name: undefined },
        'Invalid report run: tenant-usage runs need a name',
      ],
      [
        'no period',
        { period: undefined },
        'Invalid report run: period is required for tenant-usage reports',
      ],
      [
        'an unknown period',
        { period: 'last-year' },
        'Invalid report run: period must be one of last-7-days, last-30-days, last-90-days, last-180-days, current-month, last-month, custom',
      ],
      [
        'custom without from and to',
        { period: 'custom' },
        'Invalid report run: period custom needs both from and to',
      ],
      [
        'custom with from after to',
        {
          period: 'custom',
          from: '2026-03-01T00:00:00Z',
          to: '2026-02-28T00:00:00Z',
        },
        'from must not be after to',
      ],
      [
        'custom over 366 days',
        { period: 'custom', from: '2025-01-01', to: '2026-01-02' },
        'Date ranges longer than 366 days are not supported',
      ],
      [
        'from and to with a preset',
        { from: '2026-10-01', to: '2026-10-31' },
        'Invalid report run: from and to are only taken with period custom, not last-month',
      ],
      [
        'an empty tenantIds',
        { tenantIds: [] },
        'Invalid report run: tenantIds must name at least one tenant',
      ],
      [
        "another account's tenant",
        { tenantIds: ['north', 'elsewhere'] },
        'tenantIds: "elsewhere" is not a tenant of account acme',
      ],
      [
        'tenantIds and a filter',
        { tenantIds: ['north'], filter: { q: 'n' } },
        'Invalid report run: choose tenants by tenantIds or by filter, not both',
      ],
      [
        'a filter field the tenants list has not',
        { filter: { colour: 'red' } },
        'Invalid filter: unknown field colour',
      ],
      [
        'a filter on another account',
        { filter: { accountId: 'smallco' } },
        'Invalid filter: accountId must be acme, the account of the run',
      ],
      [
        'a filter that is not an object',
        { filter: 'north' },
        'Invalid report run: filter Expected object, received string',
      ],
    ])(
      'refuses %s with a 400 naming the problem and queues nothing',
      async (_what, change, message) => {
        const { post, runCount, onQueued } = await setupWithTenants();
        const res = await post(ADA, { ...valid, ...change });
        expect(res.status).toBe(400);
        expect(res.body.error.name).toBe('InputError');
        expect(res.body.error.message).toContain(message);
        expect(await runCount()).toBe(0);
        expect(onQueued).not.toHaveBeenCalled();
      },
    );

    it('needs report.export on the account', async () => {
      const { post, runCount } = await setupWithTenants();
      const res = await post(EVE, valid);
      expect(res.status).toBe(403);
      expect(await runCount()).toBe(0);
    });
  });

  it('refuses a body that is not an object', async () => {
    const { app, runCount } = await setup();
    const res = await request(app)
      .post('/v1/report-runs')
      .set('Authorization', as(ADA))
      .send([{ accountId: 'acme', type: 'project-spaces' }]);
    expect(res.status).toBe(400);
    expect(await runCount()).toBe(0);
  });

  it('answers 401, 403, 404 and 409 like the settings routes', async () => {
    const { app, post, runCount } = await setup();
    const anonymous = await request(app)
      .post('/v1/report-runs')
      .set('Authorization', mockCredentials.none.header())
      .send({ accountId: 'acme', type: 'project-spaces' });
    expect(anonymous.status).toBe(401);

    const denied = await post(EVE, {
      accountId: 'acme',
      type: 'project-spaces',
    });
    expect(denied.status).toBe(403);
    expect(denied.body.error.message).toBe(
      'Not allowed: enterprise-console.report.export is required on acme',
    );

    const unknown = await post(ADA, {
      accountId: 'nowhere',
      type: 'project-spaces',
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toBe('Account nowhere not found');

    const notEnterprise = await post(ADA, {
      accountId: 'smallco',
      type: 'project-spaces',
    });
    expect(notEnterprise.status).toBe(409);
    expect(notEnterprise.body.error.message).toContain(
      'is not an enterprise account',
    );
    expect(await runCount()).toBe(0);
  });

  it('refuses a fourth active run of a user with 429 and Retry-After', async () => {
    const { app, post, runCount } = await setup();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push(await create(post, ADA));
    }
    const refused = await post(ADA, {
      accountId: 'acme',
      type: 'project-spaces',
    });
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toBe('30');
    expect(refused.body).toEqual({
      error: {
        name: 'TooManyRequestsError',
        message:
          'You already have 3 report runs queued or running, the most one user may have (3). Wait for one to finish or cancel one, then try again.',
      },
      request: { method: 'POST', url: '/v1/report-runs' },
      response: { statusCode: 429 },
    });
    expect(await runCount()).toBe(3);

    // Others are not affected, and a finished run frees a slot.
    await create(post, BOB);
    const cancelled = await request(app)
      .post(`/v1/report-runs/${ids[0]}/cancel`)
      .set('Authorization', as(ADA));
    expect(cancelled.status).toBe(200);
    await create(post, ADA);
    expect(await runCount()).toBe(5);
  });

  it('shows account admins every run and everyone else their own', async () => {
    const { app, post, advance } = await setup();
    const adas = await create(post, ADA);
    advance(1000);
    const bobs = await create(post, BOB);
    advance(1000);
    const carols = await create(post, CAROL);
    const list = async (user: string, query: string) => {
      const res = await request(app)
        .get(`/v1/report-runs${query}`)
        .set('Authorization', as(user));
      return res;
    };
    const ids = (res: request.Response) =>
      res.body.items.map((run: { id: string }) => run.id);

    const admin = await list(ADA, '?accountId=acme');
    expect(admin.status).toBe(200);
    expect(ids(admin)).toEqual([carols, bobs, adas]);
    expect(admin.body.totalCount).toBe(3);
    expect(admin.body.nextCursor).toBeUndefined();
    expect(ids(await list(ADA, '?accountId=acme&mine=true'))).toEqual([adas]);
    expect(ids(await list(BOB, '?accountId=acme'))).toEqual([bobs]);
    expect((await list(BOB, '?accountId=acme')).body.totalCount).toBe(1);

    const first = await list(ADA, '?accountId=acme&limit=2');
    expect(ids(first)).toEqual([carols, bobs]);
    expect(first.body.totalCount).toBe(3);
    const second = await list(
      ADA,
      `?accountId=acme&limit=2&cursor=${first.body.nextCursor}`,
    );
    expect(ids(second)).toEqual([adas]);
    expect(second.body.nextCursor).toBeUndefined();

    const get = async (user: string, runId: string) =>
      (
        await request(app)
          .get(`/v1/report-runs/${runId}`)
          .set('Authorization', as(user))
      ).status;
    expect(await get(ADA, bobs)).toBe(200);
    expect(await get(BOB, bobs)).toBe(200);
    expect(await get(BOB, adas)).toBe(404);
    expect(await get(CAROL, bobs)).toBe(404);
    expect(await get(EVE, bobs)).toBe(404);
    expect(await get(ADA, '00000000-0000-0000-0000-000000000000')).toBe(404);
    expect(await get(ADA, 'x'.repeat(500))).toBe(404);

    expect((await list(EVE, '?accountId=acme')).status).toBe(403);
    expect((await list(ADA, '?accountId=nowhere')).status).toBe(404);
  });

  it.each([
    ['', 'accountId Required'],
    ['?accountId=acme&colour=red', 'unknown field colour'],
    ['?accountId=acme&mine=yes', 'mine'],
    ['?accountId=acme&limit=0', 'Invalid limit'],
    ['?accountId=acme&cursor=abc', 'Invalid cursor'],
  ])('refuses the list query %p with a 400', async (query, message) => {
    const { app } = await setup();
    const res = await request(app)
      .get(`/v1/report-runs${query}`)
      .set('Authorization', as(ADA));
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(message);
  });

  it('cancels queued runs at once, asks running ones to stop, refuses finished ones', async () => {
    const { app, post, runs, onCancelRequested, advance } = await setup();
    const cancel = (user: string, runId: string) =>
      request(app)
        .post(`/v1/report-runs/${runId}/cancel`)
        .set('Authorization', as(user));

    const queued = await create(post, BOB);
    advance(1000);
    const queuedCancel = await cancel(BOB, queued);
    expect(queuedCancel.status).toBe(200);
    expect(queuedCancel.body).toMatchObject({
      id: queued,
      status: 'cancelled',
      finishedAt: '2026-11-22T12:00:01.000Z',
    });
    expect(onCancelRequested).not.toHaveBeenCalled();
    const again = await cancel(BOB, queued);
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe(
      `Report run ${queued} has already ended (cancelled) and cannot be cancelled`,
    );

    const running = await create(post, BOB);
    await runs.queue.claim({ owner: 'w', leaseMs: 30_000, now: new Date() });
    expect(await cancel(CAROL, running)).toHaveProperty('status', 404);
    expect(await cancel(EVE, running)).toHaveProperty('status', 404);
    const requested = await cancel(BOB, running);
    expect(requested.status).toBe(200);
    expect(requested.body.status).toBe('running');
    expect((await runs.records.get(running))?.cancelRequested).toBe(true);
    expect(onCancelRequested).toHaveBeenCalledWith(running);

    // An admin may cancel anyone's run.
    const carols = await create(post, CAROL);
    expect((await cancel(ADA, carols)).body.status).toBe('cancelled');
  });

  it('links the file of a succeeded run until it expires', async () => {
    const { app, runs, now, advance } = await setup();
    const run = await queueRun(runs, { createdBy: BOB }, now());
    const claim = await runs.queue.claim({
      owner: 'w',
      leaseMs: 30_000,
      now: now(),
    });
    await runs.queue.succeed(claim!, {
      rowCount: 12,
      byteSize: 345,
      fileName: 'Acme Health (Project Spaces) 20261122 120000.csv',
      finishedAt: now(),
      expiresAt: new Date(now().getTime() + DAY),
    });
    const read = () =>
      request(app)
        .get(`/v1/report-runs/${run.id}`)
        .set('Authorization', as(BOB));

    const fresh = await read();
    expect(fresh.body).toMatchObject({
      status: 'succeeded',
      rowsWritten: 12,
      rowCount: 12,
      byteSize: 345,
      fileName: 'Acme Health (Project Spaces) 20261122 120000.csv',
      finishedAt: '2026-11-22T12:00:00.000Z',
      expiresAt: '2026-11-23T12:00:00.000Z',
      downloadUrl: `https://portal.example/api/enterprise-console/v1/downloads/token-${run.id}`,
    });

    advance(DAY);
    const expired = await read();
    expect(expired.body.status).toBe('expired');
    expect(expired.body.downloadUrl).toBeUndefined();
    expect(expired.body.expiresAt).toBe('2026-11-23T12:00:00.000Z');
  });
});
