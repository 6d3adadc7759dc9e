#!/usr/bin/env node
/*
 * Measures the tenants list (quality.md: first page with filters, 2,000
 * tenants, p95 under 100 ms) through the real route GET /v1/tenants, on
 * PostgreSQL and SQLite.
 *
 * Builds a fresh database with the plugin's migrations and the synthetic
 * enterprise (its 2,000 tenants created over the last two years), starts a
 * backend with only the Enterprise Console plugin on that database in a
 * child process, and times sequential HTTP requests for the first page of
 * each filter: none, accountId + q, accountId + status, a created range,
 * and one account sorted by name, descending.
 * Prints p50 / p95 / max per filter and exits non-zero when a p95 is over
 * the target.
 *
 *   node scripts/bench-tenants.mjs [--tenants 2000] [--users 200000]
 *     [--forms 2000000] [--sms 1000000] [--feeds 20000] [--runs 200]
 *     [--only pg|sqlite] [--reuse]
 *
 * Environment: BENCH_PG (default postgresql://postgres@127.0.0.1:5432),
 * BENCH_PORT (default 7098). The PostgreSQL database is bench_tenants
 * (dropped first); SQLite uses a file in the temporary directory.
 * `--reuse` skips the load and measures the databases of the previous run
 * (give it the same scale).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startBenchBackend } from './benchBackend.mjs';
import {
  DAY,
  loadSyntheticEnterprise,
  migrations,
  openDatabase,
  option,
  scaleFrom,
} from './syntheticEnterprise.mjs';

const args = process.argv.slice(2);
const SCALE = scaleFrom(args);
const RUNS = Number(option(args, 'runs', 200));
const ONLY = option(args, 'only', undefined);
// Measures the databases of the previous run again (same scale flags).
const REUSE = args.includes('--reuse');
const PG = process.env.BENCH_PG ?? 'postgresql://postgres@127.0.0.1:5432';
const PORT = Number(process.env.BENCH_PORT ?? 7098);
const TOKEN = 'bench-tenants-static-token-0123456789';
const BASE = `http://127.0.0.1:${PORT}/api/enterprise-console`;
const TARGET_P95_MS = 100;
const PG_DATABASE = 'bench_tenants';
const SQLITE_DIR = path.join(os.tmpdir(), 'bench-tenants');

const figures = {};
if (ONLY !== 'sqlite') figures.postgres = await bench('pg');
if (ONLY !== 'pg') figures.sqlite = await bench('sqlite');
console.log(JSON.stringify({ scale: SCALE, runs: RUNS, figures }, null, 2));
const over = Object.values(figures)
  .flatMap(f => Object.values(f.filters))
  .some(f => f.p95Ms >= TARGET_P95_MS);
process.exit(over ? 1 : 0);

async function bench(dialect) {
  const pg = dialect === 'pg';
  const knex = await openDatabase(dialect, {
    pgUrl: PG,
    name: PG_DATABASE,
    // Where the backend's SQLite connector looks for the plugin's database.
    sqliteFile: path.join(SQLITE_DIR, 'enterprise-console.sqlite'),
    keep: REUSE,
  });
  let loadSeconds;
  let oldest;
  try {
    if (!REUSE) {
      fs.mkdirSync(SQLITE_DIR, { recursive: true });
      await knex.migrate.latest({ directory: migrations });
      const loadStarted = Date.now();
      await loadSyntheticEnterprise(knex, dialect, SCALE);
      // The synthetic tenants share one creation time; spread them over two
      // years (bench-i created i % 730 days after bench-0) so that a created
      // range selects some of them.
      const start = Date.now() - 730 * DAY;
      const index = `CAST(substr(id, 7) AS ${pg ? 'bigint' : 'INTEGER'})`;
      await knex.raw(
        pg
          ? `UPDATE tenants SET created_at = to_timestamp((${start} + (${index} % 730) * ${DAY}) / 1000.0) WHERE id LIKE 'bench-%'`
          : `UPDATE tenants SET created_at = ${start} + (${index} % 730) * ${DAY} WHERE id LIKE 'bench-%'`,
      );
      await knex.raw(pg ? 'VACUUM ANALYZE tenants' : 'ANALYZE');
      loadSeconds = (Date.now() - loadStarted) / 1000;
    }
    const [first] = await knex('tenants')
      .where('id', 'bench-0')
      .select('created_at');
    oldest = new Date(first.created_at).getTime();
  } finally {
    await knex.destroy();
  }

  // 100 days of tenants; the other account's, created 400 days before the
  // load, fall before the range.
  const from = new Date(oldest + 350 * DAY);
  const to = new Date(oldest + 450 * DAY);
  const inRange = i => {
    const at = oldest + (i % 730) * DAY;
    return at >= from.getTime() && at < to.getTime();
  };
  const ids = Array.from({ length: SCALE.tenants }, (_, i) => i);
  // Each filter with the total it must answer, computed from the data.
  const filters = {
    none: { query: {}, total: SCALE.tenants + 20 },
    'accountId + q': {
      query: { accountId: 'bench', q: 'CH-19' },
      total: ids.filter(i => `bench-${i}`.includes('ch-19')).length,
    },
    'accountId + status': {
      // An indexed column billing writes; the synthetic data sets none.
      query: { accountId: 'bench', status: 'active' },
      total: 0,
    },
    'accountId, by name desc': {
      query: { accountId: 'bench', sort: 'name', order: 'desc' },
      total: SCALE.tenants,
    },
    'created range': {
      query: { createdFrom: from.toISOString(), createdTo: to.toISOString() },
      total: ids.filter(inRange).length,
    },
  };

  const backend = startBackend(dialect);
  const results = {};
  try {
    await backend.waitForHealth();
    for (const [name, { query, total }] of Object.entries(filters)) {
      const url = `${BASE}/v1/tenants?${new URLSearchParams(query)}`;
      const first = await getPage(url);
      if (first.totalCount !== total || total > 0 !== first.items.length > 0) {
        throw new Error(
          `${name}: ${first.items.length} items of ${first.totalCount}, expected ${total} in all`,
        );
      }
      for (let i = 0; i < 20; i++) await getPage(url);
      const times = [];
      for (let i = 0; i < RUNS; i++) {
        const started = process.hrtime.bigint();
        await getPage(url);
        times.push(Number(process.hrtime.bigint() - started) / 1e6);
      }
      times.sort((a, b) => a - b);
      const at = q =>
        times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)];
      results[name] = {
        totalCount: total,
        p50Ms: round(at(0.5)),
        p95Ms: round(at(0.95)),
        maxMs: round(times[times.length - 1]),
      };
      console.log(
        `tenants list on ${pg ? 'PostgreSQL' : 'SQLite'}, ${name}: p95 ${
          results[name].p95Ms
        } ms (target < ${TARGET_P95_MS}), p50 ${results[name].p50Ms} ms, max ${
          results[name].maxMs
        } ms over ${RUNS} requests; ${total} tenants match`,
      );
    }
  } finally {
    await backend.stop();
  }
  return { loadSeconds, filters: results };
}

/** A backend with only the plugin, on the database just built. */
function startBackend(dialect) {
  return startBenchBackend({
    port: PORT,
    token: TOKEN,
    database:
      dialect === 'pg'
        ? {
            client: 'pg',
            connection: PG,
            plugin: {
              'enterprise-console': { connection: { database: PG_DATABASE } },
            },
          }
        : { client: 'better-sqlite3', connection: { directory: SQLITE_DIR } },
    // The bench's token lists tenants as a service may when config says so.
    config: { enterpriseConsole: { servicePermissions: ['tenant.read'] } },
  });
}

async function getPage(url) {
  const res = await fetch(url, {
    headers: { authorization: `Bearer ${TOKEN}` },
  });
  const text = await res.text();
  if (res.status !== 200) {
    throw new Error(`GET ${url}: ${res.status} ${text}`);
  }
  return JSON.parse(text);
}

function round(ms) {
  return Math.round(ms * 10) / 10;
}
