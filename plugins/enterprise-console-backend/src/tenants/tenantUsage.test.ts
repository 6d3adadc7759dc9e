import { mockCredentials } from '@backstage/backend-test-utils';
import express from 'express';
import { Knex } from 'knex';
import request from 'supertest';
import { apiApp } from '../__testUtils__/apiApp';
import { ingestRecords } from '../__testUtils__/ingestRecords';
import {
  REPORT_FIXTURE_NOW,
  reportFixtureDatabase,
} from '../__testUtils__/reportFixture';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { TEST_USAGE_METERS } from '../__testUtils__/usageMeters';
import { Authorizer } from '../permissions/authorize';
import { AccountStore } from './AccountStore';
import { createTenantsRouter } from './createTenantsRouter';
import { TenantOverviewStore } from './TenantOverviewStore';
import { TenantStore } from './TenantStore';
import { TenantUsageStore } from './TenantUsageStore';
import { UserCountSnapshots } from './UserCountSnapshots';

const databases = createTestDatabases({ testTimeoutMs: 120_000 });

const usage = (
  tenantId: string,
  id: string,
  meter: string,
  quantity: string | number,
  at: string,
) => ({ type: 'usage' as const, tenantId, id, meter, quantity, at });

/*
 * The report fixture (reportFixture.ts), these usage events beside its
 * use-1 (alpha, voice 12.5 at 2026-11-10T00:00Z), and the snapshots of
 * 2026-11-10 and 2026-11-20. The clock is REPORT_FIXTURE_NOW,
 * 2026-11-20T12:00Z.
 */
async function seed(knex: Knex) {
  await ingestRecords(knex, [
    // The last instant of 2026-11-10: that day.
    usage(
      'alpha',
      'use-2',
      'voice-minutes',
      '0.0001',
      '2026-11-10T23:59:59.999Z',
    ),
    // The day after the range.
    usage('alpha', 'use-3', 'voice-minutes', '100', '2026-11-21T00:00:00Z'),
    // The first instant of the range, and the last one before it.
    usage('alpha', 'use-4', 'api-calls', 3, '2026-11-09T00:00:00Z'),
    usage('alpha', 'use-5', 'api-calls', '0.25', '2026-11-08T23:59:59.999Z'),
    usage(
      'beta-2',
      'use-1',
      'api-calls',
      '999999999.9999',
      '2026-11-19T00:00:00Z',
    ),
    usage('beta-2', 'use-2', 'api-calls', '0.0001', '2026-11-19T05:00:00Z'),
    usage('aaa', 'use-1', 'voice-minutes', 5, '2026-11-10T00:00:00Z'),
  ]);
  for (const at of ['2026-11-10T00:05:00Z', '2026-11-20T00:05:00Z']) {
    await new UserCountSnapshots(knex, () => new Date(at)).recordToday();
  }
}

/**
 * The tenants router over `knex` at REPORT_FIXTURE_NOW, its callers given
 * tenant.read outright, refused it, or given it conditionally on beta-2
 * alone (the filter a conditional decision becomes). The roles and policy
 * themselves are the authorization matrix's.
 */
async function appAs(
  knex: Knex,
  result: 'allow' | 'deny' | 'conditional',
): Promise<express.Express> {
  const authorizer = {
    authorizeList: async () => ({
      credentials: mockCredentials.user(),
      result,
      filter: (query: Knex.QueryBuilder, table: string) => {
        if (result === 'conditional') {
          query.where(`${table}.id`, 'beta-2');
        }
      },
    }),
  } as unknown as Authorizer;
  return apiApp(
    createTenantsRouter({
      authorizer,
      accounts: new AccountStore(knex),
      tenants: new TenantStore(knex),
      overviews: new TenantOverviewStore(knex),
      usage: new TenantUsageStore(knex, TEST_USAGE_METERS),
      now: () => REPORT_FIXTURE_NOW,
    }),
  );
}

const day = (
  date: string,
  fields: Partial<{
    mobileUsers: number | null;
    webUsers: number | null;
    submissions: number;
    smsMessages: number;
    smsParts: number;
    meters: Record<string, string>;
  }> = {},
) => ({
  day: date,
  mobileUsers: null,
  webUsers: null,
  submissions: 0,
  smsMessages: 0,
  smsParts: 0,
  ...fields,
  meters: { 'voice-minutes': '0', 'api-calls': '0', ...fields.meters },
});

/*
 * alpha from 2026-11-09 to 2026-11-20. Forms as the tenant-usage report
 * counts them: f-9 and f-10 (11-10), f-1 (11-12), f-12 (11-15), f-7
 * (11-20 12:00); not f-3 (a web user's), f-4 (unknown user), f-5 (system).
 * SMS: s-6 (11-13), s-4 (11-15), s-5 (11-18, 4 parts), s-1 (11-19, 2
 * parts). Snapshots: 3 mobile, 4 web users on 11-10 and 11-20.
 */
const ALPHA_USAGE = {
  tenantId: 'alpha',
  from: '2026-11-09',
  to: '2026-11-20',
  meters: [
    { key: 'voice-minutes', name: 'Voice, "calls"', unit: 'minutes' },
    { key: 'api-calls', name: '=API', unit: 'calls' },
  ],
  days: [
    day('2026-11-09', { meters: { 'api-calls': '3' } }),
    day('2026-11-10', {
      mobileUsers: 3,
      webUsers: 4,
      submissions: 2,
      meters: { 'voice-minutes': '12.5001' },
    }),
    day('2026-11-11'),
    day('2026-11-12', { submissions: 1 }),
    day('2026-11-13', { smsMessages: 1, smsParts: 1 }),
    day('2026-11-14'),
    day('2026-11-15', { submissions: 1, smsMessages: 1, smsParts: 1 }),
    day('2026-11-16'),
    day('2026-11-17'),
    day('2026-11-18', { smsMessages: 1, smsParts: 4 }),
    day('2026-11-19', { smsMessages: 1, smsParts: 2 }),
    day('2026-11-20', { mobileUsers: 3, webUsers: 4, submissions: 1 }),
  ],
};

describe.each(databases.eachSupportedId())(
  'GET /v1/tenants/{tenantId}/usage on %p',
  databaseId => {
    let knex: Knex;
    let app: express.Express;

    beforeAll(async () => {
      knex = await reportFixtureDatabase(databases, databaseId);
      await seed(knex);
      app = await appAs(knex, 'allow');
    });

    const get = (path: string) => request(app).get(`/v1/tenants/${path}`);

    it('answers every day of the range, zero-filled', async () => {
      const res = await get('alpha/usage?from=2026-11-09&to=2026-11-20');
      expect([res.status, res.status === 200 ? '' : res.text]).toEqual([
        200,
        '',
      ]);
      expect(res.body).toEqual(ALPHA_USAGE);
    });

    it('sums meters exactly, past what a float holds', async () => {
      const res = await get('beta-2/usage?from=2026-11-19&to=2026-11-19');
      expect(res.body.days).toEqual([
        day('2026-11-19', {
          smsMessages: 2,
          smsParts: 1001,
          meters: { 'api-calls': '1000000000' },
        }),
      ]);
    });

    it('defaults to the last 30 days, today included', async () => {
      const res = await get('zeta/usage');
      expect(res.status).toBe(200);
      expect(res.body.from).toBe('2026-10-22');
      expect(res.body.to).toBe('2026-11-20');
      expect(res.body.days).toHaveLength(30);
      // Every tenant has the snapshot of 2026-11-20, zeta one of no users.
      expect(res.body.days[29]).toEqual(
        day('2026-11-20', { mobileUsers: 0, webUsers: 0 }),
      );
      expect(res.body.days[0]).toEqual(day('2026-10-22'));
      const fromOnly = await get('alpha/usage?from=2026-11-19');
      expect(fromOnly.body.days.map((d: { day: string }) => d.day)).toEqual([
        '2026-11-19',
        '2026-11-20',
      ]);
      const toOnly = await get('alpha/usage?to=2026-02-01');
      expect([toOnly.body.from, toOnly.body.to]).toEqual([
        '2026-01-03',
        '2026-02-01',
      ]);
    });

    it('takes 366 days', async () => {
      const res = await get('alpha/usage?from=2025-11-20&to=2026-11-20');
      expect(res.status).toBe(200);
      expect(res.body.days).toHaveLength(366);
    });

    it.each([
      ['?from=2026-02-30', 'from must be a date YYYY-MM-DD'],
      ['?from=2026-11-10T00:00:00Z', 'from must be a date YYYY-MM-DD'],
      ['?to=yesterday', 'to must be a date YYYY-MM-DD'],
      ['?from=2026-11-01&from=2026-11-02', 'from must be a date YYYY-MM-DD'],
      ['?from=2026-11-20&to=2026-11-19', 'from must not be after to'],
      ['?from=2026-11-21', 'from must not be after to'],
      [
        '?from=2025-11-19&to=2026-11-20',
        'Date ranges longer than 366 days are not supported',
      ],
      ['?to=3000-01-01', 'to must be between the years 1900 and 2999'],
      [
        '?from=1899-12-31&to=1900-01-01',
        'from must be between the years 1900 and 2999',
      ],
      ['?colour=red', 'Invalid query: unknown parameter colour'],
    ])('answers 400 for %s', async (query, message) => {
      const res = await get(`alpha/usage${query}`);
      expect({ status: res.status, message: res.body.error?.message }).toEqual({
        status: 400,
        message,
      });
    });

    it.each(['nope', 'NOT_A_SLUG'])('answers 404 for tenant %s', async id => {
      const res = await get(`${id}/usage`);
      expect(res.status).toBe(404);
      expect(res.body.error.message).toBe(`Tenant ${id} not found`);
    });

    it('answers 403 without tenant.read', async () => {
      const denied = await appAs(knex, 'deny');
      const res = await request(denied).get('/v1/tenants/alpha/usage');
      expect(res.status).toBe(403);
      expect(res.body.error.message).toBe(
        'Not allowed: enterprise-console.tenant.read is required',
      );
    });

    it('answers 404 for a tenant outside a conditional decision', async () => {
      const limited = await appAs(knex, 'conditional');
      const alpha = await request(limited).get(
        '/v1/tenants/alpha/usage?from=2026-11-19&to=2026-11-20',
      );
      expect(alpha.status).toBe(404);
      expect(alpha.body.error.message).toBe('Tenant alpha not found');
      const beta = await request(limited).get(
        '/v1/tenants/beta-2/usage?from=2026-11-19&to=2026-11-20',
      );
      expect(beta.status).toBe(200);
      expect(beta.body.tenantId).toBe('beta-2');
    });
  },
);
