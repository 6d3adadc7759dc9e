#!/usr/bin/env node
/*
 * Measures the dashboard tiles of one large enterprise (quality.md: p95
 * under 150 ms warm) on PostgreSQL and SQLite.
 *
 * Builds a fresh database with the plugin's migrations, bulk-loads a
 * synthetic enterprise with SQL (the tile triggers of the migrations run on
 * every inserted row, as they do for ingestion), then times
 * ConsoleTileStore.totals for the default range (last 30 days) and prints
 * p50 / p95 / max, next to one row-by-row count of the forms for comparison.
 *
 *   node scripts/bench-tiles.mjs [--tenants 2000] [--users 200000]
 *     [--forms 2000000] [--sms 1000000] [--feeds 20000] [--runs 50]
 *     [--only pg|sqlite]
 *
 * Environment: BENCH_PG (default postgresql://postgres@127.0.0.1:5432). The
 * PostgreSQL database is bench_tiles (dropped first); SQLite uses a file in
 * the temporary directory.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const backend = path.join(root, 'plugins/enterprise-console-backend');

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? fallback : args[i + 1];
};
const TENANTS = Number(option('tenants', 2000));
const USERS = Number(option('users', 200_000));
const FORMS = Number(option('forms', 2_000_000));
const SMS = Number(option('sms', 1_000_000));
const FEEDS = Number(option('feeds', 20_000));
const RUNS = Number(option('runs', 50));
const ONLY = option('only', undefined);
const PG = process.env.BENCH_PG ?? 'postgresql://postgres@127.0.0.1:5432';
const DAY = 24 * 60 * 60 * 1000;

if (!process.env.BENCH_TILES_CHILD) {
  // TypeScript sources load through Backstage's transform, as in `repo start`.
  const result = spawnSync(
    process.execPath,
    [
      '--require',
      require.resolve('@backstage/cli-node/config/nodeTransform.cjs'),
      fileURLToPath(import.meta.url),
      ...args,
    ],
    { stdio: 'inherit', env: { ...process.env, BENCH_TILES_CHILD: '1' } },
  );
  process.exit(result.status ?? 1);
}

const knexFactory = require(require.resolve('knex', { paths: [backend] }));
const { ConsoleTileStore } = require(path.join(
  backend,
  'src/reports/tiles/ConsoleTileStore.ts',
));
const migrations = path.join(backend, 'migrations');

const figures = {};
if (ONLY !== 'sqlite') figures.postgres = await bench('pg');
if (ONLY !== 'pg') figures.sqlite = await bench('sqlite');
console.log(JSON.stringify({ scale: scale(), figures }, null, 2));

function scale() {
  return {
    tenants: TENANTS,
    users: USERS,
    forms: FORMS,
    sms: SMS,
    feeds: FEEDS,
  };
}

async function bench(dialect) {
  const knex = await freshDatabase(dialect);
  try {
    await knex.migrate.latest({ directory: migrations });
    const loadStarted = Date.now();
    await load(knex, dialect);
    const loadSeconds = (Date.now() - loadStarted) / 1000;

    const store = new ConsoleTileStore(knex);
    const now = new Date();
    const range = { from: new Date(now.getTime() - 30 * DAY), to: now };
    const totals = await store.totals('bench', range);
    for (let i = 0; i < 5; i++) await store.totals('bench', range);
    const times = [];
    for (let i = 0; i < RUNS; i++) {
      const started = process.hrtime.bigint();
      await store.totals('bench', range);
      times.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    times.sort((a, b) => a - b);
    const at = q =>
      times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)];

    const rawStarted = process.hrtime.bigint();
    const [{ n: rowByRow }] = await knex('form_submissions as f')
      .join('tenants as t', 't.id', 'f.tenant_id')
      .join('users as u', join =>
        join
          .on('u.tenant_id', 'f.tenant_id')
          .andOn('u.id', 'f.user_id')
          .andOnVal('u.kind', 'mobile'),
      )
      .where('t.account_id', 'bench')
      .where('f.system', false)
      .where('f.submitted_at', '>=', range.from)
      .where('f.submitted_at', '<', range.to)
      .count({ n: '*' });
    const rawMs = Number(process.hrtime.bigint() - rawStarted) / 1e6;

    const result = {
      loadSeconds,
      totals,
      p50Ms: round(at(0.5)),
      p95Ms: round(at(0.95)),
      maxMs: round(times[times.length - 1]),
      formsCountedRowByRow: Number(rowByRow),
      formsRowByRowMs: round(rawMs),
    };
    console.log(
      `tiles on ${dialect === 'pg' ? 'PostgreSQL' : 'SQLite'}: p95 ${
        result.p95Ms
      } ms ` +
        `(target < 150), p50 ${result.p50Ms} ms, max ${result.maxMs} ms over ${RUNS} warm runs; ` +
        `forms counted row by row: ${result.formsRowByRowMs} ms`,
    );
    if (Number(rowByRow) !== totals['form-submissions']) {
      throw new Error(
        `Forms tile ${totals['form-submissions']} differs from the row-by-row count ${rowByRow}`,
      );
    }
    return result;
  } finally {
    await knex.destroy();
  }
}

function round(ms) {
  return Math.round(ms * 10) / 10;
}

async function freshDatabase(dialect) {
  if (dialect === 'pg') {
    const admin = knexFactory({ client: 'pg', connection: PG });
    await admin.raw('DROP DATABASE IF EXISTS bench_tiles');
    await admin.raw('CREATE DATABASE bench_tiles');
    await admin.destroy();
    const url = new URL(PG);
    url.pathname = '/bench_tiles';
    return knexFactory({ client: 'pg', connection: url.toString() });
  }
  const file = path.join(os.tmpdir(), 'bench-tiles.sqlite');
  fs.rmSync(file, { force: true });
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: file },
    useNullAsDefault: true,
  });
  await knex.raw('PRAGMA journal_mode = WAL');
  await knex.raw('PRAGMA foreign_keys = ON');
  return knex;
}

/**
 * The synthetic enterprise `bench` (and a small other account): per tenant
 * 60% mobile workers (every 10th inactive) and 40% web users; forms over
 * the last 30 days, every 50th a system form, every 97th by a web user and
 * every 1000th by an unknown user; SMS over the last 30 days.
 */
async function load(knex, dialect) {
  const pg = dialect === 'pg';
  const usersPerTenant = Math.max(1, Math.round(USERS / TENANTS));
  const mobilePerTenant = Math.max(1, Math.round(usersPerTenant * 0.6));
  const nowMs = Date.now();
  // Spread over 30 days, newest first.
  const formStepMs = (30 * DAY) / FORMS;
  const smsStepMs = (30 * DAY) / SMS;

  await knex('accounts').insert([
    account('bench', 'Bench'),
    account('other', 'Other'),
  ]);
  const tenantRows = [];
  for (let t = 0; t < TENANTS; t++)
    tenantRows.push(tenant(`bench-${t}`, 'bench'));
  for (let t = 0; t < 20; t++) tenantRows.push(tenant(`other-${t}`, 'other'));
  await knex.batchInsert('tenants', tenantRows, 500);

  const series = (n, body) =>
    pg
      ? `SELECT ${body} FROM generate_series(0::bigint, ${n - 1}) AS s(i)`
      : `WITH RECURSIVE s(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM s WHERE i < ${
          n - 1
        }) SELECT ${body} FROM s`;
  const time = offsetMs =>
    pg
      ? `to_timestamp((${nowMs} - (${offsetMs})) / 1000.0)`
      : `CAST(${nowMs} - (${offsetMs}) AS INTEGER)`;
  const concat = (...parts) => parts.join(' || ');
  const bool = expr =>
    pg ? `(${expr})` : `CASE WHEN ${expr} THEN 1 ELSE 0 END`;
  const created = time(400 * DAY);

  await knex.raw(`INSERT INTO users (tenant_id, id, kind, username, status, created_at)
    ${series(
      TENANTS * usersPerTenant,
      `${concat(`'bench-'`, `(i % ${TENANTS})`)},
       ${concat(`'u-'`, `(i / ${TENANTS})`)},
       CASE WHEN i / ${TENANTS} < ${mobilePerTenant} THEN 'mobile' ELSE 'web' END,
       ${concat(`'user'`, `(i / ${TENANTS})`)},
       CASE WHEN (i / ${TENANTS}) % 10 = 9 THEN 'inactive' ELSE 'active' END,
       ${created}`,
    )}`);
  await knex.raw(`INSERT INTO form_submissions (tenant_id, id, user_id, form_name, app_id, username, submitted_at, system)
    ${series(
      FORMS,
      `${concat(`'bench-'`, `(i % ${TENANTS})`)},
       ${concat(`'f-'`, 'i')},
       CASE WHEN i % 1000 = 0 THEN 'nobody'
            WHEN i % 97 = 0 THEN ${concat(`'u-'`, `${mobilePerTenant}`)}
            ELSE ${concat(
              `'u-'`,
              `((i / ${TENANTS}) % ${mobilePerTenant})`,
            )} END,
       'Visit', 'app-1', 'worker',
       ${time(`i * ${formStepMs}`)},
       ${bool('i % 50 = 0')}`,
    )}`);
  await knex.raw(`INSERT INTO sms_messages (tenant_id, id, direction, parts, sent_at, gateway, gateway_fee_ten_thousandths, usage_fee_ten_thousandths, valid, error)
    ${series(
      SMS,
      `${concat(`'bench-'`, `(i % ${TENANTS})`)},
       ${concat(`'sms-'`, 'i')},
       CASE WHEN i % 2 = 0 THEN 'incoming' ELSE 'outgoing' END,
       1 + i % 3,
       ${time(`i * ${smsStepMs}`)},
       CASE WHEN i % 3 = 0 THEN 'twilio' ELSE 'infobip' END,
       75, 100, ${bool('1 = 1')}, ${bool('1 = 0')}`,
    )}`);
  await knex.raw(`INSERT INTO data_feeds (tenant_id, id, name, row_count)
    ${series(
      FEEDS,
      `${concat(`'bench-'`, `(i % ${TENANTS})`)}, ${concat(
        `'feed-'`,
        'i',
      )}, ${concat(`'Feed '`, 'i')}, i`,
    )}`);
  // The other account has some of everything too.
  await knex.raw(`INSERT INTO form_submissions (tenant_id, id, user_id, submitted_at, system)
    ${series(
      10_000,
      `${concat(`'other-'`, '(i % 20)')}, ${concat(`'f-'`, 'i')}, 'u-0', ${time(
        `i * 60000`,
      )}, ${bool('1 = 0')}`,
    )}`);

  if (pg) {
    await knex.raw('VACUUM ANALYZE');
  } else {
    await knex.raw('ANALYZE');
  }

  function account(id, name) {
    return {
      id,
      name,
      enterprise: true,
      created_at: new Date(nowMs),
      updated_at: new Date(nowMs),
    };
  }
  function tenant(id, accountId) {
    return {
      id,
      account_id: accountId,
      name: id,
      created_at: new Date(nowMs - 400 * DAY),
      updated_at: new Date(nowMs),
    };
  }
}
