#!/usr/bin/env node
/*
 * Measures report generation against quality.md ("Performance"):
 *
 * - form-submissions of a large enterprise, from request to finished stored
 *   file, through the product's own run queue (ReportRunService, ReportWorker,
 *   ReportRunStore, ReportFileStore and the real report definitions), against
 *   the database's own CSV export of the same query measured in the same run:
 *   `COPY (…) TO STDOUT WITH CSV` through psql on PostgreSQL (target ≤ 1.3×),
 *   the sqlite3 shell's csv mode on SQLite (target ≤ 1.2×);
 * - resident memory of this process (the backend) while any report is
 *   generated, sampled every 100 ms: peak growth over the level just before
 *   the request (target < 150 MB), for form-submissions and the other five
 *   reports.
 *
 *   node scripts/bench-reports.mjs [--tenants 2000] [--users 200000]
 *     [--forms 2000000] [--sms 1000000] [--feeds 20000] [--only pg|sqlite]
 *     [--reuse] [--repeat 1] [--others pg|all|none] [--cpu-prof]
 *     [--out bench-results/reports-<time>.json]
 *
 * --reuse keeps the database of an earlier run when it holds the same scale
 * (seeding 2M forms takes minutes); the ranges asked for are those of the
 * seed, so the row counts stay the same. --repeat times the report and the
 * export that many times each, alternating, and takes the median.
 * --cpu-prof profiles one more form-submissions run (untimed), writes the
 * profile next to the JSON file and prints where its time went ((idle) is
 * time waiting for the database).
 *
 * Environment: BENCH_PG (default postgresql://postgres@127.0.0.1:5432). The
 * PostgreSQL database is bench_reports; SQLite uses a file in the temporary
 * directory. psql and sqlite3 must be on the PATH.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import inspector from 'node:inspector/promises';
import { createRequire } from 'node:module';
import {
  backend,
  DAY,
  knexFactory,
  loadSyntheticEnterprise,
  migrations,
  openDatabase,
  option,
  pgDatabaseUrl,
  reexecWithTypeScript,
  root,
  scaleFrom,
} from './syntheticEnterprise.mjs';

// TypeScript sources load through Backstage's transform, as in `repo start`;
// --expose-gc lets the memory baseline be taken after a collection.
reexecWithTypeScript(import.meta.url, 'BENCH_REPORTS_CHILD', ['--expose-gc']);

const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const SCALE = scaleFrom(args);
const ONLY = option(args, 'only', undefined);
const REUSE = args.includes('--reuse');
const CPU_PROFILE = args.includes('--cpu-prof');
const REPEAT = Math.max(1, Number(option(args, 'repeat', 1)));
const OTHERS = option(args, 'others', 'all');
const PG = process.env.BENCH_PG ?? 'postgresql://postgres@127.0.0.1:5432';
const PG_DATABASE = 'bench_reports';
const SQLITE_FILE = path.join(os.tmpdir(), 'bench-reports.sqlite');
const STARTED = new Date();
const OUT = path.resolve(
  root,
  option(
    args,
    'out',
    `bench-results/reports-${STARTED.toISOString()
      .slice(0, 19)
      .replace(/:/g, '')}.json`,
  ),
);
const ACCOUNT = 'bench';
const MB = 1024 * 1024;
const TARGETS = {
  ratio: { pg: 1.3, sqlite: 1.2 },
  memoryGrowthMb: 150,
};

const load = file => require(path.join(backend, 'src', file));
const { ReportRunService, ReportRunStore, ReportFileStore, ReportWorker } =
  load('reports/runs/index.ts');
const { DEFAULT_REPORT_RUN_CONFIG } = load('reports/runs/index.ts');
const { reportDefinitions } = load('reports/definitions/index.ts');
const { AccountStore } = load('tenants/AccountStore.ts');

const OTHER_REPORTS = [
  'project-spaces',
  'web-users',
  'mobile-workers',
  'odata-feeds',
  'sms-detail',
];

const results = {
  startedAt: STARTED.toISOString(),
  commit: gitCommit(),
  host: { cpus: os.cpus().length, load: os.loadavg().map(round) },
  scale: SCALE,
  repeat: REPEAT,
  targets: TARGETS,
  databases: {},
};
const lines = [];
let failed = false;

for (const dialect of ['pg', 'sqlite']) {
  if (ONLY && ONLY !== dialect) continue;
  results.databases[dialect] = await bench(dialect);
}
results.finishedAt = new Date().toISOString();
fs.mkdirSync(path.dirname(OUT), { recursive: true });
fs.writeFileSync(OUT, `${JSON.stringify(results, null, 2)}\n`);
console.log(`\n${lines.join('\n')}\nresults: ${path.relative(root, OUT)}`);
process.exit(failed ? 1 : 0);

function report(line, ok) {
  const text = `${line} ${ok ? 'ok' : 'FAIL'}`;
  if (!ok) failed = true;
  lines.push(text);
  console.log(text);
}

async function bench(dialect) {
  const { knex, seed } = await seededDatabase(dialect);
  const runs = new ReportRunStore(knex);
  const files = new ReportFileStore(knex);
  const accounts = new AccountStore(knex);
  let succeeded = () => {};
  const worker = new ReportWorker({
    db: knex,
    runs,
    files,
    accounts,
    definitions: reportDefinitions,
    logger: quietLogger(),
    config: DEFAULT_REPORT_RUN_CONFIG,
    linkExpiryMs: DAY,
    onSucceeded: async run => succeeded(run),
  });
  // As the route queues runs: the service resolves the parameters and wakes
  // the local worker.
  const service = new ReportRunService({
    db: knex,
    runs,
    accounts,
    definitions: reportDefinitions,
    config: { maxActiveRunsPerUser: 1000 },
    onQueued: () => worker.wake(),
  });
  const caller = {
    credentials: {
      $$type: '@backstage/BackstageCredentials',
      principal: { type: 'user', userEntityRef: 'user:default/bench' },
    },
    require: async () => {},
    holds: async () => true,
  };
  // The range of the seed, so that a reused database gives the same rows.
  const range = {
    from: new Date(seed.loadStartedMs - 30 * DAY - 60_000).toISOString(),
    to: new Date(seed.loadFinishedMs + 1000).toISOString(),
  };

  /** One run through the queue: time, rows, bytes and memory. */
  const runReport = async (type, profileName) => {
    global.gc?.();
    await pause(200);
    const sampler = memorySampler();
    const profiler = profileName ? await startProfile() : undefined;
    const started = process.hrtime.bigint();
    const done = new Promise(resolve => {
      succeeded = resolve;
    });
    const { id } = await service.create(
      { accountId: ACCOUNT, type, ...range },
      caller,
    );
    // A failed or cancelled run never calls onSucceeded.
    const ended = watchForFailure(runs, id);
    await Promise.race([done, ended.promise]);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    ended.stop();
    const memory = sampler.stop();
    if (profiler) await profiler.stop(profileName);
    const run = await runs.get(id);
    const [{ stored }] = await knex('report_file_chunks')
      .where({ run_id: id })
      .sum({ stored: knex.raw('length(data)') });
    await files.deleteFile(id);
    if (Number(stored) !== run.byteSize) {
      throw new Error(
        `Run ${id} stored ${stored} bytes but recorded ${run.byteSize}`,
      );
    }
    return {
      type,
      seconds: round(ms / 1000, 2),
      rows: run.rowCount,
      bytes: run.byteSize,
      ...memory,
    };
  };

  worker.start();
  const figures = {};
  try {
    const name = dialect === 'pg' ? 'pg' : 'sqlite';
    const exporter = databaseExport(dialect, knex, range);
    const expectedRows = await exporter.count();
    // Warm the caches for both sides alike.
    await exporter.run();
    const reportRuns = [];
    const exportRuns = [];
    for (let i = 0; i < REPEAT; i++) {
      reportRuns.push(await runReport('form-submissions'));
      exportRuns.push(await exporter.run());
    }
    if (CPU_PROFILE) {
      // Apart from the timed runs: the profiler slows a run down.
      const profiled = await runReport(
        'form-submissions',
        `${path.basename(OUT, '.json')}-${name}-form-submissions`,
      );
      console.log(`${name} profiled run: ${profiled.seconds} s`);
    }
    const reportSeconds = median(reportRuns.map(r => r.seconds));
    const exportSeconds = median(exportRuns);
    const rows = reportRuns[0].rows;
    if (rows !== expectedRows) {
      throw new Error(
        `form-submissions wrote ${rows} rows; the equivalent query has ${expectedRows}`,
      );
    }
    const ratio = round(reportSeconds / exportSeconds, 2);
    const growth = Math.max(...reportRuns.map(r => r.rssGrowthMb));
    figures['form-submissions'] = {
      rows,
      bytes: reportRuns[0].bytes,
      seconds: reportSeconds,
      rowsPerSecond: Math.round(rows / reportSeconds),
      exportCommand: exporter.label,
      exportSeconds,
      ratio,
      target: TARGETS.ratio[dialect],
      rssGrowthMb: growth,
      runs: reportRuns,
      exportRuns,
    };
    report(
      `${name} form-submissions ${rows} rows, ${mb(
        reportRuns[0].bytes,
      )} MB: ${reportSeconds} s; ${
        exporter.label
      } ${exportSeconds} s; ratio ${ratio} (target ≤ ${
        TARGETS.ratio[dialect]
      })`,
      ratio <= TARGETS.ratio[dialect],
    );
    report(
      `${name} memory growth, form-submissions: ${growth} MB (target < ${TARGETS.memoryGrowthMb} MB)`,
      growth < TARGETS.memoryGrowthMb,
    );

    if (OTHERS === 'all' || OTHERS === dialect) {
      for (const type of OTHER_REPORTS) {
        const result = await runReport(type);
        figures[type] = result;
        report(
          `${name} memory growth, ${type} ${result.rows} rows in ${result.seconds} s: ${result.rssGrowthMb} MB (target < ${TARGETS.memoryGrowthMb} MB)`,
          result.rssGrowthMb < TARGETS.memoryGrowthMb,
        );
      }
    }
    return { seed, range, figures };
  } finally {
    await worker.stop();
    await knex.destroy();
  }
}

/**
 * The database with the enterprise loaded: reused when --reuse and it
 * holds this scale, otherwise built afresh. Runs of earlier benchmarks are
 * removed.
 */
async function seededDatabase(dialect) {
  const where = { pgUrl: PG, name: PG_DATABASE, sqliteFile: SQLITE_FILE };
  if (REUSE && (await databaseExists(dialect))) {
    const knex = await openDatabase(dialect, { ...where, keep: true });
    const seed = await readSeed(knex);
    if (seed && JSON.stringify(seed.scale) === JSON.stringify(SCALE)) {
      await knex.migrate.latest({ directory: migrations });
      await knex('report_runs').delete();
      console.log(`${dialect}: reusing the enterprise seeded ${seed.seededAt}`);
      return { knex, seed };
    }
    await knex.destroy();
  }
  const knex = await openDatabase(dialect, where);
  await knex.migrate.latest({ directory: migrations });
  console.log(`${dialect}: seeding ${JSON.stringify(SCALE)} …`);
  const loadStartedMs = Date.now();
  await loadSyntheticEnterprise(knex, dialect, SCALE);
  const loadFinishedMs = Date.now();
  const seed = {
    scale: SCALE,
    seededAt: new Date(loadFinishedMs).toISOString(),
    loadStartedMs,
    loadFinishedMs,
    loadSeconds: round((loadFinishedMs - loadStartedMs) / 1000, 1),
  };
  await knex.schema.createTable('bench_seed', table => table.text('seed'));
  await knex('bench_seed').insert({ seed: JSON.stringify(seed) });
  console.log(`${dialect}: seeded in ${seed.loadSeconds} s`);
  return { knex, seed };
}

async function databaseExists(dialect) {
  if (dialect === 'sqlite') return fs.existsSync(SQLITE_FILE);
  const admin = knexFactory({ client: 'pg', connection: PG });
  try {
    const { rows } = await admin.raw(
      'SELECT 1 FROM pg_database WHERE datname = ?',
      [PG_DATABASE],
    );
    return rows.length > 0;
  } finally {
    await admin.destroy();
  }
}

async function readSeed(knex) {
  if (!(await knex.schema.hasTable('bench_seed'))) return undefined;
  const row = await knex('bench_seed').first('seed');
  return row && JSON.parse(row.seed);
}

/**
 * The database's own CSV export of the report's query: the account's
 * tenants, their forms in the range that are no system forms and whose
 * user is a mobile worker of the tenant, with the application's name and
 * the tenant's columns, by tenant, submission time and id.
 */
function databaseExport(dialect, knex, range) {
  const pg = dialect === 'pg';
  const from = pg
    ? `'${range.from}'::timestamptz`
    : String(Date.parse(range.from));
  const to = pg ? `'${range.to}'::timestamptz` : String(Date.parse(range.to));
  const fromWhere = `FROM tenants t
    JOIN form_submissions f ON f.tenant_id = t.id
    JOIN users u ON u.tenant_id = f.tenant_id AND u.id = f.user_id AND u.kind = 'mobile'
    LEFT JOIN applications a ON a.tenant_id = f.tenant_id AND a.id = f.app_id
    WHERE t.account_id = '${ACCOUNT}' AND f.system = ${pg ? 'false' : '0'}
      AND f.submitted_at >= ${from} AND f.submitted_at < ${to}`;
  const query = `SELECT f.form_name, f.submitted_at, a.name, u.username, t.id, t.name, t.url
    ${fromWhere}
    ORDER BY t.id, f.submitted_at, f.id`;
  const oneLine = query.replace(/\s+/g, ' ');
  const command = pg
    ? [
        'psql',
        [
          '-X',
          '-q',
          '-v',
          'ON_ERROR_STOP=1',
          '-d',
          pgDatabaseUrl(PG, PG_DATABASE),
          '-c',
          `COPY (${oneLine}) TO STDOUT WITH CSV HEADER`,
        ],
      ]
    : ['sqlite3', ['-csv', '-header', SQLITE_FILE, oneLine]];
  return {
    label: pg ? 'COPY' : 'sqlite3 -csv',
    query: oneLine,
    async count() {
      const result = await knex.raw(`SELECT count(*) AS n ${fromWhere}`);
      return Number((pg ? result.rows : result)[0].n);
    },
    /** Seconds the export takes, its output going to /dev/null. */
    async run() {
      const devNull = fs.openSync('/dev/null', 'w');
      const started = process.hrtime.bigint();
      try {
        await new Promise((resolve, reject) => {
          const child = spawn(command[0], command[1], {
            stdio: ['ignore', devNull, 'pipe'],
          });
          let stderr = '';
          child.stderr.on('data', data => {
            stderr += data;
          });
          child.on('error', reject);
          child.on('close', code =>
            code === 0
              ? resolve()
              : reject(new Error(`${command[0]} exited ${code}: ${stderr}`)),
          );
        });
      } finally {
        fs.closeSync(devNull);
      }
      return round(Number(process.hrtime.bigint() - started) / 1e9, 2);
    },
  };
}

/** Samples this process's resident memory every 100 ms until stopped. */
function memorySampler() {
  const baseline = process.memoryUsage();
  let peakRss = baseline.rss;
  let peakHeap = baseline.heapUsed;
  let samples = 0;
  const sample = () => {
    const { rss, heapUsed } = process.memoryUsage();
    peakRss = Math.max(peakRss, rss);
    peakHeap = Math.max(peakHeap, heapUsed);
    samples += 1;
  };
  const timer = setInterval(sample, 100);
  return {
    stop() {
      sample();
      clearInterval(timer);
      return {
        rssBaselineMb: mb(baseline.rss),
        rssPeakMb: mb(peakRss),
        rssGrowthMb: mb(peakRss - baseline.rss),
        heapGrowthMb: mb(peakHeap - baseline.heapUsed),
        memorySamples: samples,
      };
    },
  };
}

/** Rejects when the run ends without succeeding. */
function watchForFailure(runs, id) {
  let timer;
  const promise = new Promise((_, reject) => {
    timer = setInterval(async () => {
      const run = await runs.get(id);
      if (run && ['failed', 'cancelled'].includes(run.status)) {
        reject(new Error(`Run ${id} ${run.status}: ${run.error ?? ''}`));
      }
    }, 1000);
  });
  return { promise, stop: () => clearInterval(timer) };
}

async function startProfile() {
  const session = new inspector.Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 1000 });
  await session.post('Profiler.start');
  return {
    async stop(name) {
      const { profile } = await session.post('Profiler.stop');
      session.disconnect();
      const file = path.join(path.dirname(OUT), `${name}.cpuprofile`);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, JSON.stringify(profile));
      printProfile(profile, file);
    },
  };
}

/** The functions the profile spent most time in, by self time and by file. */
function printProfile(profile, file) {
  const dt = new Map();
  const { samples, timeDeltas, nodes } = profile;
  for (let i = 0; i < samples.length; i++) {
    dt.set(samples[i], (dt.get(samples[i]) ?? 0) + (timeDeltas[i] ?? 0));
  }
  const byFunction = new Map();
  const byFile = new Map();
  for (const node of nodes) {
    const self = dt.get(node.id) ?? 0;
    const { functionName, url, lineNumber } = node.callFrame;
    // The profiler's own stop call.
    if (!self || url === 'node:inspector') continue;
    const where = url
      ? url.replace(/^file:\/\//, '').replace(`${root}/`, '')
      : '(native)';
    const key = `${functionName || '(anonymous)'} ${where}:${lineNumber + 1}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + self);
    const pkg = where.includes('node_modules/')
      ? where.replace(/.*node_modules\/((@[^/]+\/)?[^/]+).*/, '$1')
      : where;
    byFile.set(pkg, (byFile.get(pkg) ?? 0) + self);
  }
  const total = [...byFile.values()].reduce((a, b) => a + b, 0);
  const top = (map, n) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(
        ([key, us]) =>
          `  ${((100 * us) / total).toFixed(1).padStart(5)}%  ${key}`,
      )
      .join('\n');
  console.log(
    `CPU profile ${path.relative(root, file)} (${round(
      total / 1e6,
      1,
    )} s sampled)\nby file or package:\n${top(
      byFile,
      15,
    )}\nby function (self time):\n${top(byFunction, 20)}`,
  );
}

function quietLogger() {
  const logger = {
    debug() {},
    info() {},
    warn: (message, error) => console.warn(`warn: ${message}`, error ?? ''),
    error: (message, error) => console.error(`error: ${message}`, error ?? ''),
    child: () => logger,
  };
  return logger;
}

function gitCommit() {
  try {
    return require('node:child_process')
      .execSync('git rev-parse HEAD', { cwd: root })
      .toString()
      .trim();
  } catch {
    return undefined;
  }
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

function pause(ms) {
  return new Promise(resolve => setTimeout(resolve, ms));
}

function mb(bytes) {
  return round(bytes / MB, 1);
}

function round(value, places = 1) {
  const scale = 10 ** places;
  return Math.round(value * scale) / scale;
}
