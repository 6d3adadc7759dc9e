#!/usr/bin/env node
/*
 * Measures the invoice run (quality.md: 10,000 subscriptions under 60 s on
 * PostgreSQL; a second run creates nothing) through the real route
 * POST /v1/billing/invoice-runs.
 *
 * Builds a fresh database with the plugin's migrations, starts a backend
 * with only the Enterprise Console plugin on it in a child process (which
 * writes the plan catalogue), then bulk-loads with SQL: accounts invoiced
 * per tenant (every 10th paying automatically) and consolidated ones (50
 * tenants each, every 5th of them do-not-invoice), one subscription per
 * tenant (mostly Standard, some Community and Pro, some starting or ending
 * within the month, some discounted or pro bono, some do-not-invoice),
 * 0 to 59 active mobile users per tenant, the month's last-day snapshot of
 * all but every 20th tenant (the run counts and records those), and SMS in
 * the month for every 10th tenant. Runs the month, then runs it again.
 * Prints both runs' seconds and answers and exits non-zero when the first
 * is over the target or the second created anything.
 *
 *   node scripts/bench-invoices.mjs [--subscriptions 10000] [--period YYYY-MM]
 *
 * The period defaults to the month before this one (UTC). Environment:
 * BENCH_PG (default postgresql://postgres@127.0.0.1:5432), BENCH_PORT
 * (default 7099). The database is bench_invoices (dropped first).
 */
import os from 'node:os';
import { startBenchBackend } from './benchBackend.mjs';
import {
  DAY,
  migrations,
  openDatabase,
  option,
} from './syntheticEnterprise.mjs';

const args = process.argv.slice(2);
const SUBSCRIPTIONS = Number(option(args, 'subscriptions', 10_000));
const PERIOD = option(args, 'period', previousMonth());
const PG = process.env.BENCH_PG ?? 'postgresql://postgres@127.0.0.1:5432';
const PORT = Number(process.env.BENCH_PORT ?? 7099);
const TOKEN = 'bench-invoices-static-token-0123456789';
const TARGET_SECONDS = 60;
const PG_DATABASE = 'bench_invoices';
/** Tenants per consolidated account, and how many such accounts. */
const GROUP = 50;
const GROUPS = Math.min(10, Math.floor(SUBSCRIPTIONS / (10 * GROUP)));
/** Tenants per account invoiced per tenant. */
const SHOP = 10;

const monthStart = `${PERIOD}-01`;
const next = new Date(`${monthStart}T00:00:00Z`);
next.setUTCMonth(next.getUTCMonth() + 1);
const monthEnd = next.toISOString().slice(0, 10);
const lastDay = new Date(next.getTime() - DAY).toISOString().slice(0, 10);
const days = Number(lastDay.slice(8));

const knex = await openDatabase('pg', { pgUrl: PG, name: PG_DATABASE });
let backend;
let figures;
try {
  await knex.migrate.latest({ directory: migrations });
  // The backend writes the plan catalogue when it starts.
  backend = await startBackend();
  await backend.stop();
  const loadStarted = Date.now();
  await load();
  const loadSeconds = seconds(loadStarted);
  // As before a real run: the dated changes task (at start, then hourly)
  // has made the tenants follow their subscriptions, and given those that
  // ended in the month the Community fallback.
  const settleStarted = Date.now();
  backend = await startBackend();
  await datedChangesDone(settleStarted);
  const settleSeconds = seconds(settleStarted);
  const expected = await expectedInvoices();

  const firstStarted = Date.now();
  const first = await run();
  const firstSeconds = seconds(firstStarted);
  const secondStarted = Date.now();
  const second = await run();
  const secondSeconds = seconds(secondStarted);

  const [{ n: stored }] = await knex('billing_invoices')
    .where({ period: PERIOD })
    .count({ n: '*' });
  const [{ n: numbers }] = await knex('billing_invoices').max({
    n: 'number',
  });
  const [{ n: snapshots }] = await knex('user_count_snapshots')
    .where({ day: lastDay })
    .count({ n: '*' });
  figures = {
    subscriptions: SUBSCRIPTIONS,
    period: PERIOD,
    loadSeconds,
    settleSeconds,
    first: { seconds: firstSeconds, ...first },
    second: { seconds: secondSeconds, ...second },
    invoices: Number(stored),
    snapshotsOfLastDay: Number(snapshots),
    load: os.loadavg().map(l => Math.round(l * 100) / 100),
  };
  console.log(
    `invoice run on PostgreSQL, ${SUBSCRIPTIONS} subscriptions of ${PERIOD}: ${firstSeconds} s (target < ${TARGET_SECONDS}), ${first.created} created, ${first.failed} failed; again: ${secondSeconds} s, ${second.created} created, ${second.existing} existing`,
  );
  console.log(JSON.stringify(figures, null, 2));
  const problems = [];
  if (first.failed > 0 || first.created !== expected) {
    problems.push(`the run created ${first.created} of ${expected} invoices`);
  }
  if (Number(stored) !== expected || Number(numbers) !== expected) {
    problems.push(`${stored} invoices stored, numbered up to ${numbers}`);
  }
  if (second.created !== 0 || second.existing !== expected) {
    problems.push(`the second run answered ${JSON.stringify(second)}`);
  }
  if (firstSeconds >= TARGET_SECONDS) {
    problems.push(`${firstSeconds} s is over the target`);
  }
  for (const problem of problems) console.error(problem);
  process.exitCode = problems.length > 0 ? 1 : 0;
} finally {
  await backend?.stop();
  await knex.destroy();
}

/** A backend with only the plugin on the bench database, serving. */
async function startBackend() {
  const started = startBenchBackend({
    port: PORT,
    token: TOKEN,
    database: {
      client: 'pg',
      connection: PG,
      plugin: {
        'enterprise-console': { connection: { database: PG_DATABASE } },
      },
    },
    config: {
      enterpriseConsole: { servicePermissions: ['billing.manage'] },
    },
  });
  await started.waitForHealth();
  return started;
}

/**
 * Waits until the dated changes task, which runs shortly after the
 * backend starts, has run to its end (the scheduler's task list says).
 */
async function datedChangesDone(since) {
  for (let i = 0; i < 900; i++) {
    await new Promise(resolve => setTimeout(resolve, 1000));
    const res = await fetch(`${backend.base}/.backstage/scheduler/v1/tasks`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    const { tasks } = await res.json();
    const task = tasks.find(
      t => t.taskId === 'enterprise-console-billing-dated-changes',
    );
    const ended = task?.taskState?.lastRunEndedAt;
    if (
      task?.taskState?.status === 'idle' &&
      ended &&
      Date.parse(ended) > since
    ) {
      return;
    }
  }
  throw new Error('The dated changes task did not finish');
}

/** The month before this one, YYYY-MM (UTC). */
function previousMonth() {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1))
    .toISOString()
    .slice(0, 7);
}

function seconds(since) {
  return Math.round((Date.now() - since) / 100) / 10;
}

async function run() {
  const res = await fetch(
    `http://127.0.0.1:${PORT}/api/enterprise-console/v1/billing/invoice-runs`,
    {
      method: 'POST',
      headers: {
        authorization: `Bearer ${TOKEN}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ period: PERIOD }),
    },
  );
  const text = await res.text();
  if (res.status !== 200) {
    throw new Error(`POST invoice-runs: ${res.status} ${text}`);
  }
  return JSON.parse(text);
}

/**
 * Tenant `inv-<i>`: the first GROUPS × GROUP belong to consolidated
 * accounts `ent-<i / GROUP>`, the others to accounts `shop-<…>`.
 */
async function load() {
  const n = SUBSCRIPTIONS;
  const grouped = GROUPS * GROUP;
  const series = (count, body, where = '') =>
    `SELECT ${body} FROM generate_series(0::bigint, ${
      count - 1
    }) AS s(i) ${where}`;
  const now = 'now()';
  await knex.raw(`INSERT INTO accounts (id, name, enterprise, invoicing, autopay, created_at, updated_at)
    ${series(
      GROUPS,
      `'ent-' || i, 'Enterprise ' || i, true, 'consolidated', false, ${now}, ${now}`,
    )}`);
  await knex.raw(`INSERT INTO accounts (id, name, enterprise, invoicing, autopay, created_at, updated_at)
    ${series(
      Math.ceil((n - grouped) / SHOP),
      `'shop-' || i, 'Shop ' || i, false, 'per-tenant', i % 10 = 0, ${now}, ${now}`,
    )}`);
  const accountOf = `CASE WHEN i < ${grouped} THEN 'ent-' || (i / ${GROUP})
    ELSE 'shop-' || ((i - ${grouped}) / ${SHOP}) END`;
  await knex.raw(`INSERT INTO tenants (id, account_id, name, created_at, updated_at)
    ${series(n, `'inv-' || i, ${accountOf}, 'Tenant ' || i, ${now}, ${now}`)}`);

  const plans = await knex('billing_plans')
    .groupBy('plan_id')
    .select('plan_id')
    .max({ version: 'version' });
  const version = id => {
    const plan = plans.find(p => p.plan_id === id);
    if (!plan) throw new Error(`Plan ${id} not in the catalogue`);
    return Number(plan.version);
  };
  const before = new Date(Date.parse(`${monthStart}T00:00:00Z`) - 90 * DAY)
    .toISOString()
    .slice(0, 10);
  const within = day => `'${PERIOD}-${String(day).padStart(2, '0')}'`;
  // Consolidated: every 5th member (never the first) is do-not-invoice.
  const doNotInvoice = `CASE WHEN i < ${grouped} THEN i % ${GROUP} > 0 AND i % 5 = 0
    ELSE i % 50 = 7 END`;
  await knex.raw(`INSERT INTO billing_subscriptions (id, tenant_id, account_id,
      plan_id, plan_version, cycle, start_date, end_date, pro_bono,
      discount_percent, service_type, do_not_invoice, do_not_invoice_reason,
      auto_renew, created_at, created_by, updated_at, updated_by)
    ${series(
      n,
      `gen_random_uuid(), 'inv-' || i, ${accountOf},
       CASE WHEN i % 20 = 3 THEN 'pro' WHEN i % 7 = 2 AND i >= ${grouped} THEN 'community' ELSE 'standard' END,
       CASE WHEN i % 20 = 3 THEN ${version(
         'pro',
       )} WHEN i % 7 = 2 AND i >= ${grouped} THEN ${version(
        'community',
      )} ELSE ${version('standard')} END,
       'monthly',
       CASE WHEN i % 13 = 4 THEN ${within(10)} ELSE '${before}' END,
       CASE WHEN i % 17 = 5 THEN ${within(days - 5)} ELSE NULL END,
       CASE WHEN i % 50 = 11 THEN 'discounted' WHEN i % 97 = 13 THEN 'pro-bono' ELSE 'full-price' END,
       CASE WHEN i % 50 = 11 THEN 20 ELSE NULL END,
       'product', ${doNotInvoice},
       CASE WHEN ${doNotInvoice} THEN 'Covered elsewhere' ELSE NULL END,
       true, ${now}, 'bench', ${now}, 'bench'`,
    )}`);

  // Tenant i has i % 60 mobile users; every 10th of them is inactive.
  const maxUsers = 60;
  await knex.raw(`INSERT INTO users (tenant_id, id, kind, username, status, created_at)
    ${series(
      n * maxUsers,
      `'inv-' || (i % ${n}), 'u-' || (i / ${n}), 'mobile', 'user' || (i / ${n}),
       CASE WHEN (i / ${n}) % 10 = 9 THEN 'inactive' ELSE 'active' END, ${now}`,
      `WHERE i / ${n} < (i % ${n}) % ${maxUsers}`,
    )}`);
  // The daily task recorded the last day of all but every 20th tenant.
  await knex.raw(`INSERT INTO user_count_snapshots (tenant_id, day, active_mobile_users, active_web_users, recorded_at)
    ${series(
      n,
      `'inv-' || i, '${lastDay}', i % ${maxUsers} - (i % ${maxUsers}) / 10, 0, ${now}`,
      `WHERE i % 20 <> 7`,
    )}`);
  // 30 messages in the month for every 10th tenant.
  const texting = Math.ceil(n / 10);
  await knex.raw(`INSERT INTO sms_messages (tenant_id, id, direction, parts, sent_at, gateway, gateway_fee_ten_thousandths, usage_fee_ten_thousandths, valid, error)
    ${series(
      texting * 30,
      `'inv-' || ((i % ${texting}) * 10), 'sms-' || i, 'outgoing', 1 + i % 3,
       timestamptz '${monthStart}T00:00:00Z' + ((i / ${texting}) * interval '${Math.floor(
        (days * 24) / 30,
      )} hours'),
       'infobip', 75, 100, i % 41 <> 0, false`,
    )}`);
  await knex.raw('VACUUM ANALYZE');
}

/**
 * The invoices the month must have: every invoiced per-tenant
 * subscription, and one statement per consolidated account.
 */
async function expectedInvoices() {
  const [{ n }] = await knex('billing_subscriptions')
    .where({ do_not_invoice: false })
    .where('start_date', '<', monthEnd)
    .whereNotIn(
      'account_id',
      knex('accounts').where({ invoicing: 'consolidated' }).select('id'),
    )
    .count({ n: '*' });
  return Number(n) + GROUPS;
}
