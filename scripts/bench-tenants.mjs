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
 * each filter: none, accountId + q, accountId + status, a created range.
 * Prints p50 / p95 / max per filter and exits non-zero when a p95 is over
 * the target.
 *
 *   node scripts/bench-tenants.mjs [--tenants 2000] [--users 200000]
 *     [--forms 2000000] [--sms 1000000] [--feeds 20000] [--runs 200]
 *     [--only pg|sqlite]
 *
 * Environment: BENCH_PG (default postgresql://postgres@127.0.0.1:5432),
 * BENCH_PORT (default 7098). The PostgreSQL database is bench_tenants
 * (dropped first); SQLite uses a file in the temporary directory.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import {
  backend,
  DAY,
  loadSyntheticEnterprise,
  migrations,
  openDatabase,
  option,
  root,
  scaleFrom,
} from './syntheticEnterprise.mjs';

const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const SCALE = scaleFrom(args);
const RUNS = Number(option(args, 'runs', 200));
const ONLY = option(args, 'only', undefined);
const PG = process.env.BENCH_PG ?? 'postgresql://postgres@127.0.0.1:5432';
const PORT = Number(process.env.BENCH_PORT ?? 7098);
const TOKEN = 'bench-tenants-static-token-0123456789';
const BASE = `http://127.0.0.1:${PORT}/api/enterprise-console`;
const TARGET_P95_MS = 100;
const PG_DATABASE = 'bench_tenants';
const SQLITE_DIR = path.join(os.tmpdir(), 'bench-tenants');

if (args.includes('--serve')) {
  // Child: a backend with the plugin only (TypeScript loaded as `backstage-cli package start` does).
  const { createBackend } = require('@backstage/backend-defaults');
  const server = createBackend();
  server.add(require(path.join(backend, 'src/index.ts')));
  await server.start();
} else {
  const figures = {};
  if (ONLY !== 'sqlite') figures.postgres = await bench('pg');
  if (ONLY !== 'pg') figures.sqlite = await bench('sqlite');
  console.log(JSON.stringify({ scale: SCALE, runs: RUNS, figures }, null, 2));
  const over = Object.values(figures)
    .flatMap(f => Object.values(f.filters))
    .some(f => f.p95Ms >= TARGET_P95_MS);
  process.exit(over ? 1 : 0);
}

/** Tenant `bench-i` was created `i % 730` days after the oldest. */
function createdAt(i, nowMs) {
  return nowMs - 730 * DAY + (i % 730) * DAY;
}

async function bench(dialect) {
  const pg = dialect === 'pg';
  const knex = await openDatabase(dialect, {
    pgUrl: PG,
    name: PG_DATABASE,
    // Where the backend's SQLite connector looks for the plugin's database.
    sqliteFile: path.join(SQLITE_DIR, 'enterprise-console.sqlite'),
  });
  const nowMs = Date.now();
  let loadSeconds;
  try {
    fs.mkdirSync(SQLITE_DIR, { recursive: true });
    await knex.migrate.latest({ directory: migrations });
    const loadStarted = Date.now();
    await loadSyntheticEnterprise(knex, dialect, SCALE);
    // The synthetic tenants share one creation time; spread them so that a
    // created range selects some of them.
    const oldest = nowMs - 730 * DAY;
    const index = `CAST(substr(id, 7) AS ${pg ? 'bigint' : 'INTEGER'})`;
    await knex.raw(
      pg
        ? `UPDATE tenants SET created_at = to_timestamp((${oldest} + (${index} % 730) * ${DAY}) / 1000.0) WHERE id LIKE 'bench-%'`
        : `UPDATE tenants SET created_at = ${oldest} + (${index} % 730) * ${DAY} WHERE id LIKE 'bench-%'`,
    );
    await knex.raw(pg ? 'VACUUM ANALYZE tenants' : 'ANALYZE');
    loadSeconds = (Date.now() - loadStarted) / 1000;
  } finally {
    await knex.destroy();
  }

  const from = new Date(nowMs - 380 * DAY);
  const to = new Date(nowMs - 280 * DAY);
  const ids = Array.from({ length: SCALE.tenants }, (_, i) => i);
  const inRange = i => {
    const at = createdAt(i, nowMs);
    return at >= from.getTime() && at < to.getTime();
  };
  // Each filter with the total it must answer, computed from the data (the
  // range leaves out the other account's tenants, created 400 days ago).
  const filters = {
    none: { query: {}, total: SCALE.tenants + 20 },
    'accountId + q': {
      query: { accountId: 'bench', q: 'CH-19' },
      total: ids.filter(i => `bench-${i}`.includes('ch-19')).length,
    },
    'accountId + status': {
      // No tenant has a status until billing records one (tenantListFilter.ts).
      query: { accountId: 'bench', status: 'active' },
      total: 0,
    },
    'created range': {
      query: { createdFrom: from.toISOString(), createdTo: to.toISOString() },
      total: ids.filter(inRange).length,
    },
  };

  const child = startBackend(dialect);
  const results = {};
  try {
    await waitForHealth(child);
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
    child.kill('SIGTERM');
    await new Promise(resolve => child.once('exit', resolve));
  }
  return { loadSeconds, filters: results };
}

/** A backend with only the plugin, on the database `bench` just built. */
function startBackend(dialect) {
  const database =
    dialect === 'pg'
      ? {
          client: 'pg',
          connection: PG,
          plugin: {
            'enterprise-console': { connection: { database: PG_DATABASE } },
          },
        }
      : { client: 'better-sqlite3', connection: { directory: SQLITE_DIR } };
  const configFile = path.join(
    os.tmpdir(),
    `bench-tenants-${process.pid}-${dialect}.yaml`,
  );
  fs.writeFileSync(
    configFile,
    JSON.stringify({
      backend: {
        baseUrl: `http://127.0.0.1:${PORT}`,
        listen: { port: PORT, host: '127.0.0.1' },
        database,
        auth: {
          externalAccess: [
            { type: 'static', options: { token: TOKEN, subject: 'bench' } },
          ],
        },
      },
      permission: { enabled: false },
      // The bench's token lists tenants as a service may when config says so.
      enterpriseConsole: { servicePermissions: ['tenant.read'] },
    }),
  );
  const child = spawn(
    process.execPath,
    [
      '--require',
      require.resolve('@backstage/cli-node/config/nodeTransform.cjs'),
      fileURLToPath(import.meta.url),
      '--serve',
      '--config',
      configFile,
    ],
    {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn' },
    },
  );
  child.once('exit', () => fs.rmSync(configFile, { force: true }));
  return child;
}

async function waitForHealth(child) {
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) {
      throw new Error(`The bench backend exited with ${child.exitCode}`);
    }
    try {
      const res = await fetch(`${BASE}/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise(resolve => setTimeout(resolve, 500));
  }
  throw new Error('The bench backend did not start');
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
