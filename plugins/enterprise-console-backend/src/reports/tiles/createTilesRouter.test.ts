import { mockCredentials } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import request from 'supertest';
import {
  REPORT_FIXTURE_OUTSIDER as OUTSIDER,
  reportFixtureApp,
  reportFixtureDatabase,
} from '../../__testUtils__/reportFixture';
import { createTestDatabases } from '../../__testUtils__/testDatabases';
import { ConsoleTileStore } from './ConsoleTileStore';
import { createTilesRouter } from './createTilesRouter';

const databases = createTestDatabases({ testTimeoutMs: 60_000 });

/** The router over the fixture; OUTSIDER is denied console.read. */
const appFor = (knex: Knex) =>
  reportFixtureApp(knex, deps =>
    createTilesRouter({ ...deps, tiles: new ConsoleTileStore(knex) }),
  );

describe.each(databases.eachSupportedId())('tiles route on %p', databaseId => {
  let knex: Knex;

  beforeAll(async () => {
    knex = await reportFixtureDatabase(databases, databaseId);
  });

  it('answers the six tiles of the last 30 days by default', async () => {
    const { app, calls } = await appFor(knex);
    const res = await request(app).get('/v1/accounts/acme/tiles');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      accountId: 'acme',
      from: '2026-10-21T12:00:00.000Z',
      to: '2026-11-20T12:00:00.000Z',
      tiles: [
        {
          type: 'project-spaces',
          title: '# of Project Spaces',
          total: 4,
          takesDateRange: false,
        },
        {
          type: 'web-users',
          title: '# of Web Users',
          total: 6,
          takesDateRange: false,
        },
        {
          type: 'mobile-workers',
          title: '# of Mobile Workers',
          total: 5,
          takesDateRange: false,
        },
        {
          type: 'form-submissions',
          title: '# of Mobile Form Submissions',
          total: 8,
          takesDateRange: true,
        },
        {
          type: 'odata-feeds',
          title: '# of OData Feeds',
          total: 159,
          takesDateRange: false,
        },
        {
          type: 'sms-detail',
          title: '# of SMS',
          total: 8,
          takesDateRange: true,
        },
      ],
    });
    expect(calls).toEqual([
      { name: 'enterprise-console.console.read', resourceRef: 'acme' },
    ]);
  });

  it('counts forms and messages in the range asked for, half-open', async () => {
    const { app } = await appFor(knex);
    const res = await request(app).get(
      '/v1/accounts/acme/tiles?from=2026-11-10T09:00:00Z&to=2026-11-14T10:00:00Z',
    );
    expect(res.status).toBe(200);
    expect(res.body.from).toBe('2026-11-10T09:00:00.000Z');
    expect(res.body.to).toBe('2026-11-14T10:00:00.000Z');
    const totals = Object.fromEntries(
      res.body.tiles.map((tile: any) => [tile.type, tile.total]),
    );
    expect(totals).toMatchObject({ 'form-submissions': 3, 'sms-detail': 2 });

    // Dates alone: from the start of the first day to the end of the last.
    const days = await request(app).get(
      '/v1/accounts/acme/tiles?from=2026-11-14&to=2026-11-14',
    );
    expect(days.body).toMatchObject({
      from: '2026-11-14T00:00:00.000Z',
      to: '2026-11-15T00:00:00.000Z',
    });
  });

  it.each([
    [
      '?from=2026-08-01&to=2026-11-01',
      'Date ranges longer than 90 days are not supported',
    ],
    // From alone: the range ends now, more than 90 days later.
    ['?from=2026-01-01', 'Date ranges longer than 90 days are not supported'],
    ['?from=yesterday', 'from must be an ISO 8601 date or time'],
    ['?to=2026-02-30', 'to must be an ISO 8601 date or time'],
    ['?from=2026-11-03&to=2026-11-01', 'from must not be after to'],
    [
      '?from=2026-11-01&from=2026-11-02',
      'from must be an ISO 8601 date or time',
    ],
    ['?colour=red', 'Invalid query: unknown parameter colour'],
  ])('refuses %s with 400', async (query, message) => {
    const { app } = await appFor(knex);
    const res = await request(app).get(`/v1/accounts/acme/tiles${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ name: 'InputError', message });
  });

  it('answers 401, 403, 404 and 409 like the settings routes', async () => {
    const { app, calls } = await appFor(knex);
    const anonymous = await request(app)
      .get('/v1/accounts/acme/tiles')
      .set('Authorization', mockCredentials.none.header());
    expect(anonymous.status).toBe(401);

    const denied = await request(app)
      .get('/v1/accounts/acme/tiles?colour=red')
      .set('Authorization', mockCredentials.user.header(OUTSIDER));
    expect(denied.status).toBe(403);
    expect(denied.body.error.message).toBe(
      'Not allowed: enterprise-console.console.read is required on acme',
    );

    const unknown = await request(app).get('/v1/accounts/nope/tiles');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toBe('Account nope not found');
    const invalid = await request(app).get('/v1/accounts/Not_A_Slug/tiles');
    expect(invalid.status).toBe(404);

    const notEnterprise = await request(app).get(
      '/v1/accounts/other-org/tiles',
    );
    expect(notEnterprise.status).toBe(409);
    expect(notEnterprise.body.error.message).toBe(
      'Account other-org is not an enterprise account; only enterprise accounts have a console',
    );
    expect(calls.map(call => call.resourceRef)).toEqual([
      'acme',
      'nope',
      'Not_A_Slug',
      'other-org',
    ]);
  });
});
