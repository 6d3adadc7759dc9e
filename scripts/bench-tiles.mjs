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
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import {
  backend,
  DAY,
  loadSyntheticEnterprise,
  migrations,
  openDatabase,
  option,
  reexecWithTypeScript,
  scaleFrom,
} from './syntheticEnterprise.mjs';

// TypeScript sources load through Backstage's transform, as in `repo start`.
reexecWithTypeScript(import.meta.url, 'BENCH_TILES_CHILD');

const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const SCALE = scaleFrom(args);
const RUNS = Number(option(args, 'runs', 50));
const ONLY = option(args, 'only', undefined);
const PG = process.env.BENCH_PG ?? 'postgresql://postgres@127.0.0.1:5432';

const { ConsoleTileStore } = require(path.join(
  backend,
  'src/reports/tiles/ConsoleTileStore.ts',
));

const figures = {};
if (ONLY !== 'sqlite') figures.postgres = await bench('pg');
if (ONLY !== 'pg') figures.sqlite = await bench('sqlite');
console.log(JSON.stringify({ scale: scale(), figures }, null, 2));

function scale() {
  return SCALE;
}

async function bench(dialect) {
  const knex = await openDatabase(dialect, {
    pgUrl: PG,
    name: 'bench_tiles',
    sqliteFile: path.join(os.tmpdir(), 'bench-tiles.sqlite'),
  });
  try {
    await knex.migrate.latest({ directory: migrations });
    const loadStarted = Date.now();
    await loadSyntheticEnterprise(knex, dialect, SCALE);
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
