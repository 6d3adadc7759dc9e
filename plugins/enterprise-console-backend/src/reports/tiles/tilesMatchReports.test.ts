import {
  CONSOLE_REPORT_TYPE,
  CONSOLE_REPORT_TYPES,
  CONSOLE_REPORTS,
  ConsoleReportType,
  TenantDataRecord,
} from '@internal/plugin-enterprise-console-common';
import { Knex } from 'knex';
import { ingestRecords } from '../../__testUtils__/ingestRecords';
import { seedReportFixture } from '../../__testUtils__/reportFixture';
import { seededRandom } from '../../__testUtils__/seededRandom';
import { createTestDatabases } from '../../__testUtils__/testDatabases';
import { migrateKnex } from '../../database/migrateDatabase';
import { AccountStore } from '../../tenants/AccountStore';
import { TenantStore } from '../../tenants/TenantStore';
import { accountSchema, tenantSchema } from '../../tenants';
import { ReportRow } from '../csv/CsvWriter';
import { DateRange } from '../../lib/dateRange';
import { createReportDefinitions } from '../definitions';
import { SmsMessageStore } from '../sms/SmsMessageStore';
import { ConsoleTileStore, ConsoleTotals } from './ConsoleTileStore';
import { TILE_COUNT_METRICS } from './tileCountMetrics';

/*
 * reports.md: a tile's total is the number of rows its report would have.
 * The tiles count from pre-aggregated counts kept by triggers, the reports
 * read the rows; this test runs both on random data and compares them.
 *
 * The data are random but reproducible: the seed is printed, and
 * TILES_SEED=<seed> replays a failure.
 */

const databases = createTestDatabases({ testTimeoutMs: 300_000 });

const SEED = Number(
  process.env.TILES_SEED ?? Math.floor(Math.random() * 2 ** 31),
);
// eslint-disable-next-line no-console
console.log(`tilesMatchReports: seed ${SEED} (replay: TILES_SEED=${SEED})`);

type Random = ReturnType<typeof seededRandom>;

const NOW = new Date('2026-11-20T12:00:00.000Z');
const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const ACCOUNTS = ['acme', 'other-org'];
// Ids that sort differently by code point than by locale.
const TENANTS = ['beta-2', 'beta1', 'alpha', 'zeta', 'b'];
const USER_IDS = ['u-1', 'u-2', 'u-3', 'u-4', 'u-5', 'u-6', 'ghost'];

/**
 * A time within the last 120 days: often on an hour boundary (where the
 * tiles switch between hourly counts and counted rows), else to the ms.
 */
function someTime(random: Random): Date {
  const hour = Math.floor(NOW.getTime() / HOUR) - random.int(120 * 24);
  const offset = random.chance(0.3) ? 0 : random.int(HOUR);
  return new Date(hour * HOUR + offset);
}

/** A range of at most 90 days, the longest the tiles and reports take. */
function someRange(random: Random): DateRange {
  const from = someTime(random);
  const length = random.chance(0.2)
    ? random.int(2 * HOUR)
    : random.int(90 * DAY + 1);
  return { from, to: new Date(from.getTime() + length) };
}

function someRecord(random: Random): TenantDataRecord {
  const tenantId = random.pick(TENANTS);
  const kind = random.int(10);
  if (kind < 2) {
    return {
      type: 'user',
      tenantId,
      id: random.pick(USER_IDS.slice(0, -1)),
      kind: random.chance(0.5) ? 'mobile' : 'web',
      username: random.pick(['ann', 'bob@site', 'cy@x', 'ann1']),
      ...(random.chance(0.7) && {
        email: `${random.pick(['a', 'B', 'c'])}@example.org`,
      }),
      status: random.chance(0.7) ? 'active' : 'inactive',
      createdAt: '2025-01-01T00:00:00Z',
    };
  }
  if (kind < 3) {
    return {
      type: 'invitation',
      tenantId,
      id: `i-${random.int(5)}`,
      email: `${random.pick(['x', 'y'])}@example.org`,
      invitedAt: '2026-11-01T00:00:00Z',
    };
  }
  if (kind < 6) {
    return {
      type: 'form',
      tenantId,
      id: `f-${random.int(60)}`,
      userId: random.pick(USER_IDS),
      ...(random.chance(0.5) && { appId: 'app-1' }),
      submittedAt: someTime(random).toISOString(),
      system: random.chance(0.15),
    };
  }
  if (kind < 9) {
    return {
      type: 'sms',
      tenantId,
      id: `s-${random.int(60)}`,
      direction: random.chance(0.5) ? 'incoming' : 'outgoing',
      parts: 1 + random.int(3),
      sentAt: someTime(random).toISOString(),
      ...(random.chance(0.5) && { gateway: random.pick(['g1', 'g2']) }),
      ...(random.chance(0.5) && { gatewayFee: '0.0075' }),
      valid: random.chance(0.8),
    };
  }
  return {
    type: 'feed',
    tenantId,
    id: `feed-${random.int(12)}`,
    name: random.pick(['Visits', 'Cases', 'visits']),
    rowCount: random.int(1000),
  };
}

/** Writes records, one copy of each key, as the API requires. */
async function ingestUnique(knex: Knex, records: TenantDataRecord[]) {
  const seen = new Set<string>();
  const unique = records.filter(record => {
    const key = `${record.type}/${record.tenantId}/${record.id}`;
    return !seen.has(key) && seen.add(key);
  });
  await ingestRecords(knex, unique);
}

/** The rows of a report as a run would write them. */
async function reportRows(
  knex: Knex,
  type: ConsoleReportType,
  accountId: string,
  range: DateRange,
  batchSize: number,
): Promise<ReportRow[]> {
  const definition = createReportDefinitions({
    sms: new SmsMessageStore(knex),
  })[type];
  const parameters = await definition.resolveParameters(
    { from: range.from.toISOString(), to: range.to.toISOString() },
    { db: knex, accountId, now: NOW },
  );
  const rows: ReportRow[] = [];
  for await (const page of definition.rows({
    db: knex,
    account: { id: accountId, name: accountId },
    parameters,
    requestedAt: NOW,
    batchSize,
  })) {
    rows.push(...page);
  }
  return rows;
}

const column = (type: ConsoleReportType, header: string) => {
  const index = CONSOLE_REPORTS[type].columns.findIndex(
    c => c.header === header,
  );
  if (index < 0) throw new Error(`${type} has no column ${header}`);
  return index;
};

/**
 * Which rows of a report its tile counts (reports.md, "total counts"):
 * every row, but for web users not the invitations, and for OData feeds
 * the feed rows, not the tenants' summary rows.
 */
const COUNTED: Record<ConsoleReportType, (row: ReportRow) => boolean> = {
  [CONSOLE_REPORT_TYPE.projectSpaces]: () => true,
  [CONSOLE_REPORT_TYPE.webUsers]: row =>
    row[column(CONSOLE_REPORT_TYPE.webUsers, 'Status')] === 'Active',
  [CONSOLE_REPORT_TYPE.mobileWorkers]: () => true,
  [CONSOLE_REPORT_TYPE.formSubmissions]: () => true,
  [CONSOLE_REPORT_TYPE.odataFeeds]: row =>
    row[column(CONSOLE_REPORT_TYPE.odataFeeds, 'Report Names')] !== null,
  [CONSOLE_REPORT_TYPE.smsDetail]: () => true,
};

async function countedByReports(
  knex: Knex,
  accountId: string,
  range: DateRange,
  batchSize: number,
): Promise<ConsoleTotals> {
  const totals = {} as ConsoleTotals;
  for (const type of CONSOLE_REPORT_TYPES) {
    const rows = await reportRows(knex, type, accountId, range, batchSize);
    totals[type] = rows.filter(COUNTED[type]).length;
  }
  return totals;
}

describe.each(databases.eachSupportedId())(
  'tile totals and report rows on %p',
  databaseId => {
    let knex: Knex;

    beforeEach(async () => {
      knex = await databases.init(databaseId);
      await migrateKnex(knex);
    });

    it('count the same on random data', async () => {
      const random = seededRandom(SEED);
      const accounts = new AccountStore(knex, () => NOW);
      for (const id of ACCOUNTS) {
        await accounts.upsert(
          accountSchema.parse({ id, name: id, enterprise: true }),
        );
      }
      const tenants = new TenantStore(knex, () => NOW);
      const placeTenant = (id: string) =>
        tenants.upsert(
          tenantSchema.parse({
            id,
            accountId: random.pick(ACCOUNTS),
            name: `Tenant ${id}`,
            createdAt: '2025-01-01T00:00:00Z',
          }),
        );
      for (const id of TENANTS) {
        await placeTenant(id);
      }
      await ingestRecords(knex, [
        { type: 'app', tenantId: 'alpha', id: 'app-1', name: 'Visits' },
      ]);
      const store = new ConsoleTileStore(knex);
      // So that the comparison cannot pass on zeros alone.
      const counted = new Set<ConsoleReportType>();

      for (let round = 0; round < 5; round++) {
        const records = Array.from({ length: 120 }, () => someRecord(random));
        await ingestUnique(knex, records);
        if (random.chance(0.5)) {
          // A tenant moves to another (or the same) account.
          await placeTenant(random.pick(TENANTS));
        }
        for (let check = 0; check < 3; check++) {
          const range = someRange(random);
          const batchSize = 1 + random.int(7);
          for (const accountId of ACCOUNTS) {
            const where = { seed: SEED, round, check, accountId, range };
            const totals = await store.totals(accountId, range);
            expect({ ...where, totals }).toEqual({
              ...where,
              totals: await countedByReports(knex, accountId, range, batchSize),
            });
            for (const type of CONSOLE_REPORT_TYPES) {
              if (totals[type] > 0) counted.add(type);
            }
          }
        }
      }
      expect([...counted].sort()).toEqual([...CONSOLE_REPORT_TYPES].sort());
    });

    it('writes exactly the tile count metrics the store reads', async () => {
      // The fixture has rows of every counted kind.
      await seedReportFixture(knex);
      const metrics = await knex('tile_counts').distinct('metric');
      expect(metrics.map(row => row.metric).sort()).toEqual(
        [...TILE_COUNT_METRICS].sort(),
      );
    });
  },
);
