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
import { projectSpacesReport } from './projectSpaces';
import { TEST_USAGE_METERS } from '../../__testUtils__/usageMeters';

const databases = createTestDatabases({ testTimeoutMs: 60_000 });

const COMMA_FILE = csvFile([
  'Date created,# of applications,# of mobile users,# of web users,# of SMS (last 30 days),Last Form Submission [UTC],Project Space Name,Project Name,Project URL',
  `2025-01-15 08:30:00,2,3,4,5,2026-11-20 12:00:00,alpha,"'=Alpha ""Clinic""","https://alpha.example.org/a,b"`,
  '2025-06-01 00:00:00,1,2,1,3,2026-11-19 00:00:00,beta-2,"Beta, Two | Ünïcødé",',
  `2024-12-31 23:59:59,0,0,1,0,2026-11-10 00:00:00,beta1,"'+Beta\r\nOne",https://beta1.example.org/`,
  `2026-11-01 00:00:00,0,0,0,0,,zeta,'@Zeta\ttab,https://zeta.example.org/p?q=1|2`,
]);

const PIPE_FILE = csvFile([
  'Date created|# of applications|# of mobile users|# of web users|# of SMS (last 30 days)|Last Form Submission [UTC]|Project Space Name|Project Name|Project URL',
  `2025-01-15 08:30:00|2|3|4|5|2026-11-20 12:00:00|alpha|"'=Alpha ""Clinic"""|https://alpha.example.org/a,b`,
  '2025-06-01 00:00:00|1|2|1|3|2026-11-19 00:00:00|beta-2|"Beta, Two | Ünïcødé"|',
  `2024-12-31 23:59:59|0|0|1|0|2026-11-10 00:00:00|beta1|"'+Beta\r\nOne"|https://beta1.example.org/`,
  `2026-11-01 00:00:00|0|0|0|0||zeta|'@Zeta\ttab|"https://zeta.example.org/p?q=1|2"`,
]);

describe.each(databases.eachSupportedId())(
  'project-spaces report on %p',
  databaseId => {
    let knex: Knex;

    beforeAll(async () => {
      knex = await reportFixtureDatabase(databases, databaseId);
    });

    itWritesExactFiles({
      definition: projectSpacesReport,
      context: async overrides => reportFixtureContext(knex, overrides),
      files: { ',': COMMA_FILE, '|': PIPE_FILE },
      batchSizes: [1, 2, 3],
    });

    it('lists only the tenants of the account, by id in code point order', async () => {
      const records = await reportRecords(
        projectSpacesReport,
        reportFixtureContext(knex),
      );
      // 'aaa' belongs to another account; 'beta-2' < 'beta1' by code point,
      // though a locale collation would put beta1 first.
      expect(records.map(record => record['Project Space Name'])).toEqual([
        'alpha',
        'beta-2',
        'beta1',
        'zeta',
      ]);
    });

    it('counts active users only, per kind', async () => {
      // alpha: mobile m-1, m-2, m-4 active, m-3 inactive; web w-1, w-2, w-4
      // and shared-web active, w-3 inactive.
      const [alpha] = await reportRecords(
        projectSpacesReport,
        reportFixtureContext(knex),
      );
      expect(alpha['# of mobile users']).toBe('3');
      expect(alpha['# of web users']).toBe('4');
    });

    it('counts SMS of both directions sent at or after now − 30 days', async () => {
      // alpha: s-2 (incoming) is sent exactly 30 days before now, s-3 one
      // millisecond earlier; s-1, s-4, s-5 and s-6 are later.
      const at = async (requestedAt: Date) =>
        (
          await reportRecords(
            projectSpacesReport,
            reportFixtureContext(knex, { requestedAt }),
          )
        ).map(record => record['# of SMS (last 30 days)']);
      expect(await at(REPORT_FIXTURE_NOW)).toEqual(['5', '3', '0', '0']);
      expect(await at(new Date(REPORT_FIXTURE_NOW.getTime() + 1))).toEqual([
        '4',
        '3',
        '0',
        '0',
      ]);
      expect(await at(new Date(REPORT_FIXTURE_NOW.getTime() - 1))).toEqual([
        '6',
        '3',
        '0',
        '0',
      ]);
    });

    it('takes the newest form of any kind as the last submission', async () => {
      const records = await reportRecords(
        projectSpacesReport,
        reportFixtureContext(knex),
      );
      expect(
        records.map(record => record['Last Form Submission [UTC]']),
      ).toEqual([
        // alpha: f-7, at the end of the default range
        '2026-11-20 12:00:00',
        // beta-2: a system form is the newest
        '2026-11-19 00:00:00',
        // beta1: forms of users that are no mobile workers of beta1 count too
        '2026-11-10 00:00:00',
        // zeta: none
        '',
      ]);
    });

    it('ignores parameters it does not take and keeps the email flag', async () => {
      expect(
        await projectSpacesReport.resolveParameters(
          {
            from: 'not a date',
            to: '2026-01-01',
            filters: { tenantIds: ['nope'] },
            email: true,
          },
          { db: knex, accountId: 'acme', now: REPORT_FIXTURE_NOW },
        ),
      ).toEqual({ email: true });
    });
  },
);

describe.each(databases.eachSupportedId())(
  'project-spaces report with many rows on %p',
  databaseId => {
    it('counts applications and reads pages of tenants', async () => {
      const knex = await reportFixtureDatabase(databases, databaseId);
      await new IngestionService(
        knex,
        new TenantDataStore(knex),
        TEST_USAGE_METERS,
      ).ingest(
        Array.from({ length: 7 }, (_, index) => ({
          value: {
            type: 'app',
            tenantId: 'zeta',
            id: `app-${index}`,
            name: `App ${index}`,
          },
        })),
      );
      const records = await reportRecords(
        projectSpacesReport,
        reportFixtureContext(knex, { batchSize: 3 }),
      );
      expect(records.map(record => record['# of applications'])).toEqual([
        '2',
        '1',
        '0',
        '7',
      ]);
    });
  },
);
