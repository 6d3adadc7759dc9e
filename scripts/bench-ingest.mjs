#!/usr/bin/env node
/*
 * Measures NDJSON ingestion through the real route into PostgreSQL:
 * starts a backend with only the Enterprise Console plugin in a child
 * process, creates accounts and tenants through the PUT routes, then streams
 * N generated records to POST /v1/ingest and reports records/s and the
 * backend's peak resident memory (VmHWM).
 *
 *   node scripts/bench-ingest.mjs [--records 1000000] [--tenants 200]
 *
 * Environment: BENCH_PG (default postgresql://postgres@127.0.0.1:5432),
 * BENCH_PORT (default 7099). The bench uses its own database prefix
 * (bench_ingest_) and drops it first, so it never touches other data.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { startBenchBackend } from './benchBackend.mjs';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? fallback : args[i + 1];
};
const RECORDS = Number(option('records', 1_000_000));
const TENANTS = Number(option('tenants', 200));
const PG = process.env.BENCH_PG ?? 'postgresql://postgres@127.0.0.1:5432';
const PORT = Number(process.env.BENCH_PORT ?? 7099);
const TOKEN = 'bench-ingest-static-token-0123456789';
const PREFIX = 'bench_ingest_';
const BASE = `http://127.0.0.1:${PORT}/api/enterprise-console`;

await main();

async function main() {
  const { Client } = require(require.resolve('pg', {
    paths: [path.join(root, 'plugins/enterprise-console-backend')],
  }));
  const admin = new Client({ connectionString: PG });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${PREFIX}enterprise-console"`);
  await admin.end();

  const backend = startBenchBackend({
    port: PORT,
    token: TOKEN,
    database: { client: 'pg', connection: PG, prefix: PREFIX },
    nodeOptions: process.env.BENCH_CPU_PROF
      ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF]
      : [],
  });
  const { child } = backend;
  try {
    await backend.waitForHealth();
    await put('/v1/accounts/bench', { name: 'Bench' });
    for (let t = 0; t < TENANTS; t++) {
      await put(`/v1/tenants/bench-${t}`, {
        accountId: 'bench',
        name: `Bench ${t}`,
        createdAt: '2025-01-01T00:00:00Z',
      });
    }
    const rssBefore = readStatus(child.pid, 'VmRSS');
    let peakSampled = rssBefore;
    const sampler = setInterval(() => {
      peakSampled = Math.max(peakSampled, readStatus(child.pid, 'VmRSS'));
    }, 200);

    const started = process.hrtime.bigint();
    const result = await postNdjson(RECORDS);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    clearInterval(sampler);
    const peak = readStatus(child.pid, 'VmHWM');

    const figures = {
      records: RECORDS,
      tenants: TENANTS,
      seconds: Number(seconds.toFixed(2)),
      recordsPerSecond: Math.round(RECORDS / seconds),
      backendRssBeforeMb: Math.round(rssBefore / 1024),
      backendPeakRssMb: Math.round(peak / 1024),
      backendPeakRssSampledDuringRunMb: Math.round(peakSampled / 1024),
      answer: { ...result, rejected: result.rejected.slice(0, 3) },
    };
    console.log(
      `ingest NDJSON into PostgreSQL: ${figures.recordsPerSecond} records/s (target ≥ 20000), ` +
        `${RECORDS} records in ${figures.seconds} s; backend RSS ${figures.backendRssBeforeMb} MB before, ` +
        `peak ${figures.backendPeakRssMb} MB`,
    );
    console.log(JSON.stringify(figures, null, 2));
  } finally {
    await backend.stop();
  }
}

function readStatus(pid, field) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  return match ? Number(match[1]) : 0;
}

async function put(route, body) {
  const res = await fetch(`${BASE}${route}`, {
    method: 'PUT',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${TOKEN}`,
    },
    body: JSON.stringify(body),
  });
  if (!res.ok)
    throw new Error(`PUT ${route}: ${res.status} ${await res.text()}`);
}

/** The i-th generated record: a mix like production (mostly forms and SMS). */
function record(i) {
  const tenantId = `bench-${i % TENANTS}`;
  const at = new Date(Date.UTC(2026, 7, 1) + i * 7000).toISOString();
  const kind = i % 20;
  if (kind < 12) {
    return {
      type: 'form',
      tenantId,
      id: `f-${i}`,
      userId: `u-${i % 5000}`,
      formName: 'Household visit',
      appId: `app-${i % 7}`,
      username: `worker${i % 5000}@${tenantId}`,
      submittedAt: at,
    };
  }
  if (kind < 17) {
    return {
      type: 'sms',
      tenantId,
      id: `sms-${i}`,
      direction: i % 2 ? 'outgoing' : 'incoming',
      parts: 1 + (i % 3),
      sentAt: at,
      gateway: 'twilio',
      gatewayFee: '0.0075',
      usageFee: '0.0100',
    };
  }
  if (kind < 19) {
    return {
      type: 'user',
      tenantId,
      id: `u-${i}`,
      kind: 'mobile',
      username: `worker${i}`,
      status: 'active',
      createdAt: at,
      lastSyncAt: at,
      appVersion: '2.54.1',
    };
  }
  return {
    type: 'usage',
    tenantId,
    id: `use-${i}`,
    meter: i % 2 ? 'voice-minutes' : 'api-calls',
    quantity: '1.5',
    at,
  };
}

function postNdjson(count) {
  return new Promise((resolve, reject) => {
    const req = http.request(`${BASE}/v1/ingest`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-ndjson',
        authorization: `Bearer ${TOKEN}`,
      },
    });
    req.on('response', res => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', chunk => (text += chunk));
      res.on('end', () =>
        res.statusCode === 200
          ? resolve(JSON.parse(text))
          : reject(new Error(`${res.statusCode} ${text}`)),
      );
    });
    req.on('error', reject);
    let i = 0;
    // Write as fast as the server reads: the socket's backpressure paces us.
    const write = () => {
      while (i < count) {
        let chunk = '';
        for (let j = 0; j < 200 && i < count; j++, i++)
          chunk += `${JSON.stringify(record(i))}\n`;
        if (!req.write(chunk)) {
          req.once('drain', write);
          return;
        }
      }
      req.end();
    };
    write();
  });
}
