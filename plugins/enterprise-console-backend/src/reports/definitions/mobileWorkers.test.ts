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
import { mobileWorkersReport } from './mobileWorkers';
import { TEST_USAGE_METERS } from '../../__testUtils__/usageMeters';

const databases = createTestDatabases({ testTimeoutMs: 60_000 });

const COMMA_FILE = csvFile([
  'Username,Name,Email Address,Role,Created Date [UTC],Last Sync [UTC],Last Submission [UTC],App Version,User ID,Project Space Name,Project Name,Project URL',
  `'-plain,"'\rCarriage",,,2025-04-01 00:00:00,,,'=1+1,m-4,alpha,"'=Alpha ""Clinic""","https://alpha.example.org/a,b"`,
  `jdoe,"Jane\nDoe",jane@x.example,Field worker,2025-03-01 08:00:00,2026-11-19 05:00:00,2026-11-19 06:00:00,2.54.1,m-1,alpha,"'=Alpha ""Clinic""","https://alpha.example.org/a,b"`,
  `jdoe1,'\tTabby,,'@role,2025-03-02 00:00:00,,,,m-2,alpha,"'=Alpha ""Clinic""","https://alpha.example.org/a,b"`,
  'zack,Zack,,,2025-07-02 00:00:00,,,,bm-2,beta-2,"Beta, Two | Ünïcødé",',
  'Émile,Émile Zola,emile@beta.example,Worker,2025-07-01 00:00:00,2026-11-18 12:00:00,,2.55,bm-1,beta-2,"Beta, Two | Ünïcødé",',
]);

const PIPE_FILE = csvFile([
  'Username|Name|Email Address|Role|Created Date [UTC]|Last Sync [UTC]|Last Submission [UTC]|App Version|User ID|Project Space Name|Project Name|Project URL',
  `'-plain|"'\rCarriage"|||2025-04-01 00:00:00|||'=1+1|m-4|alpha|"'=Alpha ""Clinic"""|https://alpha.example.org/a,b`,
  `jdoe|"Jane\nDoe"|jane@x.example|Field worker|2025-03-01 08:00:00|2026-11-19 05:00:00|2026-11-19 06:00:00|2.54.1|m-1|alpha|"'=Alpha ""Clinic"""|https://alpha.example.org/a,b`,
  `jdoe1|'\tTabby||'@role|2025-03-02 00:00:00||||m-2|alpha|"'=Alpha ""Clinic"""|https://alpha.example.org/a,b`,
  'zack|Zack|||2025-07-02 00:00:00||||bm-2|beta-2|"Beta, Two | Ünïcødé"|',
  'Émile|Émile Zola|emile@beta.example|Worker|2025-07-01 00:00:00|2026-11-18 12:00:00||2.55|bm-1|beta-2|"Beta, Two | Ünïcødé"|',
]);

describe.each(databases.eachSupportedId())(
  'mobile-workers report on %p',
  databaseId => {
    let knex: Knex;

    beforeAll(async () => {
      knex = await reportFixtureDatabase(databases, databaseId);
    });

    itWritesExactFiles({
      definition: mobileWorkersReport,
      context: async overrides => reportFixtureContext(knex, overrides),
      files: { ',': COMMA_FILE, '|': PIPE_FILE },
      batchSizes: [1, 2],
    });

    it('lists active mobile workers only, of the account only', async () => {
      const ids = (
        await reportRecords(mobileWorkersReport, reportFixtureContext(knex))
      ).map(record => `${record['Project Space Name']}/${record['User ID']}`);
      // m-3 is inactive, w-* are web users, aaa/m-1 is another account's.
      expect(ids).toEqual([
        'alpha/m-4',
        'alpha/m-1',
        'alpha/m-2',
        'beta-2/bm-2',
        'beta-2/bm-1',
      ]);
    });

    it('shows and sorts usernames without their @ suffix', async () => {
      expect(
        (
          await reportRecords(mobileWorkersReport, reportFixtureContext(knex))
        ).map(record => record.Username),
      ).toEqual(["'-plain", 'jdoe', 'jdoe1', 'zack', 'Émile']);
    });

    it('ignores parameters it does not take', async () => {
      expect(
        await mobileWorkersReport.resolveParameters(
          { from: 'yesterday', email: false },
          { db: knex, accountId: 'acme', now: REPORT_FIXTURE_NOW },
        ),
      ).toEqual({ email: false });
    });
  },
);

describe.each(databases.eachSupportedId())(
  'mobile-workers report across pages on %p',
  databaseId => {
    it('breaks ties of the shown username by full username, then id', async () => {
      const knex = await reportFixtureDatabase(databases, databaseId);
      const workers = [
        ['w-3', 'sam@b.example'],
        ['w-1', 'sam@a.example'],
        ['w-2', 'sam@a.example'],
        ['w-0', 'sam'],
        ['w-4', 'sa'],
        ['w-5', 'sam1'],
      ];
      await new IngestionService(
        knex,
        new TenantDataStore(knex),
        TEST_USAGE_METERS,
      ).ingest(
        workers.map(([id, username]) => ({
          value: {
            type: 'user',
            tenantId: 'zeta',
            id,
            kind: 'mobile',
            username,
            status: 'active',
            createdAt: '2025-01-01T00:00:00Z',
          },
        })),
      );
      for (const batchSize of [1, 2, 4, 1000]) {
        expect(
          (
            await reportRecords(
              mobileWorkersReport,
              reportFixtureContext(knex, { batchSize }),
            )
          )
            .filter(record => record['Project Space Name'] === 'zeta')
            .map(record => record['User ID']),
        ).toEqual(['w-4', 'w-0', 'w-1', 'w-2', 'w-3', 'w-5']);
      }
    });
  },
);
