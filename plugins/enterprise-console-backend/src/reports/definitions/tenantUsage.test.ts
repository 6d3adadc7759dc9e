import { ReportRunParameters } from '@internal/plugin-enterprise-console-common';
import { Knex } from 'knex';
import { csvFile } from '../../__testUtils__/csvFile';
import { ingestRecords } from '../../__testUtils__/ingestRecords';
import {
  downloadedReport,
  itWritesExactFiles,
} from '../../__testUtils__/itWritesExactFiles';
import {
  REPORT_FIXTURE_NOW,
  reportFixtureContext,
  seedReportFixture,
} from '../../__testUtils__/reportFixture';
import { reportRecords } from '../../__testUtils__/reportRecords';
import { createTestDatabases } from '../../__testUtils__/testDatabases';
import { TEST_USAGE_METERS } from '../../__testUtils__/usageMeters';
import { migrateKnex } from '../../database/migrateDatabase';
import { UserCountSnapshots } from '../../tenants';
import { createTenantUsageReport } from './tenantUsage';

jest.setTimeout(120_000);

const databases = createTestDatabases();
const report = createTenantUsageReport(TEST_USAGE_METERS);

/*
 * The expected files are written by hand from the report fixture
 * (reportFixture.ts), the usage events and the snapshots below. Meters:
 * `Voice, "calls" (minutes)` (quoted) and `=API (calls)` (neutralised).
 */

const COMMA_HEADER =
  'Project Space Name,Project Name,Account,Plan,Period Start [UTC],Period End [UTC],Mobile Users,Active Mobile Users,Web Users,Applications,Form Submissions,SMS Sent,SMS Received,SMS Parts,SMS Charges,OData Feeds,"Voice, ""calls"" (minutes)",\'=API (calls)';
const PIPE_HEADER =
  'Project Space Name|Project Name|Account|Plan|Period Start [UTC]|Period End [UTC]|Mobile Users|Active Mobile Users|Web Users|Applications|Form Submissions|SMS Sent|SMS Received|SMS Parts|SMS Charges|OData Feeds|"Voice, ""calls"" (minutes)"|\'=API (calls)';
const ACME = '"Acme Health, ""Enterprise"""';

/*
 * last-30-days at 2026-11-20T12:00Z: [2026-10-21 12:00, 2026-11-20 12:00).
 *
 * alpha: users from the snapshot of 2026-11-20 (3 mobile, 4 web); active
 * mobile m-1 (sync), m-2, m-3 (inactive) and m-4 (forms); forms f-6 (at the
 * start), f-9, f-10, f-1, f-2, f-12 — not f-7 (at the end), f-3 (web user),
 * f-4 (unknown user), f-5 (system), f-8, f-11; SMS s-1, s-4, s-6 sent, s-2
 * (at the start) and s-5 received, not s-3 (1 ms before); parts 9; charges
 * 0.0350 + 0 + 0.0125 + 6.2712 + 0.0500 = 6.3687 → 6.37; voice 12.5 +
 * 0.0001 (at the start), not 100 (at the end); api 3.
 * beta-2: 2 mobile, 1 web; bm-1 (sync), bm-2 (form); SMS s-1, s-8 sent, s-7
 * received, parts 1003, charges 0.0175 + 0.0100 + 10000.0000 → 10000.03;
 * api 999999999.9999 + 0.0001.
 * beta1: web users 2 on 2026-11-20 (1 on 2026-11-10, 3 on 2026-11-21); no
 * mobile workers; its forms are of other users; 151 feeds.
 * zeta: nothing.
 */
const LAST_30_DAYS = '2026-10-21 12:00:00,2026-11-20 12:00:00';
const COMMA_FILE = csvFile([
  COMMA_HEADER,
  `alpha,"'=Alpha ""Clinic""",${ACME},,${LAST_30_DAYS},3,4,4,2,6,3,2,9,6.37,6,12.5001,3`,
  `beta-2,"Beta, Two | Ünïcødé",${ACME},,${LAST_30_DAYS},2,2,1,1,2,2,1,1003,10000.03,2,0,1000000000`,
  `beta1,"'+Beta\r\nOne",${ACME},,${LAST_30_DAYS},0,0,2,0,0,0,0,0,0.00,151,0,0`,
  `zeta,'@Zeta\ttab,${ACME},,${LAST_30_DAYS},0,0,0,0,0,0,0,0,0.00,0,0,0`,
]);
const LAST_30_DAYS_PIPE = '2026-10-21 12:00:00|2026-11-20 12:00:00';
const PIPE_FILE = csvFile([
  PIPE_HEADER,
  `alpha|"'=Alpha ""Clinic"""|${ACME}||${LAST_30_DAYS_PIPE}|3|4|4|2|6|3|2|9|6.37|6|12.5001|3`,
  `beta-2|"Beta, Two | Ünïcødé"|${ACME}||${LAST_30_DAYS_PIPE}|2|2|1|1|2|2|1|1003|10000.03|2|0|1000000000`,
  `beta1|"'+Beta\r\nOne"|${ACME}||${LAST_30_DAYS_PIPE}|0|0|2|0|0|0|0|0|0.00|151|0|0`,
  `zeta|'@Zeta\ttab|${ACME}||${LAST_30_DAYS_PIPE}|0|0|0|0|0|0|0|0|0.00|0|0|0`,
]);

/*
 * One tenant, beta-2, custom 2026-11-14 to 2026-11-14: the whole day. No
 * snapshot falls in it (empty user counts); forms f-1 and f-2 of bm-1 and
 * bm-2 make both active; no SMS or usage that day.
 */
const ONE_TENANT_FILE = csvFile([
  COMMA_HEADER,
  `beta-2,"Beta, Two | Ünïcødé",${ACME},,2026-11-14 00:00:00,2026-11-15 00:00:00,,2,,1,2,0,0,0,0.00,2,0,0`,
]);

/*
 * The filter q=BETA, createdFrom 2024-12-31T23:59:59Z (beta1's creation:
 * inclusive), last-7-days: [2026-11-13 12:00, 2026-11-20 12:00). beta-2's
 * SMS s-7 (2026-11-13 14:15) is in, its forms too.
 */
const LAST_7_DAYS = '2026-11-13 12:00:00,2026-11-20 12:00:00';
const FILTER_FILE = csvFile([
  COMMA_HEADER,
  `beta-2,"Beta, Two | Ünïcødé",${ACME},,${LAST_7_DAYS},2,2,1,1,2,2,1,1003,10000.03,2,0,1000000000`,
  `beta1,"'+Beta\r\nOne",${ACME},,${LAST_7_DAYS},0,0,2,0,0,0,0,0,0.00,151,0,0`,
]);

const HEADER_ONLY_FILE = csvFile([COMMA_HEADER]);

const usage = (
  tenantId: string,
  id: string,
  meter: string,
  quantity: string | number,
  at: string,
) => ({ type: 'usage' as const, tenantId, id, meter, quantity, at });

async function seed(knex: Knex) {
  await migrateKnex(knex);
  await seedReportFixture(knex);
  await ingestRecords(knex, [
    usage('alpha', 'use-2', 'voice-minutes', '0.0001', '2026-10-21T12:00:00Z'),
    usage('alpha', 'use-3', 'voice-minutes', '100', '2026-11-20T12:00:00Z'),
    usage('alpha', 'use-4', 'api-calls', 3, '2026-11-01T00:00:00Z'),
    usage(
      'beta-2',
      'use-1',
      'api-calls',
      '999999999.9999',
      '2026-11-19T00:00:00Z',
    ),
    usage('beta-2', 'use-2', 'api-calls', '0.0001', '2026-11-19T00:00:00Z'),
    usage('aaa', 'use-1', 'voice-minutes', 5, '2026-11-10T00:00:00Z'),
  ]);
  // beta1 gains a web user before each of the later snapshots.
  const webUser = (id: string) => ({
    type: 'user' as const,
    tenantId: 'beta1',
    id,
    kind: 'web' as const,
    status: 'active' as const,
    username: id,
    createdAt: '2026-11-01T00:00:00Z',
  });
  const snapshotAt = (at: string) =>
    new UserCountSnapshots(knex, () => new Date(at)).recordToday();
  await snapshotAt('2026-11-10T00:05:00Z');
  await ingestRecords(knex, [webUser('late-web')]);
  await snapshotAt('2026-11-20T00:05:00Z');
  await ingestRecords(knex, [webUser('later-web')]);
  await snapshotAt('2026-11-21T00:05:00Z');
}

describe.each(databases.eachSupportedId())(
  'tenant-usage report on %p',
  databaseId => {
    let knex: Knex;

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      await seed(knex);
    });

    const resolve = (request: ReportRunParameters) =>
      report.resolveParameters(request, {
        db: knex,
        accountId: 'acme',
        now: REPORT_FIXTURE_NOW,
      });

    describe('every tenant of the account', () => {
      itWritesExactFiles({
        definition: report,
        context: async overrides =>
          reportFixtureContext(knex, {
            ...overrides,
            parameters: await resolve({ period: 'last-30-days' }),
          }),
        files: { ',': COMMA_FILE, '|': PIPE_FILE },
        batchSizes: [1, 3],
      });
    });

    it('writes one tenant chosen by id', async () => {
      const parameters = await resolve({
        period: 'custom',
        from: '2026-11-14',
        to: '2026-11-14',
        tenantIds: ['beta-2'],
      });
      const file = await downloadedReport(
        report,
        reportFixtureContext(knex, { parameters }),
        ',',
      );
      expect(file).toEqual(Buffer.from(ONE_TENANT_FILE, 'utf8'));
    });

    it('writes the tenants the tenants-list filter matches', async () => {
      const parameters = await resolve({
        period: 'last-7-days',
        filter: { q: 'BETA', createdFrom: '2024-12-31T23:59:59Z' },
      });
      expect(parameters.filter).toEqual({
        q: 'BETA',
        createdFrom: '2024-12-31T23:59:59.000Z',
      });
      const file = await downloadedReport(
        report,
        reportFixtureContext(knex, { parameters }),
        ',',
      );
      expect(file).toEqual(Buffer.from(FILTER_FILE, 'utf8'));
    });

    it.each([
      ['a plan', { plan: 'pro' }],
      ['an edition', { edition: 'enterprise' }],
      ['a status', { status: 'active' }],
      ["another account's tenant", { q: 'other' }],
      ['an exclusive created bound', { createdTo: '2024-12-31T23:59:59Z' }],
    ])('writes the header alone for a filter on %s', async (_what, filter) => {
      const parameters = await resolve({ period: 'last-7-days', filter });
      const file = await downloadedReport(
        report,
        reportFixtureContext(knex, { parameters }),
        ',',
      );
      expect(file).toEqual(Buffer.from(HEADER_ONLY_FILE, 'utf8'));
    });

    it('resolves every preset at the time of the request', async () => {
      const range = async (period: ReportRunParameters['period']) => {
        const { from, to } = await resolve({ period });
        return [from, to];
      };
      expect(await range('last-7-days')).toEqual([
        '2026-11-13T12:00:00.000Z',
        '2026-11-20T12:00:00.000Z',
      ]);
      expect(await range('last-30-days')).toEqual([
        '2026-10-21T12:00:00.000Z',
        '2026-11-20T12:00:00.000Z',
      ]);
      expect(await range('last-90-days')).toEqual([
        '2026-08-22T12:00:00.000Z',
        '2026-11-20T12:00:00.000Z',
      ]);
      expect(await range('last-180-days')).toEqual([
        '2026-05-24T12:00:00.000Z',
        '2026-11-20T12:00:00.000Z',
      ]);
      expect(await range('current-month')).toEqual([
        '2026-11-01T00:00:00.000Z',
        '2026-11-20T12:00:00.000Z',
      ]);
      expect(await range('last-month')).toEqual([
        '2026-10-01T00:00:00.000Z',
        '2026-11-01T00:00:00.000Z',
      ]);
    });

    it('keeps the meters of the request as the columns of the run', async () => {
      const parameters = await resolve({ period: 'last-7-days', email: true });
      expect(parameters).toEqual({
        email: true,
        period: 'last-7-days',
        from: '2026-11-13T12:00:00.000Z',
        to: '2026-11-20T12:00:00.000Z',
        meters: TEST_USAGE_METERS,
      });
      // A meter configured later adds no column to a run asked for before.
      const later = createTenantUsageReport([
        ...TEST_USAGE_METERS,
        { key: 'storage', name: 'Storage', unit: 'GB' },
      ]);
      const [alpha] = await reportRecords(
        later,
        reportFixtureContext(knex, { parameters }),
      );
      expect(Object.keys(alpha).slice(-2)).toEqual([
        'Voice, "calls" (minutes)',
        '=API (calls)',
      ]);
    });

    it('accepts a custom period of 366 days and from equal to to', async () => {
      expect(
        await resolve({
          period: 'custom',
          from: '2025-01-01',
          to: '2026-01-01',
        }),
      ).toMatchObject({
        from: '2025-01-01T00:00:00.000Z',
        to: '2026-01-02T00:00:00.000Z',
      });
      expect(
        await resolve({
          period: 'custom',
          from: '2026-11-01T00:00:00Z',
          to: '2026-11-01T00:00:00Z',
        }),
      ).toMatchObject({
        from: '2026-11-01T00:00:00.000Z',
        to: '2026-11-01T00:00:00.000Z',
      });
    });

    it.each<[string, ReportRunParameters, string]>([
      [
        'no period',
        {},
        'Invalid report run: period is required for tenant-usage reports, one of last-7-days, last-30-days, last-90-days, last-180-days, current-month, last-month, custom',
      ],
      [
        'custom without to',
        { period: 'custom', from: '2026-01-01' },
        'Invalid report run: period custom needs both from and to',
      ],
      [
        'custom without from',
        { period: 'custom', to: '2026-01-01' },
        'Invalid report run: period custom needs both from and to',
      ],
      [
        'from after to',
        {
          period: 'custom',
          from: '2026-02-01T00:00:00Z',
          to: '2026-01-31T23:59:59Z',
        },
        'from must not be after to',
      ],
      [
        'more than 366 days',
        { period: 'custom', from: '2025-01-01', to: '2026-01-02' },
        'Date ranges longer than 366 days are not supported',
      ],
      [
        'a bad date',
        { period: 'custom', from: '2026-02-30', to: '2026-03-01' },
        'from must be an ISO 8601 date or time',
      ],
      [
        'from and to with a preset',
        { period: 'last-month', from: '2026-01-01', to: '2026-01-02' },
        'Invalid report run: from and to are only taken with period custom, not last-month',
      ],
      [
        'tenantIds and filter together',
        { period: 'last-month', tenantIds: ['alpha'], filter: { q: 'a' } },
        'Invalid report run: choose tenants by tenantIds or by filter, not both',
      ],
      [
        "another account's tenant",
        { period: 'last-month', tenantIds: ['alpha', 'aaa'] },
        'tenantIds: "aaa" is not a tenant of account acme',
      ],
      [
        'an unknown tenant',
        { period: 'last-month', tenantIds: ['nope'] },
        'tenantIds: "nope" is not a tenant of account acme',
      ],
      [
        'a filter on another account',
        { period: 'last-month', filter: { accountId: 'other-org' } },
        'Invalid filter: accountId must be acme, the account of the run',
      ],
      [
        'an unknown filter',
        {
          period: 'last-month',
          filter: { colour: 'red' } as unknown as ReportRunParameters['filter'],
        },
        'Invalid filter: unknown field colour',
      ],
      [
        'a bad filter date',
        { period: 'last-month', filter: { createdFrom: 'yesterday' } },
        'Invalid filter: createdFrom must be an ISO 8601 date or date-time',
      ],
    ])('refuses %s', async (_what, request, message) => {
      await expect(resolve(request)).rejects.toMatchObject({
        name: 'InputError',
        message: expect.stringContaining(message),
      });
    });
  },
);
