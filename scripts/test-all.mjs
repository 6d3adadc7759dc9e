#!/usr/bin/env node
/*
 * Runs every check of the repository and ends with one line
 * "N passed, N failed" summing them all:
 *   type check, lint, unit tests (stores and routes on SQLite and, when one
 *   is reachable, PostgreSQL), and the Playwright tests in Chromium against
 *   the real app and backend.
 *
 * PostgreSQL: a BACKSTAGE_TEST_DATABASE_POSTGRES<major>_CONNECTION_STRING
 * is used as given; otherwise one listening on 127.0.0.1:5432 (user postgres)
 * is picked up. EC_REQUIRE_POSTGRES=1 turns a missing one, or unit tests
 * that used no PostgreSQL database, into a failure.
 * Chromium: PLAYWRIGHT_CHROMIUM_PATH, else `chromium` on the PATH, else
 * Debian's chromium installed with apt-get (as root), else Playwright's own
 * (downloaded with `npx playwright install chromium`); see chromium.mjs.
 */
import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { provideChromium } from './chromium.mjs';

const root = new URL('..', import.meta.url).pathname;
const resultsDir = join(root, '.ci-results');
const require = createRequire(join(root, 'packages/backend/package.json'));

rmSync(resultsDir, { recursive: true, force: true });
mkdirSync(resultsDir, { recursive: true });

const summary = [];
let passed = 0;
let failed = 0;

function record(name, ok, failedCount, detail) {
  passed += ok;
  failed += failedCount;
  summary.push(
    `${name}: ${ok} passed, ${failedCount} failed${
      detail ? ` (${detail})` : ''
    }`,
  );
}

function run(command, args, env = {}) {
  const started = Date.now();
  return new Promise(resolve => {
    const child = spawn(command, args, {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, ...env },
    });
    child.on('exit', code => {
      resolve({
        code: code ?? 1,
        seconds: Math.round((Date.now() - started) / 1000),
      });
    });
  });
}

async function findPostgres() {
  const existing = Object.keys(process.env).find(name =>
    /^BACKSTAGE_TEST_DATABASE_POSTGRES\d+_CONNECTION_STRING$/.test(name),
  );
  if (existing) {
    return { name: existing, value: process.env[existing] };
  }
  const connectionString =
    process.env.EC_TEST_POSTGRES_URL ??
    'postgresql://postgres@127.0.0.1:5432/postgres';
  try {
    const { Client } = require('pg');
    const client = new Client({
      connectionString,
      connectionTimeoutMillis: 3000,
    });
    await client.connect();
    const { rows } = await client.query('SHOW server_version_num');
    await client.end();
    const major = Math.floor(Number(rows[0].server_version_num) / 10000);
    return {
      name: `BACKSTAGE_TEST_DATABASE_POSTGRES${major}_CONNECTION_STRING`,
      value: connectionString.replace(/\/postgres$/, ''),
    };
  } catch (error) {
    console.log(`No PostgreSQL at ${connectionString}: ${error.message}`);
    return undefined;
  }
}

// The test databases helper leaves one file per database id it initialised.
const usedDatabasesDir = join(resultsDir, 'test-databases');
const testEnv = {
  CI: 'true',
  BACKSTAGE_TEST_DISABLE_DOCKER: '1',
  EC_TEST_DATABASES_DIR: usedDatabasesDir,
};
const postgres = await findPostgres();
if (postgres) {
  testEnv[postgres.name] = postgres.value;
  console.log(
    `Store and route tests run on SQLite and on PostgreSQL (${postgres.name}).`,
  );
} else if (process.env.EC_REQUIRE_POSTGRES) {
  record(
    'postgres',
    0,
    1,
    'EC_REQUIRE_POSTGRES is set but no PostgreSQL is reachable',
  );
} else {
  console.log('Store and route tests run on SQLite only: no PostgreSQL found.');
}

// 1. Type check
const tsc = await run('npx', ['tsc']);
record(
  'type check',
  tsc.code === 0 ? 1 : 0,
  tsc.code === 0 ? 0 : 1,
  `${tsc.seconds} s`,
);

// 2. Lint
const lint = await run('npx', ['backstage-cli', 'repo', 'lint']);
record(
  'lint',
  lint.code === 0 ? 1 : 0,
  lint.code === 0 ? 0 : 1,
  `${lint.seconds} s`,
);

// 3. Unit tests
const jestJson = join(resultsDir, 'jest.json');
const jest = await run(
  'npx',
  ['backstage-cli', 'repo', 'test', '--json', `--outputFile=${jestJson}`],
  testEnv,
);
if (existsSync(jestJson)) {
  const report = JSON.parse(readFileSync(jestJson, 'utf8'));
  // A suite that fails to load has no failed tests of its own; count it.
  const brokenSuites = report.testResults.filter(
    suite => suite.status === 'failed' && suite.assertionResults.length === 0,
  ).length;
  record(
    'unit tests',
    report.numPassedTests,
    report.numFailedTests + brokenSuites,
    `${report.numTotalTestSuites} suites, ${jest.seconds} s`,
  );
} else {
  record('unit tests', 0, 1, 'jest wrote no report');
}
if (process.env.EC_REQUIRE_POSTGRES && postgres) {
  // A set variable is not enough: the suites must really have run on it.
  const used = existsSync(usedDatabasesDir)
    ? readdirSync(usedDatabasesDir)
    : [];
  if (!used.some(id => id.startsWith('POSTGRES_'))) {
    record(
      'postgres',
      0,
      1,
      `EC_REQUIRE_POSTGRES is set but the unit tests used no PostgreSQL database (used: ${
        used.join(', ') || 'none'
      })`,
    );
  }
}

// 4. End-to-end tests in Chromium
const chromium = provideChromium({ cwd: root });
if (chromium.missing) {
  console.log(`Browser tests not run: ${chromium.missing}`);
  record('browser tests', 0, 1, chromium.missing);
} else {
  const e2eEnv = { ...testEnv };
  if (chromium.executablePath) {
    e2eEnv.PLAYWRIGHT_CHROMIUM_PATH = chromium.executablePath;
  }
  const e2e = await run('npx', ['playwright', 'test'], e2eEnv);
  const e2eJson = join(root, 'e2e-test-report/results.json');
  if (existsSync(e2eJson)) {
    const { stats } = JSON.parse(readFileSync(e2eJson, 'utf8'));
    record(
      'browser tests',
      stats.expected + stats.flaky,
      stats.unexpected,
      `${e2e.seconds} s, screenshots in e2e-test-report/screenshots`,
    );
  } else {
    record('browser tests', 0, 1, 'playwright wrote no report');
  }
}

console.log('');
for (const line of summary) {
  console.log(line);
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
