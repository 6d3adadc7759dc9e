import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import knexFactory, { Knex } from 'knex';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Leaves an empty file named after the database in EC_TEST_DATABASES_DIR
 * (scripts/test-all.mjs sets it), so the run can tell which databases its
 * suites really used. One file per id: jest's parallel workers write the
 * same names and never the same content.
 */
function recordUsed(id: TestDatabaseId) {
  const dir = process.env.EC_TEST_DATABASES_DIR;
  if (dir) {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, id), '');
  }
}

/** How many test databases are dropped at once when a file ends. */
const DROP_CONCURRENCY = 8;

/**
 * Drops the PostgreSQL databases a file's tests created, several at a time.
 * TestDatabases drops them one by one within a fixed 60 s when the file
 * ends; a file of many PostgreSQL tests on a busy machine needs longer, and
 * its suite then fails after every test passed. Whatever is left (nothing,
 * normally) TestDatabases still drops after this.
 */
async function dropCreatedDatabases(created: Knex[]): Promise<void> {
  const byServer = new Map<
    string,
    { admin: Knex.PgConnectionConfig; names: string[] }
  >();
  for (const knex of created.splice(0)) {
    const connection = knex.client.config.connection as Knex.PgConnectionConfig;
    await knex.destroy().catch(() => {});
    const { database, ...server } = connection;
    const key = JSON.stringify(server);
    const entry = byServer.get(key) ?? {
      admin: { ...server, database: 'postgres' },
      names: [],
    };
    entry.names.push(database!);
    byServer.set(key, entry);
  }
  for (const { admin, names } of byServer.values()) {
    const db = knexFactory({ client: 'pg', connection: admin });
    try {
      for (let i = 0; i < names.length; i += DROP_CONCURRENCY) {
        await Promise.all(
          names
            .slice(i, i + DROP_CONCURRENCY)
            .map(name =>
              db
                .raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [name])
                .catch(() => {}),
            ),
        );
      }
    } finally {
      await db.destroy().catch(() => {});
    }
  }
}

/**
 * The databases every store and route test runs on: SQLite always, and each
 * PostgreSQL that a BACKSTAGE_TEST_DATABASE_POSTGRES<major>_CONNECTION_STRING
 * points at. With EC_REQUIRE_POSTGRES set (as in CI) a missing PostgreSQL is
 * an error rather than a silently skipped half of the suite.
 *
 * `testTimeoutMs` sets the file's test timeout: a test on a fresh
 * PostgreSQL database, or one that starts a backend, outlasts jest's 5 s.
 */
export function createTestDatabases(
  options: { testTimeoutMs?: number } = {},
): TestDatabases {
  if (options.testTimeoutMs !== undefined) {
    jest.setTimeout(options.testTimeoutMs);
  }
  const postgresIds = Object.keys(process.env)
    .map(name =>
      /^BACKSTAGE_TEST_DATABASE_POSTGRES(\d+)_CONNECTION_STRING$/.exec(name),
    )
    .filter((match): match is RegExpExecArray => match !== null)
    .map(match => `POSTGRES_${match[1]}` as TestDatabaseId);
  if (process.env.EC_REQUIRE_POSTGRES && postgresIds.length === 0) {
    throw new Error(
      'EC_REQUIRE_POSTGRES is set but no BACKSTAGE_TEST_DATABASE_POSTGRES<major>_CONNECTION_STRING is',
    );
  }
  const created: Knex[] = [];
  // Declared before TestDatabases' own afterAll, so it runs first.
  afterAll(() => dropCreatedDatabases(created), 600_000);
  const databases = TestDatabases.create({
    ids: [...postgresIds, 'SQLITE_3'],
    disableDocker: true,
  });
  const init = databases.init.bind(databases);
  databases.init = async (id: TestDatabaseId) => {
    const knex = await init(id);
    recordUsed(id);
    if (knex.client.config.client === 'pg') {
      // Every test gets a fresh database with its own pool, kept until the
      // file ends; idle connections are otherwise held for 5 s, and two
      // suites of many short tests then pass PostgreSQL's default limit of
      // 100 connections. (SQLite's in-memory connection must stay open.)
      knex.client.pool.idleTimeoutMillis = 500;
      created.push(knex);
    }
    return knex;
  };
  return databases;
}

/**
 * `describe.each` over the PostgreSQL databases only, for tests of several
 * replicas (SQLite has one writer in one process); without PostgreSQL the
 * block shows as skipped.
 */
export function describeEachPostgres(databases: TestDatabases) {
  const ids = databases
    .eachSupportedId()
    .filter(([id]) => id.startsWith('POSTGRES'));
  return ids.length
    ? describe.each(ids)
    : describe.skip.each([['POSTGRES' as TestDatabaseId]]);
}

/** A pool of its own to the same PostgreSQL database, as another replica has. */
export function secondReplicaPool(knex: Knex): Knex {
  return knexFactory({
    client: 'pg',
    connection: knex.client.config.connection,
    pool: { min: 0, max: 5 },
  });
}
