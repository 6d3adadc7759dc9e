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
import { odataFeedsReport } from './odataFeeds';
import { TEST_USAGE_METERS } from '../../__testUtils__/usageMeters';

const databases = createTestDatabases({ testTimeoutMs: 60_000 });

const ALPHA_COMMA = `alpha,"'=Alpha ""Clinic""","https://alpha.example.org/a,b"`;
const BETA_2_COMMA = 'beta-2,"Beta, Two | Ünïcødé",';
const COMMA_FILE = csvFile([
  'Odata Feeds used,Odata Feeds available,Report Names,Number of rows,Project Space Name,Project Name,Project URL',
  `6,30,,136,${ALPHA_COMMA}`,
  `,,'=Formula feed,0,${ALPHA_COMMA}`,
  `,,Dup,7,${ALPHA_COMMA}`,
  `,,Dup,3,${ALPHA_COMMA}`,
  `,,"Visits, by district",120,${ALPHA_COMMA}`,
  `,,dup lower,1,${ALPHA_COMMA}`,
  `,,Ünïcødé feed,5,${ALPHA_COMMA}`,
  `2,25,,9007199254741001,${BETA_2_COMMA}`,
  `,,Big feed,9007199254740991,${BETA_2_COMMA}`,
  `,,Small | feed,10,${BETA_2_COMMA}`,
  `151,25,,ERROR: Too many feeds. Please contact support,beta1,"'+Beta\r\nOne",https://beta1.example.org/`,
  `0,25,,0,zeta,'@Zeta\ttab,https://zeta.example.org/p?q=1|2`,
]);

const ALPHA_PIPE = `alpha|"'=Alpha ""Clinic"""|https://alpha.example.org/a,b`;
const BETA_2_PIPE = 'beta-2|"Beta, Two | Ünïcødé"|';
const PIPE_FILE = csvFile([
  'Odata Feeds used|Odata Feeds available|Report Names|Number of rows|Project Space Name|Project Name|Project URL',
  `6|30||136|${ALPHA_PIPE}`,
  `||'=Formula feed|0|${ALPHA_PIPE}`,
  `||Dup|7|${ALPHA_PIPE}`,
  `||Dup|3|${ALPHA_PIPE}`,
  `||Visits, by district|120|${ALPHA_PIPE}`,
  `||dup lower|1|${ALPHA_PIPE}`,
  `||Ünïcødé feed|5|${ALPHA_PIPE}`,
  `2|25||9007199254741001|${BETA_2_PIPE}`,
  `||Big feed|9007199254740991|${BETA_2_PIPE}`,
  `||"Small | feed"|10|${BETA_2_PIPE}`,
  `151|25||ERROR: Too many feeds. Please contact support|beta1|"'+Beta\r\nOne"|https://beta1.example.org/`,
  `0|25||0|zeta|'@Zeta\ttab|"https://zeta.example.org/p?q=1|2"`,
]);

describe.each(databases.eachSupportedId())(
  'odata-feeds report on %p',
  databaseId => {
    let knex: Knex;

    beforeAll(async () => {
      knex = await reportFixtureDatabase(databases, databaseId);
    });

    const records = (batchSize = 1000) =>
      reportRecords(
        odataFeedsReport,
        reportFixtureContext(knex, { batchSize }),
      );

    itWritesExactFiles({
      definition: odataFeedsReport,
      context: async overrides => reportFixtureContext(knex, overrides),
      files: { ',': COMMA_FILE, '|': PIPE_FILE },
      batchSizes: [1, 2],
    });

    it('gives every tenant of the account a summary row, one without feeds too', async () => {
      const summaries = (await records()).filter(
        record => record['Odata Feeds used'] !== '',
      );
      expect(
        summaries.map(record => [
          record['Project Space Name'],
          record['Odata Feeds used'],
          record['Odata Feeds available'],
          record['Number of rows'],
        ]),
      ).toEqual([
        // alpha has a feed limit of 30; the others the default 25.
        ['alpha', '6', '30', '136'],
        // the exact sum past Number.MAX_SAFE_INTEGER
        ['beta-2', '2', '25', '9007199254741001'],
        ['beta1', '151', '25', 'ERROR: Too many feeds. Please contact support'],
        ['zeta', '0', '25', '0'],
      ]);
    });

    it('lists the feeds of a tenant under its summary, by name in code point order', async () => {
      expect(
        (await records())
          .filter(record => record['Project Space Name'] === 'alpha')
          .map(record => record['Report Names']),
      ).toEqual([
        '',
        "'=Formula feed",
        'Dup',
        'Dup',
        'Visits, by district',
        'dup lower',
        'Ünïcødé feed',
      ]);
    });

    it('lists no feeds of a tenant with more than 150', async () => {
      expect(
        (await records(7)).filter(
          record => record['Project Space Name'] === 'beta1',
        ),
      ).toHaveLength(1);
    });

    it('ignores parameters it does not take', async () => {
      expect(
        await odataFeedsReport.resolveParameters(
          { to: '2026-01-01' },
          { db: knex, accountId: 'acme', now: REPORT_FIXTURE_NOW },
        ),
      ).toEqual({});
    });
  },
);

describe.each(databases.eachSupportedId())(
  'odata-feeds report at the limit on %p',
  databaseId => {
    it('lists all of exactly 150 feeds, page by page', async () => {
      const knex = await reportFixtureDatabase(databases, databaseId);
      await new IngestionService(
        knex,
        new TenantDataStore(knex),
        TEST_USAGE_METERS,
      ).ingest(
        Array.from({ length: 150 }, (_, index) => ({
          value: {
            type: 'feed',
            tenantId: 'zeta',
            id: `z-${index}`,
            name: `Zeta feed ${String(149 - index).padStart(3, '0')}`,
            rowCount: index,
          },
        })),
      );
      for (const batchSize of [7, 1000]) {
        const zeta = (
          await reportRecords(
            odataFeedsReport,
            reportFixtureContext(knex, { batchSize }),
          )
        ).filter(record => record['Project Space Name'] === 'zeta');
        expect(zeta).toHaveLength(151);
        expect(zeta[0]['Odata Feeds used']).toBe('150');
        expect(zeta[0]['Number of rows']).toBe(String((149 * 150) / 2));
        expect(zeta[1]['Report Names']).toBe('Zeta feed 000');
        expect(zeta[1]['Number of rows']).toBe('149');
        expect(zeta[150]['Report Names']).toBe('Zeta feed 149');
      }
    });
  },
);
