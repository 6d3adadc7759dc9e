/*
 * The synthetic enterprise the benchmarks measure (quality.md,
 * "Performance"), shared by bench-tiles.mjs and bench-reports.mjs: a fresh
 * database with the plugin's migrations, bulk-loaded with SQL so that the
 * tile triggers of the migrations run on every inserted row, as they do for
 * ingestion.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
export const root = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
);
export const backend = path.join(root, 'plugins/enterprise-console-backend');
export const migrations = path.join(backend, 'migrations');
export const knexFactory = require(require.resolve('knex', {
  paths: [backend],
}));
export const DAY = 24 * 60 * 60 * 1000;

/** The value of `--name value` in `args`, or `fallback`. */
export function option(args, name, fallback) {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? fallback : args[i + 1];
}

/** The scale of the enterprise from the command line (quality.md defaults). */
export function scaleFrom(args) {
  return {
    tenants: Number(option(args, 'tenants', 2000)),
    users: Number(option(args, 'users', 200_000)),
    forms: Number(option(args, 'forms', 2_000_000)),
    sms: Number(option(args, 'sms', 1_000_000)),
    feeds: Number(option(args, 'feeds', 20_000)),
  };
}

/**
 * Runs the calling script again in a child that loads TypeScript through
 * Backstage's transform, as `repo start` does, and exits with its status;
 * returns only in that child. `nodeOptions` go to the child's node.
 */
export function reexecWithTypeScript(scriptUrl, childFlag, nodeOptions = []) {
  if (process.env[childFlag]) {
    return;
  }
  const result = spawnSync(
    process.execPath,
    [
      ...nodeOptions,
      '--require',
      require.resolve('@backstage/cli-node/config/nodeTransform.cjs'),
      fileURLToPath(scriptUrl),
      ...process.argv.slice(2),
    ],
    { stdio: 'inherit', env: { ...process.env, [childFlag]: '1' } },
  );
  process.exit(result.status ?? 1);
}

/** The connection URL of database `name` on the server of `pgUrl`. */
export function pgDatabaseUrl(pgUrl, name) {
  const url = new URL(pgUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * A knex on database `name` (PostgreSQL) or file `sqliteFile`; dropped and
 * created afresh unless `keep`.
 */
export async function openDatabase(
  dialect,
  { pgUrl, name, sqliteFile, keep = false },
) {
  if (dialect === 'pg') {
    if (!keep) {
      const admin = knexFactory({ client: 'pg', connection: pgUrl });
      await admin.raw(`DROP DATABASE IF EXISTS ${name}`);
      await admin.raw(`CREATE DATABASE ${name}`);
      await admin.destroy();
    }
    return knexFactory({
      client: 'pg',
      connection: pgDatabaseUrl(pgUrl, name),
    });
  }
  if (!keep) {
    for (const suffix of ['', '-wal', '-shm']) {
      fs.rmSync(sqliteFile + suffix, { force: true });
    }
  }
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: sqliteFile },
    useNullAsDefault: true,
  });
  await knex.raw('PRAGMA journal_mode = WAL');
  await knex.raw('PRAGMA foreign_keys = ON');
  return knex;
}

/**
 * The synthetic enterprise `bench` (and a small other account): per tenant
 * one application, 60% mobile workers (every 10th inactive) and 40% web
 * users, each with an email, and two pending invitations; forms over the
 * last 30 days, every 50th a system form, every 97th by a web user and
 * every 1000th by an unknown user; SMS over the last 30 days; data feeds.
 */
export async function loadSyntheticEnterprise(knex, dialect, scale) {
  const { tenants: TENANTS, users: USERS, forms: FORMS } = scale;
  const { sms: SMS, feeds: FEEDS } = scale;
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

  await knex.raw(`INSERT INTO applications (tenant_id, id, name)
    ${series(TENANTS, `${concat(`'bench-'`, 'i')}, 'app-1', 'Field App'`)}`);
  await knex.raw(`INSERT INTO users (tenant_id, id, kind, username, email, status, created_at, last_login_at)
    ${series(
      TENANTS * usersPerTenant,
      `${concat(`'bench-'`, `(i % ${TENANTS})`)},
       ${concat(`'u-'`, `(i / ${TENANTS})`)},
       CASE WHEN i / ${TENANTS} < ${mobilePerTenant} THEN 'mobile' ELSE 'web' END,
       ${concat(`'user'`, `(i / ${TENANTS})`)},
       ${concat(
         `'user'`,
         `(i / ${TENANTS})`,
         `'@t'`,
         `(i % ${TENANTS})`,
         `'.example'`,
       )},
       CASE WHEN (i / ${TENANTS}) % 10 = 9 THEN 'inactive' ELSE 'active' END,
       ${created}, ${time(`(i % 1000) * 3600000`)}`,
    )}`);
  await knex.raw(`INSERT INTO invitations (tenant_id, id, email, role, invited_at)
    ${series(
      TENANTS * 2,
      `${concat(`'bench-'`, `(i % ${TENANTS})`)},
       ${concat(`'inv-'`, `(i / ${TENANTS})`)},
       ${concat(
         `'invitee'`,
         `(i / ${TENANTS})`,
         `'@t'`,
         `(i % ${TENANTS})`,
         `'.example'`,
       )},
       'Editor', ${time(String(DAY))}`,
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
