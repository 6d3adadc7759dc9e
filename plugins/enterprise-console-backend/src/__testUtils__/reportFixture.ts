import {
  FeedRecord,
  TenantDataRecord,
} from '@internal/plugin-enterprise-console-common';
import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import express from 'express';
import { Knex } from 'knex';
import { migrateKnex } from '../database/migrateDatabase';
import { Authorizer } from '../permissions/authorize';
import { apiApp } from './apiApp';
import { authorizerDenying } from './authorizerDenying';
import { ReportContext } from '../reports/ReportDefinition';
import { ingestRecords } from './ingestRecords';
import { AccountStore } from '../tenants/AccountStore';
import { TenantStore } from '../tenants/TenantStore';
import { accountSchema, tenantSchema } from '../tenants';

/*
 * A small, fixed dataset for the console reports, tiles and SMS report,
 * written through the same stores and ingestion service as real data.
 *
 * - Tenant ids sort differently by code point than by locale
 *   ('beta-2' < 'beta1' < 'zeta'); the other account's 'aaa' would sort first.
 * - Text holds what CSV quoting and formula neutralisation must handle:
 *   leading = + - @ TAB CR, commas, pipes, quotes, CR/LF, non-ASCII.
 * - The default ranges end at REPORT_FIXTURE_NOW: forms [2026-10-21T12:00Z,
 *   2026-11-20T12:00Z), SMS last 7 days from 2026-11-13T12:00Z, project
 *   spaces' SMS count from 2026-10-21T12:00Z. Records sit on and just off
 *   these bounds.
 */

/** When the fixture's runs are requested. */
export const REPORT_FIXTURE_NOW = new Date('2026-11-20T12:00:00.000Z');

/** The enterprise account every report is run for. */
export const REPORT_FIXTURE_ACCOUNT = {
  id: 'acme',
  name: 'Acme Health, "Enterprise"',
};

/** Another account, whose tenant must never show up in acme's reports. */
export const REPORT_FIXTURE_OTHER_ACCOUNT = { id: 'other-org', name: 'Other' };

export const REPORT_FIXTURE_TENANTS = [
  {
    id: 'alpha',
    accountId: 'acme',
    name: '=Alpha "Clinic"',
    url: 'https://alpha.example.org/a,b',
    createdAt: '2025-01-15T08:30:00.250Z',
    feedLimit: 30,
  },
  {
    id: 'beta-2',
    accountId: 'acme',
    name: 'Beta, Two | Ünïcødé',
    createdAt: '2025-06-01T00:00:00Z',
  },
  {
    id: 'beta1',
    accountId: 'acme',
    name: '+Beta\r\nOne',
    url: 'https://beta1.example.org/',
    createdAt: '2024-12-31T23:59:59Z',
  },
  {
    // No data at all.
    id: 'zeta',
    accountId: 'acme',
    name: '@Zeta\ttab',
    url: 'https://zeta.example.org/p?q=1|2',
    createdAt: '2026-11-01T00:00:00Z',
  },
  {
    id: 'aaa',
    accountId: 'other-org',
    name: 'Other tenant',
    createdAt: '2025-01-01T00:00:00Z',
  },
];

function user(
  tenantId: string,
  id: string,
  kind: 'web' | 'mobile',
  status: 'active' | 'inactive',
  username: string,
  fields: Partial<Extract<TenantDataRecord, { type: 'user' }>> = {},
): TenantDataRecord {
  return {
    type: 'user',
    tenantId,
    id,
    kind,
    status,
    username,
    createdAt: '2025-02-01T00:00:00Z',
    ...fields,
  };
}

function form(
  tenantId: string,
  id: string,
  userId: string,
  submittedAt: string,
  fields: Partial<Extract<TenantDataRecord, { type: 'form' }>> = {},
): TenantDataRecord {
  return { type: 'form', tenantId, id, userId, submittedAt, ...fields };
}

function sms(
  tenantId: string,
  id: string,
  direction: 'incoming' | 'outgoing',
  parts: number,
  sentAt: string,
  fields: Partial<Extract<TenantDataRecord, { type: 'sms' }>> = {},
): TenantDataRecord {
  return { type: 'sms', tenantId, id, direction, parts, sentAt, ...fields };
}

function feed(
  tenantId: string,
  id: string,
  name: string,
  rowCount: number,
): FeedRecord {
  return { type: 'feed', tenantId, id, name, rowCount };
}

const MANY_FEEDS: FeedRecord[] = Array.from({ length: 151 }, (_, index) => {
  const number = String(index + 1).padStart(3, '0');
  return feed('beta1', `feed-${number}`, `Feed ${number}`, 1);
});

export const REPORT_FIXTURE_RECORDS: TenantDataRecord[] = [
  // Applications
  { type: 'app', tenantId: 'alpha', id: 'app-1', name: 'Household Visits' },
  { type: 'app', tenantId: 'alpha', id: 'app-2', name: '-Negative, app' },
  { type: 'app', tenantId: 'beta-2', id: 'app-1', name: 'Clinic\tApp' },
  { type: 'app', tenantId: 'aaa', id: 'app-1', name: 'Other app' },

  // alpha: web users
  user('alpha', 'w-1', 'web', 'active', 'ann@alpha.example', {
    email: 'ann@alpha.example',
    name: 'Ann "Annie" Lee',
    role: 'Admin',
    lastLoginAt: '2026-11-19T10:00:00.123Z',
    lastAccessAt: '2026-11-19T10:05:00Z',
  }),
  user('alpha', 'w-2', 'web', 'active', 'Bob@alpha.example', {
    // Upper case sorts before lower case by code point.
    email: 'Bob@alpha.example',
    name: "=cmd|' /C calc'!A0",
    role: '-Editor',
  }),
  user('alpha', 'w-3', 'web', 'inactive', 'carl', {
    email: 'carl@alpha.example',
    name: 'Carl Inactive',
  }),
  user('alpha', 'w-4', 'web', 'active', 'no-email', {
    name: 'No Email',
    role: 'Viewer',
    lastAccessAt: '2026-11-01T00:00:00Z',
  }),
  user('alpha', 'shared-web', 'web', 'active', 'sam', {
    email: 'sam@shared.example',
    name: 'Sam Ünïcødé',
    role: 'Auditor',
  }),
  // alpha: mobile workers
  user('alpha', 'm-1', 'mobile', 'active', 'jdoe@alpha.commcarehq.org', {
    name: 'Jane\nDoe',
    email: 'jane@x.example',
    role: 'Field worker',
    createdAt: '2025-03-01T08:00:00Z',
    lastSyncAt: '2026-11-19T07:00:00+02:00',
    lastSubmissionAt: '2026-11-19T06:00:00Z',
    appVersion: '2.54.1',
  }),
  // Stored 'jdoe1@…' sorts before 'jdoe@…'; as shown, 'jdoe' comes first.
  user('alpha', 'm-2', 'mobile', 'active', 'jdoe1@alpha.commcarehq.org', {
    name: '\tTabby',
    role: '@role',
    createdAt: '2025-03-02T00:00:00Z',
  }),
  user('alpha', 'm-3', 'mobile', 'inactive', 'old@alpha.commcarehq.org', {
    name: 'Old Worker',
    createdAt: '2024-01-01T00:00:00Z',
  }),
  user('alpha', 'm-4', 'mobile', 'active', '-plain', {
    name: '\rCarriage',
    appVersion: '=1+1',
    createdAt: '2025-04-01T00:00:00Z',
  }),
  // alpha: invitations
  {
    type: 'invitation',
    tenantId: 'alpha',
    id: 'inv-2',
    email: 'zed@alpha.example',
    role: 'Viewer',
    invitedAt: '2026-11-01T00:00:00Z',
  },
  {
    type: 'invitation',
    tenantId: 'alpha',
    id: 'inv-1',
    email: 'amy@alpha.example',
    invitedAt: '2026-11-02T00:00:00Z',
  },
  {
    type: 'invitation',
    tenantId: 'alpha',
    id: 'inv-3',
    email: 'Amy@alpha.example',
    role: 'Editor',
    invitedAt: '2026-11-03T00:00:00Z',
  },

  // beta-2
  user('beta-2', 'shared-web', 'web', 'active', 'sam', {
    email: 'sam@shared.example',
    name: 'Sam Ünïcødé',
    role: 'Admin',
    lastLoginAt: '2026-10-01T00:00:00Z',
  }),
  user('beta-2', 'bm-1', 'mobile', 'active', 'Émile@beta-2.commcarehq.org', {
    name: 'Émile Zola',
    email: 'emile@beta.example',
    role: 'Worker',
    createdAt: '2025-07-01T00:00:00Z',
    lastSyncAt: '2026-11-18T12:00:00Z',
    appVersion: '2.55',
  }),
  // 'z' sorts before 'É' by code point.
  user('beta-2', 'bm-2', 'mobile', 'active', 'zack@beta-2.commcarehq.org', {
    name: 'Zack',
    createdAt: '2025-07-02T00:00:00Z',
  }),
  {
    type: 'invitation',
    tenantId: 'beta-2',
    id: 'inv-1',
    email: 'x+tag@beta.example',
    role: '+Role',
    invitedAt: '2026-11-05T00:00:00Z',
  },

  // beta1: the shared web user only
  user('beta1', 'shared-web', 'web', 'active', 'sam', {
    email: 'sam@shared.example',
    name: 'Sam Ünïcødé',
    role: 'Viewer',
  }),

  // other-org: must never appear
  user('aaa', 'w-1', 'web', 'active', 'intruder', {
    email: 'intruder@other.example',
  }),
  user('aaa', 'm-1', 'mobile', 'active', 'other@aaa'),
  {
    type: 'invitation',
    tenantId: 'aaa',
    id: 'inv-1',
    email: 'invitee@other.example',
    invitedAt: '2026-11-01T00:00:00Z',
  },

  // alpha: forms
  form('alpha', 'f-10', 'm-1', '2026-11-10T09:00:00Z', {
    formName: 'Visit, "home"',
    appId: 'app-1',
    // The report shows the worker's username, not the form's.
    username: 'someone-else@x',
  }),
  // Same time as f-10: 'f-10' < 'f-9' by code point.
  form('alpha', 'f-9', 'm-1', '2026-11-10T09:00:00Z', { appId: 'app-404' }),
  form('alpha', 'f-1', 'm-2', '2026-11-12T00:00:00Z', {
    formName: '=SUM(A1)',
    appId: 'app-2',
  }),
  form('alpha', 'f-2', 'm-3', '2026-11-05T00:00:00Z', {
    formName: 'Old worker form',
  }),
  form('alpha', 'f-3', 'w-1', '2026-11-06T00:00:00Z', {
    formName: 'Web user form',
    appId: 'app-1',
  }),
  form('alpha', 'f-4', 'ghost', '2026-11-07T00:00:00Z', {
    formName: 'Unknown user form',
  }),
  form('alpha', 'f-5', 'm-1', '2026-11-19T23:59:59Z', {
    formName: 'System form',
    system: true,
  }),
  form('alpha', 'f-6', 'm-1', '2026-10-21T12:00:00Z', {
    formName: 'Range start',
    appId: 'app-1',
  }),
  form('alpha', 'f-7', 'm-1', '2026-11-20T12:00:00Z', {
    formName: 'Range end',
    appId: 'app-1',
  }),
  form('alpha', 'f-8', 'm-1', '2026-10-01T00:00:00Z', {
    formName: 'Last month',
    appId: 'app-2',
  }),
  form('alpha', 'f-11', 'm-1', '2026-06-01T00:00:00Z', {
    formName: 'Summer',
  }),
  form('alpha', 'f-12', 'm-4', '2026-11-15T08:00:00.999Z', {
    formName: 'Plain form',
    appId: 'app-2',
  }),
  // beta-2: forms
  form('beta-2', 'f-1', 'bm-1', '2026-11-14T10:00:00Z', {
    formName: 'Ünïcødé form',
    appId: 'app-1',
  }),
  form('beta-2', 'f-2', 'bm-2', '2026-11-14T10:00:00Z', {
    formName: '@mention',
    appId: 'app-1',
  }),
  form('beta-2', 'sys-1', 'bm-1', '2026-11-19T00:00:00Z', {
    formName: 'System',
    system: true,
  }),
  // beta1: neither user is a mobile worker of beta1
  form('beta1', 'f-1', 'm-1', '2026-11-10T00:00:00Z', {
    formName: 'Cross-tenant user',
  }),
  form('beta1', 'f-2', 'shared-web', '2026-11-09T00:00:00Z', {
    formName: 'Web user form',
  }),
  form('aaa', 'f-1', 'm-1', '2026-11-10T00:00:00Z', { formName: 'Other' }),

  // alpha: SMS
  sms('alpha', 's-1', 'outgoing', 2, '2026-11-19T08:00:00Z', {
    createdAt: '2026-11-19T07:59:00Z',
    gateway: 'twilio',
    gatewayFee: '0.0075',
    usageFee: '0.01',
  }),
  // Exactly 30 days before now: counted.
  sms('alpha', 's-2', 'incoming', 1, '2026-10-21T12:00:00Z', {
    gateway: 'twilio',
  }),
  // Just before: not counted.
  sms('alpha', 's-3', 'outgoing', 3, '2026-10-21T11:59:59.999Z', {
    createdAt: '2026-10-21T11:59:59Z',
    gateway: 'telerivet',
    gatewayFee: '0.0001',
    usageFee: '0.0005',
    valid: false,
    error: true,
  }),
  sms('alpha', 's-4', 'outgoing', 1, '2026-11-15T00:00:00Z', {
    usageFee: '0.0125',
    valid: false,
  }),
  sms('alpha', 's-5', 'incoming', 4, '2026-11-18T10:00:00Z', {
    gateway: '=evil',
    gatewayFee: '1.2345',
    usageFee: '0.3333',
  }),
  sms('alpha', 's-6', 'outgoing', 1, '2026-11-13T00:00:00Z', {
    gateway: 'twilio',
    gatewayFee: '0',
    usageFee: '0.05',
  }),
  // beta-2: SMS; s-1 has the id and time of alpha's s-1
  sms('beta-2', 's-1', 'outgoing', 1, '2026-11-19T08:00:00Z', {
    createdAt: '2026-11-19T08:00:01Z',
    gateway: 'twilio',
    gatewayFee: '0.0075',
    usageFee: '0.01',
  }),
  sms('beta-2', 's-7', 'incoming', 2, '2026-11-13T14:15:16Z', {
    gateway: 'telerivet',
    usageFee: '0.0050',
  }),
  sms('beta-2', 's-8', 'outgoing', 1000, '2026-11-19T23:00:00Z', {
    gateway: 'twilio',
    gatewayFee: '9.9999',
    usageFee: '0.0001',
  }),
  sms('aaa', 's-1', 'outgoing', 1, '2026-11-19T00:00:00Z', {
    gateway: 'twilio',
    gatewayFee: '0.0075',
  }),

  // Feeds. alpha: names that sort by code point, two equal names.
  feed('alpha', 'feed-a', 'Visits, by district', 120),
  feed('alpha', 'feed-b', 'Ünïcødé feed', 5),
  feed('alpha', 'feed-c', '=Formula feed', 0),
  feed('alpha', 'feed-d', 'Dup', 7),
  feed('alpha', 'feed-e', 'Dup', 3),
  feed('alpha', 'feed-f', 'dup lower', 1),
  // beta-2: a total past Number.MAX_SAFE_INTEGER.
  feed('beta-2', 'big', 'Big feed', Number.MAX_SAFE_INTEGER),
  feed('beta-2', 'small', 'Small | feed', 10),
  // beta1: more than 150 feeds.
  ...MANY_FEEDS,
  feed('aaa', 'feed-1', 'Other feed', 1),

  {
    type: 'usage',
    tenantId: 'alpha',
    id: 'use-1',
    meter: 'voice-minutes',
    quantity: '12.5',
    at: '2026-11-10T00:00:00Z',
  },
];

/** Writes the fixture into a migrated database. */
export async function seedReportFixture(knex: Knex): Promise<void> {
  const now = () => REPORT_FIXTURE_NOW;
  const accounts = new AccountStore(knex, now);
  await accounts.upsert(
    accountSchema.parse({ ...REPORT_FIXTURE_ACCOUNT, enterprise: true }),
  );
  await accounts.upsert(accountSchema.parse(REPORT_FIXTURE_OTHER_ACCOUNT));
  const tenants = new TenantStore(knex, now);
  for (const tenant of REPORT_FIXTURE_TENANTS) {
    await tenants.upsert(tenantSchema.parse(tenant));
  }
  await ingestRecords(knex, REPORT_FIXTURE_RECORDS);
}

/** A fresh database of `id`, migrated, with the fixture in it. */
export async function reportFixtureDatabase(
  databases: TestDatabases,
  id: TestDatabaseId,
): Promise<Knex> {
  const knex = await databases.init(id);
  await migrateKnex(knex);
  await seedReportFixture(knex);
  return knex;
}

/** The context of a run of acme's reports at REPORT_FIXTURE_NOW. */
export function reportFixtureContext(
  knex: Knex,
  overrides: Partial<ReportContext> = {},
): ReportContext {
  return {
    db: knex,
    account: REPORT_FIXTURE_ACCOUNT,
    parameters: {},
    requestedAt: REPORT_FIXTURE_NOW,
    batchSize: 1000,
    ...overrides,
  };
}

/** The caller of requests to `reportFixtureApp`, allowed everything. */
export const REPORT_FIXTURE_ADMIN = 'user:default/ada';
/** The caller `reportFixtureApp` denies every permission. */
export const REPORT_FIXTURE_OUTSIDER = 'user:default/olaf';

/**
 * The app of a reports router over the fixture in `knex`, made by
 * `routerFor` from the real authorizer, the accounts and the fixture's
 * clock. Callers are REPORT_FIXTURE_ADMIN unless a request says otherwise;
 * REPORT_FIXTURE_OUTSIDER is denied every permission. `calls` records each
 * permission asked for.
 */
export async function reportFixtureApp(
  knex: Knex,
  routerFor: (deps: {
    authorizer: Authorizer;
    accounts: AccountStore;
    now: () => Date;
  }) => express.Router,
) {
  const { authorizer, calls } = authorizerDenying({
    db: knex,
    denied: REPORT_FIXTURE_OUTSIDER,
    defaultUser: REPORT_FIXTURE_ADMIN,
  });
  const router = routerFor({
    authorizer,
    accounts: new AccountStore(knex),
    now: () => REPORT_FIXTURE_NOW,
  });
  return { app: await apiApp(router), calls };
}
