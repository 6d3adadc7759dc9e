import { InputError } from '@backstage/errors';
import { ReportRunParameters } from '@internal/plugin-enterprise-console-common';
import { Knex } from 'knex';
import { csvFile } from '../../__testUtils__/csvFile';
import { reportRecords } from '../../__testUtils__/reportRecords';
import { itWritesExactFiles } from '../../__testUtils__/itWritesExactFiles';
import {
  REPORT_FIXTURE_NOW,
  reportFixtureContext,
  reportFixtureDatabase,
} from '../../__testUtils__/reportFixture';
import { createTestDatabases } from '../../__testUtils__/testDatabases';
import { IngestionService } from '../../ingest/IngestionService';
import { TenantDataStore } from '../../ingest/TenantDataStore';
import { formSubmissionsReport } from './formSubmissions';
import { TEST_USAGE_METERS } from '../../__testUtils__/usageMeters';

const databases = createTestDatabases({ testTimeoutMs: 60_000 });

const COMMA_FILE = csvFile([
  'Form Name,Submitted [UTC],App Name,Mobile User,Project Space Name,Project Name,Project URL',
  `Range start,2026-10-21 12:00:00,Household Visits,jdoe,alpha,"'=Alpha ""Clinic""","https://alpha.example.org/a,b"`,
  `Old worker form,2026-11-05 00:00:00,App not found,old,alpha,"'=Alpha ""Clinic""","https://alpha.example.org/a,b"`,
  `"Visit, ""home""",2026-11-10 09:00:00,Household Visits,jdoe,alpha,"'=Alpha ""Clinic""","https://alpha.example.org/a,b"`,
  `Unnamed,2026-11-10 09:00:00,App not found,jdoe,alpha,"'=Alpha ""Clinic""","https://alpha.example.org/a,b"`,
  `'=SUM(A1),2026-11-12 00:00:00,"'-Negative, app",jdoe1,alpha,"'=Alpha ""Clinic""","https://alpha.example.org/a,b"`,
  `Plain form,2026-11-15 08:00:00,"'-Negative, app",'-plain,alpha,"'=Alpha ""Clinic""","https://alpha.example.org/a,b"`,
  'Ünïcødé form,2026-11-14 10:00:00,Clinic\tApp,Émile,beta-2,"Beta, Two | Ünïcødé",',
  `'@mention,2026-11-14 10:00:00,Clinic\tApp,zack,beta-2,"Beta, Two | Ünïcødé",`,
]);

const PIPE_FILE = csvFile([
  'Form Name|Submitted [UTC]|App Name|Mobile User|Project Space Name|Project Name|Project URL',
  `Range start|2026-10-21 12:00:00|Household Visits|jdoe|alpha|"'=Alpha ""Clinic"""|https://alpha.example.org/a,b`,
  `Old worker form|2026-11-05 00:00:00|App not found|old|alpha|"'=Alpha ""Clinic"""|https://alpha.example.org/a,b`,
  `"Visit, ""home"""|2026-11-10 09:00:00|Household Visits|jdoe|alpha|"'=Alpha ""Clinic"""|https://alpha.example.org/a,b`,
  `Unnamed|2026-11-10 09:00:00|App not found|jdoe|alpha|"'=Alpha ""Clinic"""|https://alpha.example.org/a,b`,
  `'=SUM(A1)|2026-11-12 00:00:00|'-Negative, app|jdoe1|alpha|"'=Alpha ""Clinic"""|https://alpha.example.org/a,b`,
  `Plain form|2026-11-15 08:00:00|'-Negative, app|'-plain|alpha|"'=Alpha ""Clinic"""|https://alpha.example.org/a,b`,
  'Ünïcødé form|2026-11-14 10:00:00|Clinic\tApp|Émile|beta-2|"Beta, Two | Ünïcødé"|',
  `'@mention|2026-11-14 10:00:00|Clinic\tApp|zack|beta-2|"Beta, Two | Ünïcødé"|`,
]);

describe.each(databases.eachSupportedId())(
  'form-submissions report on %p',
  databaseId => {
    let knex: Knex;

    beforeAll(async () => {
      knex = await reportFixtureDatabase(databases, databaseId);
    });

    const resolve = (request: ReportRunParameters) =>
      formSubmissionsReport.resolveParameters(request, {
        db: knex,
        accountId: 'acme',
        now: REPORT_FIXTURE_NOW,
      });

    /** The report for a request, run as a queued run would run it. */
    const run = async (request: ReportRunParameters, batchSize = 1000) =>
      reportRecords(
        formSubmissionsReport,
        reportFixtureContext(knex, {
          parameters: await resolve(request),
          batchSize,
        }),
      );

    const formIds = async (request: ReportRunParameters) =>
      (await run(request)).map(
        record =>
          `${record['Project Space Name']} ${record['Form Name']} ${record['Submitted [UTC]']}`,
      );

    itWritesExactFiles({
      definition: formSubmissionsReport,
      context: async overrides =>
        reportFixtureContext(knex, {
          parameters: await resolve({}),
          ...overrides,
        }),
      files: { ',': COMMA_FILE, '|': PIPE_FILE },
      batchSizes: [1, 2],
    });

    it('defaults to the 30 days before the request, resolved to absolute times', async () => {
      expect(await resolve({ email: true })).toEqual({
        email: true,
        from: '2026-10-21T12:00:00.000Z',
        to: '2026-11-20T12:00:00.000Z',
      });
    });

    it('reads the range as [from, to)', async () => {
      const rows = await formIds({});
      // f-6 is submitted exactly at `from`, f-7 exactly at `to`.
      expect(rows).toContain('alpha Range start 2026-10-21 12:00:00');
      expect(rows).not.toContain('alpha Range end 2026-11-20 12:00:00');
      expect(rows).not.toContain('alpha Last month 2026-10-01 00:00:00');
    });

    it('takes a custom range; a date as `to` includes that day', async () => {
      expect(await resolve({ from: '2026-10-01', to: '2026-10-31' })).toEqual({
        from: '2026-10-01T00:00:00.000Z',
        to: '2026-11-01T00:00:00.000Z',
      });
      expect(await formIds({ from: '2026-10-01', to: '2026-10-31' })).toEqual([
        'alpha Last month 2026-10-01 00:00:00',
        'alpha Range start 2026-10-21 12:00:00',
      ]);
    });

    it('accepts 90 days and refuses one millisecond more', async () => {
      await expect(
        resolve({
          from: '2026-08-22T12:00:00Z',
          to: '2026-11-20T12:00:00Z',
        }),
      ).resolves.toEqual({
        from: '2026-08-22T12:00:00.000Z',
        to: '2026-11-20T12:00:00.000Z',
      });
      const tooLong = resolve({
        from: '2026-08-22T11:59:59.999Z',
        to: '2026-11-20T12:00:00Z',
      });
      await expect(tooLong).rejects.toThrow(InputError);
      await expect(tooLong).rejects.toThrow(
        /^Date ranges longer than 90 days are not supported$/,
      );
      // f-11 (June) lies outside any range the report accepts up to now.
      await expect(resolve({ from: '2026-06-01' })).rejects.toThrow(
        'Date ranges longer than 90 days are not supported',
      );
    });

    it('refuses an unreadable or inverted range, naming the field', async () => {
      await expect(resolve({ from: 'last week' })).rejects.toThrow(
        'from must be an ISO 8601 date or time',
      );
      await expect(resolve({ to: '2026-02-30' })).rejects.toThrow(
        'to must be an ISO 8601 date or time',
      );
      await expect(
        resolve({ from: '2026-11-03', to: '2026-11-01' }),
      ).rejects.toThrow('from must not be after to');
    });

    it('counts forms of mobile workers of the tenant only, active or not', async () => {
      const rows = await formIds({});
      // m-3 is an inactive mobile worker: counted.
      expect(rows).toContain('alpha Old worker form 2026-11-05 00:00:00');
      // f-3 is a web user's, f-4 an unknown user's.
      expect(rows).not.toContain('alpha Web user form 2026-11-06 00:00:00');
      expect(rows).not.toContain('alpha Unknown user form 2026-11-07 00:00:00');
      // beta1's forms are by alpha's worker m-1 and by a web user of beta1.
      expect(rows.filter(row => row.startsWith('beta1 '))).toEqual([]);
    });

    it('never counts system forms', async () => {
      const rows = await formIds({});
      expect(rows).not.toContain('alpha System form 2026-11-19 23:59:59');
      expect(rows).not.toContain('beta-2 System 2026-11-19 00:00:00');
    });

    it('names missing forms and unknown apps, and shows the worker without @ suffix', async () => {
      const alpha = (await run({})).filter(
        record => record['Project Space Name'] === 'alpha',
      );
      expect(
        alpha.map(record => [
          record['Form Name'],
          record['App Name'],
          record['Mobile User'],
        ]),
      ).toEqual([
        ['Range start', 'Household Visits', 'jdoe'],
        // no app id
        ['Old worker form', 'App not found', 'old'],
        // the worker's username, not the one on the form record
        ['Visit, "home"', 'Household Visits', 'jdoe'],
        // no form name, an app id no app has
        ['Unnamed', 'App not found', 'jdoe'],
        ["'=SUM(A1)", "'-Negative, app", 'jdoe1'],
        ['Plain form', "'-Negative, app", "'-plain"],
      ]);
    });

    it('orders by submission time, then id in code point order', async () => {
      // f-10 and f-9 share a time; 'f-10' < 'f-9'.
      const rows = await formIds({});
      expect(rows.indexOf('alpha Visit, "home" 2026-11-10 09:00:00')).toBe(
        rows.indexOf('alpha Unnamed 2026-11-10 09:00:00') - 1,
      );
    });
  },
);

describe.each(databases.eachSupportedId())(
  'form-submissions report across pages on %p',
  databaseId => {
    it('reads many forms with equal times page by page', async () => {
      const knex = await reportFixtureDatabase(databases, databaseId);
      await new IngestionService(
        knex,
        new TenantDataStore(knex),
        TEST_USAGE_METERS,
      ).ingest([
        {
          value: {
            type: 'user',
            tenantId: 'zeta',
            id: 'zm',
            kind: 'mobile',
            username: 'z@zeta',
            status: 'inactive',
            createdAt: '2025-01-01T00:00:00Z',
          },
        },
        ...Array.from({ length: 25 }, (_, index) => ({
          value: {
            type: 'form',
            tenantId: 'zeta',
            id: `form-${index}`,
            userId: 'zm',
            formName: `Form ${index}`,
            // Five forms per second: pages end inside runs of equal times.
            submittedAt: `2026-11-01T00:00:0${Math.floor(index / 5)}Z`,
          },
        })),
      ]);
      const expected = Array.from({ length: 25 }, (_, index) => index)
        .sort(
          (a, b) =>
            Math.floor(a / 5) - Math.floor(b / 5) ||
            (`form-${a}` < `form-${b}` ? -1 : 1),
        )
        .map(index => `Form ${index}`);
      for (const batchSize of [1, 3, 5, 7, 1000]) {
        const names = (
          await reportRecords(
            formSubmissionsReport,
            reportFixtureContext(knex, { batchSize }),
          )
        )
          .filter(record => record['Project Space Name'] === 'zeta')
          .map(record => record['Form Name']);
        expect(names).toEqual(expected);
      }
    });
  },
);
