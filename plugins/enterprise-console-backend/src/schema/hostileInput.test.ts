import { createSeedModule } from '@internal/plugin-enterprise-console-node/testUtils';
import {
  mockServices,
  startTestBackend,
  TestDatabaseId,
} from '@backstage/backend-test-utils';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Knex } from 'knex';
import request from 'supertest';
import { parse } from 'yaml';
import { FULL_RECORDS } from '../__testUtils__/sampleRecords';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { upsertTenants } from '../__testUtils__/upsertTenants';
import { enterpriseConsolePlugin } from '../plugin';
import { ScheduleStore } from '../schedules/ScheduleStore';
import { DEFAULT_PLAN_CATALOGUE } from '../billing/plans/defaultPlanCatalogue';

/*
 * The hostile-input sweep: every route of openapi.yaml, each of its path
 * parameters, query parameters and JSON body fields in turn replaced by
 * every value of a table of hostile values, sent through the real plugin
 * (all permissions allowed) on every database. No answer may be a 5xx; a
 * refusal is a 4xx with a message and leaves the stored data as it was.
 */

// Thousands of probes, each followed by a snapshot of every table: minutes
// on a busy machine.
const databases = createTestDatabases({ testTimeoutMs: 600_000 });
const API = '/api/enterprise-console';

const spec = parse(
  fs.readFileSync(path.resolve(__dirname, 'openapi.yaml'), 'utf8'),
);

/** Values as they are written into a URL (already percent-encoded). */
const URL_VALUES: Array<[string, string]> = [
  ['NUL', '%00'],
  ['inner NUL', 'a%00b'],
  ['long', 'a'.repeat(5000)],
  ['empty', ''],
  ['negative year', '-010000-01-01'],
  ['past JS range', '275760-09-14'],
  ['year zero', '0000-01-01T00%3A00%3A00Z'],
  ['year 9999', '9999-12-31'],
  ['number', '1'],
  ['negative', '-1'],
  ['huge number', '99999999999999999999999'],
  ['float overflow', '1e309'],
  ['fraction', '1.5'],
  ['NaN', 'NaN'],
  ['boolean', 'true'],
  ['invalid UTF-8', '%ff'],
  ['truncated UTF-8', '%E2%82'],
  ['overlong UTF-8', '%C0%AF'],
  ['unicode', '%F0%9F%92%A9%CE%A9%E2%80%AE'],
  ['quote and SQL', "'%3B%20drop%20table%20tenants%3B--"],
  ['percent', '%25'],
  ['like wildcards', '%25_%5C'],
];

/** Extra query forms: arrays and objects where one value is expected. */
const QUERY_SHAPES: Array<[string, (name: string) => string]> = [
  ['repeated', name => `${name}=1&${name}=2`],
  ['array', name => `${name}%5B%5D=1`],
  ['object', name => `${name}%5Bk%5D=1`],
  ['NUL in key', name => `${name}%00=1`],
];

function nested(depth: number): unknown {
  let value: unknown = 'deep';
  for (let i = 0; i < depth; i++) {
    value = [value];
  }
  return value;
}

/** JSON values that replace one field of a body. */
const JSON_VALUES: Array<[string, unknown]> = [
  ['NUL', '\u0000'],
  ['inner NUL', 'a\u0000b'],
  ['long', 'a'.repeat(200_000)],
  ['empty', ''],
  ['negative year', '-010000-01-01'],
  ['past JS range', '+275760-09-14T00:00:00Z'],
  ['year zero', '0000-01-01T00:00:00Z'],
  ['year 9999', '9999-12-31T23:59:59Z'],
  ['number as string', '1'],
  ['lone surrogate', '\ud800'],
  ['unicode', '💩Ω\u202e'],
  ['negative', -1],
  ['huge', 1e308],
  ['unsafe integer', 2 ** 53 + 1],
  ['fraction', 1.5],
  ['boolean', true],
  ['null', null],
  ['empty array', []],
  ['array', ['a', 'b']],
  ['object', { a: 1 }],
  ['NUL key', { 'a\u0000': 1 }],
  ['nested', nested(2000)],
];

/** Whole bodies in place of the JSON object a route expects. */
const RAW_BODIES: Array<[string, string]> = [
  ['array', '[]'],
  ['string', '"x"'],
  ['number', '1'],
  ['null', 'null'],
  ['truncated', '{"a":'],
  ['NUL key', '{"\\u0000":1}'],
  ['deeply nested', `${'['.repeat(100_000)}${']'.repeat(100_000)}`],
  ['invalid UTF-8', '{"name":"\xff"}'],
];

/** Path parameters and required query values that reach real data. */
const PATH_BASE: Record<string, string> = {
  accountId: 'acme',
  tenantId: 'acme-a',
  id: '00000000-0000-4000-8000-000000000000',
  token: 'not-a-token',
  planId: 'standard',
};
/** A schedule the setup stores, so schedule probes reach its rules. */
const SCHEDULE_ID = '00000000-0000-4000-8000-00000000005c';
const PATH_BASE_BY_OPERATION: Record<string, Record<string, string>> = {
  PutAccount: { accountId: 'probe-account' },
  PutTenant: { tenantId: 'probe-tenant' },
  GetSchedule: { id: SCHEDULE_ID },
  UpdateSchedule: { id: SCHEDULE_ID },
  EnableSchedule: { id: SCHEDULE_ID },
  DisableSchedule: { id: SCHEDULE_ID },
  RunSchedule: { id: SCHEDULE_ID },
};
const QUERY_BASE: Record<string, string> = { accountId: 'acme', type: 'user' };

const USER_RECORD = {
  ...FULL_RECORDS.find(record => record.type === 'user')!,
  tenantId: 'acme-a',
};
const SMS_RECORD = {
  ...FULL_RECORDS.find(record => record.type === 'sms')!,
  tenantId: 'acme-a',
};

/*
 * Without an email transport (as here) a valid schedule body ends in a 409
 * after every rule was checked, so no probe stores a schedule or queues a run.
 */
const SCHEDULE_BODY = {
  accountId: 'acme',
  name: 'Probe schedule',
  type: 'project-spaces',
  recipients: ['probe@example.com'],
  recurrence: 'daily',
};

const SCHEDULE_ID_FIELDS = {
  ...SCHEDULE_BODY,
  recurrence: 'daily' as const,
  time: '06:00',
  timezone: 'UTC',
  delimiter: ',' as const,
  period: 'previous-day' as const,
  enabled: true,
};

/** The default Standard plan as a billing admin writes it back. */
const STANDARD_PLAN = (({ id: _id, ...input }) => input)(
  DEFAULT_PLAN_CATALOGUE.find(plan => plan.id === 'standard')!,
);

const CREDIT_BODY = {
  accountId: 'acme',
  scope: 'general',
  amount: '1.00',
  note: 'Probe',
};
const PAYMENT_BODY = {
  accountId: 'acme',
  method: 'eft',
  amount: '1.00',
  reference: 'Probe',
  receivedAt: '2026-01-01',
};
/** A billing contact as PUT …/contacts takes it. */
const CONTACT = { name: 'Probe', email: 'probe@example.com', role: 'AP' };

/** A body each route with a JSON body takes; fields are varied one by one. */
const BODY_BASE: Record<string, Record<string, unknown>> = {
  PutAccount: { name: 'Probe Account' },
  CreateTenant: { id: 'probe-new', accountId: 'globex', name: 'Probe' },
  PutTenant: {
    accountId: 'globex',
    name: 'Probe',
    createdAt: '2026-01-01T00:00:00Z',
  },
  PutAccountSettings: {},
  SignupCheck: { email: 'someone@example.com' },
  CreateReportRun: { accountId: 'acme', type: 'project-spaces' },
  CreateSchedule: SCHEDULE_BODY,
  UpdateSchedule: SCHEDULE_BODY,
  Ingest: { records: [USER_RECORD] },
  PutBillingPlan: STANDARD_PLAN,
  CreateBillingSubscription: {
    tenantId: 'acme-a',
    planId: 'standard',
    cycle: 'monthly',
    startDate: '2026-01-01',
  },
  ChangeBillingSubscription: { planId: 'pro', date: '2026-01-15' },
  EndBillingSubscription: { date: '2026-01-15' },
  PreviewBillingSubscriptionChange: { planId: 'pro', date: '2026-01-15' },
  ExtendBillingSubscription: { endDate: '2026-06-01' },
  // The first valid one is stored; the same again is a 409 (one pending
  // per tenant and kind) after every field was checked.
  CreateBillingApplication: {
    tenantId: 'acme-a',
    kind: 'pro-bono',
    organisation: 'Probe Trust',
    reason: 'Probe',
    expectedUsers: 5,
    pilotMonths: 3,
  },
  ApproveBillingApplication: { planId: 'standard', startDate: '2026-01-15' },
  RejectBillingApplication: { reason: 'Probe' },
  // A past month: the run invoices the seed's subscriptions once, then finds them.
  RunBillingInvoices: { period: '2026-01' },
  // Each valid one adds an entry or a payment (all credit: nothing is open).
  AddBillingCredit: CREDIT_BODY,
  RecordBillingPayment: PAYMENT_BODY,
  VoidBillingInvoice: { reason: 'Probe' },
  PutBillingContacts: { items: [CONTACT] },
};

interface Probe {
  name: string;
  method: 'get' | 'put' | 'post' | 'delete';
  operationId: string;
  url: string;
  body?: string | object;
  contentType?: string;
}

function resolve(schema: any): any {
  if (schema?.$ref) {
    const name = schema.$ref.split('/').pop();
    return resolve(spec.components.schemas[name]);
  }
  return schema;
}

function fieldsOf(schema: any): string[] {
  return Object.keys(resolve(schema)?.properties ?? {});
}

/** Every probe of one operation. */
function probesOf(template: string, method: Probe['method'], op: any) {
  const probes: Probe[] = [];
  const params: any[] = op.parameters ?? [];
  const pathBase = {
    ...PATH_BASE,
    ...PATH_BASE_BY_OPERATION[op.operationId],
  };
  const pathParams = params.filter(p => p.in === 'path').map(p => p.name);
  const queryParams = params.filter(p => p.in === 'query');
  const requiredQuery = queryParams
    .filter(p => p.required)
    .map(p => `${p.name}=${QUERY_BASE[p.name]}`);
  const urlOf = (pathValues: Record<string, string>, query: string[]) => {
    const pathPart = template.replace(
      /\{([^}]+)\}/g,
      (_, name) => pathValues[name],
    );
    return `${API}${pathPart}${query.length ? `?${query.join('&')}` : ''}`;
  };
  const jsonBody = op.requestBody?.content?.['application/json'];
  const baseBody = BODY_BASE[op.operationId];
  const base = {
    method,
    operationId: op.operationId,
    ...(jsonBody && { body: baseBody, contentType: 'application/json' }),
    ...(op.operationId === 'IngestCsv' && {
      body: 'id,kind,username,status,createdAt\nu-9,web,probe,active,2026-01-01T00:00:00Z\n',
      contentType: 'text/csv',
    }),
  };
  const label = `${method.toUpperCase()} ${template}`;

  for (const name of pathParams) {
    // An empty segment makes a URL no route serves, not a parameter value.
    for (const [valueName, value] of URL_VALUES.filter(
      ([, segment]) => segment !== '',
    )) {
      probes.push({
        ...base,
        name: `${label} path ${name}: ${valueName}`,
        url: urlOf({ ...pathBase, [name]: value }, requiredQuery),
      });
    }
  }
  for (const param of queryParams) {
    const others = requiredQuery.filter(q => !q.startsWith(`${param.name}=`));
    const forms: Array<[string, string]> = [
      ...URL_VALUES.map(([valueName, value]): [string, string] => [
        valueName,
        `${param.name}=${value}`,
      ]),
      ...QUERY_SHAPES.map(([valueName, form]): [string, string] => [
        valueName,
        form(param.name),
      ]),
    ];
    for (const [valueName, form] of forms) {
      probes.push({
        ...base,
        name: `${label} query ${param.name}: ${valueName}`,
        url: urlOf(pathBase, [...others, form]),
      });
    }
  }
  if (jsonBody) {
    const url = urlOf(pathBase, requiredQuery);
    const isIngest = op.operationId === 'Ingest';
    const fields = isIngest
      ? fieldsOf(spec.components.schemas.UserRecord)
      : fieldsOf(jsonBody.schema);
    for (const field of fields) {
      for (const [valueName, value] of JSON_VALUES) {
        probes.push({
          ...base,
          name: `${label} body ${
            isIngest ? 'records[0].' : ''
          }${field}: ${valueName}`,
          url,
          body: isIngest
            ? { records: [{ ...USER_RECORD, [field]: value }] }
            : { ...baseBody, [field]: value },
        });
      }
    }
    for (const [valueName, raw] of RAW_BODIES) {
      probes.push({
        ...base,
        name: `${label} body: ${valueName}`,
        url,
        body: raw,
      });
    }
  }
  if (op.operationId === 'Ingest') {
    const url = urlOf(pathBase, []);
    for (const record of [USER_RECORD, SMS_RECORD]) {
      for (const field of Object.keys(record)) {
        for (const [valueName, value] of JSON_VALUES) {
          probes.push({
            ...base,
            name: `${label} NDJSON ${record.type}.${field}: ${valueName}`,
            url,
            contentType: 'application/x-ndjson',
            body: `${JSON.stringify({ ...record, [field]: value })}\n`,
          });
        }
      }
    }
    for (const [valueName, raw] of RAW_BODIES) {
      probes.push({
        ...base,
        name: `${label} NDJSON line: ${valueName}`,
        url,
        contentType: 'application/x-ndjson',
        body: `${JSON.stringify(USER_RECORD)}\n${raw}\n`,
      });
    }
  }
  if (op.operationId === 'IngestCsv') {
    const url = urlOf(pathBase, ['type=user', 'tenantId=acme-a']);
    const header = ['id', 'kind', 'username', 'status', 'createdAt', 'name'];
    const row = ['u-9', 'web', 'probe', 'active', '2026-01-01T00:00:00Z', 'P'];
    for (let column = 0; column < header.length; column++) {
      for (const [valueName, value] of JSON_VALUES) {
        if (typeof value !== 'string') {
          continue;
        }
        const cells = [...row];
        cells[column] = `"${value.replace(/"/g, '""')}"`;
        probes.push({
          ...base,
          name: `${label} CSV ${header[column]}: ${valueName}`,
          url,
          body: `${header.join(',')}\n${cells.join(',')}\n`,
        });
      }
    }
    for (const [valueName, raw] of [
      ['NUL byte', 'id\u0000,kind\nx,web\n'],
      ['NUL row', '\u0000\n'],
      ['unclosed quote', 'id,kind\n"x,web\n'],
      [
        'invalid UTF-8',
        'id,kind,username,status,createdAt\nu-9,web,\xff,active,2026-01-01T00:00:00Z\n',
      ],
    ]) {
      probes.push({
        ...base,
        name: `${label} CSV: ${valueName}`,
        url,
        body: raw,
      });
    }
  }
  return probes;
}

const PROBES: Probe[] = Object.entries(spec.paths).flatMap(
  ([template, item]: [string, any]) =>
    (['get', 'put', 'post', 'delete'] as const)
      .filter(method => item[method])
      .flatMap(method => probesOf(template, method, item[method])),
);

const tablesByKnex = new WeakMap<Knex, string[]>();

/** The plugin's tables (not knex's or the scheduler's). */
async function tablesOf(knex: Knex): Promise<string[]> {
  const known = tablesByKnex.get(knex);
  if (known) {
    return known;
  }
  const names: string[] =
    knex.client.config.client === 'pg'
      ? (
          await knex('information_schema.tables')
            .where({ table_type: 'BASE TABLE' })
            .whereRaw('table_schema = current_schema()')
            .select('table_name')
        ).map((row: any) => row.table_name)
      : (
          await knex('sqlite_master')
            .where({ type: 'table' })
            .whereNot('name', 'like', 'sqlite_%')
            .select('name')
        ).map((row: any) => row.name);
  const tables = names
    .filter(name => !/^(knex_|backstage_backend_)/.test(name))
    .sort();
  tablesByKnex.set(knex, tables);
  return tables;
}

/** Per table: its row count and a hash of its rows in a stable order. */
async function snapshot(knex: Knex): Promise<Record<string, string>> {
  const tables = await tablesOf(knex);
  const result: Record<string, string> = {};
  if (knex.client.config.client === 'pg') {
    // One round trip: PostgreSQL hashes every table itself.
    const { rows } = await knex.raw(
      tables
        .map(
          table =>
            `select '${table}' as name, count(*) || ' rows, ' || coalesce(md5(string_agg(r::text, '|' order by r::text)), '') as digest from "${table}" r`,
        )
        .join(' union all '),
    );
    for (const row of rows) {
      result[row.name] = row.digest;
    }
    return result;
  }
  for (const table of tables) {
    const rows = (await knex(table).select()).map(row => JSON.stringify(row));
    rows.sort();
    result[table] = `${rows.length} rows, ${createHash('sha1')
      .update(rows.join('\n'))
      .digest('hex')}`;
  }
  return result;
}

function changedTables(
  before: Record<string, string>,
  after: Record<string, string>,
): string[] {
  return Object.keys(after).filter(table => after[table] !== before[table]);
}

/** Waits until the worker has finished every run a probe queued. */
async function settleRuns(knex: Knex) {
  for (let i = 0; i < 200; i++) {
    const [{ count }] = await knex('report_runs')
      .whereIn('status', ['queued', 'running'])
      .count({ count: '*' });
    if (Number(count) === 0) {
      return;
    }
    await new Promise(resolveTimer => setTimeout(resolveTimer, 50));
  }
  throw new Error('report runs did not finish');
}

const seedModule = createSeedModule('hostile-seed', async writer => {
  await writer.upsertAccount({ id: 'acme', name: 'Acme', enterprise: true });
  await writer.upsertAccount({ id: 'globex', name: 'Globex' });
  await upsertTenants(writer, 'acme', ['acme-a', 'acme-b']);
});

function send(server: any, probe: Probe) {
  let req = request(server)[probe.method](probe.url);
  if (probe.contentType) {
    req = req.set('Content-Type', probe.contentType);
  }
  if (probe.body !== undefined) {
    req = req.send(
      typeof probe.body === 'string' ? probe.body : JSON.stringify(probe.body),
    );
  }
  return req;
}

/** Whether an answer changed nothing: a refusal, or ingestion taking no record. */
function isRefusal(status: number, body: any) {
  return status >= 400 || (body?.accepted === 0 && status === 200);
}

/** The answers the issue found as 500s on PostgreSQL, and a few more. */
/** A cursor as the tenants list writes one, holding any position. */
const forgedTenantCursor = (sort: string, position: unknown[]) =>
  Buffer.from(
    JSON.stringify({ sort, order: 'asc', position: JSON.stringify(position) }),
  ).toString('base64url');

const REFUSALS: Array<[Probe['method'], string, object | undefined, string]> = [
  [
    'get',
    `/v1/tenants?sort=name&cursor=${forgedTenantCursor('name', [
      'a\u0000',
      'acme-a',
    ])}`,
    undefined,
    'Invalid cursor: not a cursor returned by this API',
  ],
  [
    'get',
    `/v1/tenants?sort=createdAt&cursor=${forgedTenantCursor('createdAt', [
      '+275760-09-14T00:00:00Z',
      'acme-a',
    ])}`,
    undefined,
    'Invalid cursor: not a cursor returned by this API',
  ],
  [
    'get',
    `/v1/tenants?sort=createdAt&cursor=${forgedTenantCursor('createdAt', [
      '-010000-01-01T00:00:00Z',
      'acme-a',
    ])}`,
    undefined,
    'Invalid cursor: not a cursor returned by this API',
  ],
  [
    'get',
    `/v1/tenants?sort=createdAt&cursor=${forgedTenantCursor('createdAt', [
      3,
      'acme-a',
    ])}`,
    undefined,
    'Invalid cursor: not a cursor returned by this API',
  ],
  [
    'get',
    '/v1/tenants?sort=%00',
    undefined,
    'Invalid query: sort must not contain NUL characters',
  ],
  [
    'get',
    '/v1/tenants?order=desc%00',
    undefined,
    'Invalid query: order must not contain NUL characters',
  ],
  [
    'get',
    '/v1/tenants?q=%00',
    undefined,
    'Invalid query: q must not contain NUL characters',
  ],
  [
    'get',
    '/v1/sms?accountId=%00',
    undefined,
    'Invalid query: accountId must not contain NUL characters',
  ],
  [
    'get',
    '/v1/sms/gateways?accountId=%00',
    undefined,
    'Invalid query: accountId must not contain NUL characters',
  ],
  [
    'get',
    '/v1/sms?accountId=acme&tenantIds=acme-a&tenantIds=x%00',
    undefined,
    'Invalid query: tenantIds[1] must not contain NUL characters',
  ],
  [
    'get',
    '/v1/accounts/%00/tiles',
    undefined,
    'Invalid path: accountId must not contain NUL characters',
  ],
  [
    'get',
    '/v1/report-runs/%00',
    undefined,
    'Invalid path: id must not contain NUL characters',
  ],
  [
    'post',
    '/v1/report-runs/%00/cancel',
    undefined,
    'Invalid path: id must not contain NUL characters',
  ],
  [
    'get',
    '/v1/tenants?createdFrom=-010000-01-01',
    undefined,
    'Invalid query: createdFrom must be between the years 1900 and 2999',
  ],
  [
    'get',
    '/v1/tenants?createdTo=0500-01-01',
    undefined,
    'Invalid query: createdTo must be between the years 1900 and 2999',
  ],
  [
    'get',
    '/v1/accounts/acme/tiles?to=9999-12-31',
    undefined,
    'to must be between the years 1900 and 2999',
  ],
  [
    'get',
    '/v1/tenants/acme-a/usage?to=9999-12-31',
    undefined,
    'to must be between the years 1900 and 2999',
  ],
  [
    'get',
    '/v1/tenants/acme-a/usage?from=2025-01-01&to=2026-11-30',
    undefined,
    'Date ranges longer than 366 days are not supported',
  ],
  [
    'put',
    '/v1/accounts/acme',
    { name: 'A\u0000' },
    'Invalid body: name must not contain NUL characters',
  ],
  [
    'post',
    '/v1/report-runs',
    { accountId: 'acme', type: 'sms-detail', filters: { gateway: '\u0000' } },
    'Invalid body: filters.gateway must not contain NUL characters',
  ],
  [
    'get',
    '/v1/schedules/%00',
    undefined,
    'Invalid path: id must not contain NUL characters',
  ],
  [
    'post',
    '/v1/schedules',
    { ...SCHEDULE_BODY, name: 'a\u0000b' },
    'Invalid body: name must not contain NUL characters',
  ],
  [
    'get',
    '/v1/billing/tenants/%00/features',
    undefined,
    'Invalid path: tenantId must not contain NUL characters',
  ],
  [
    'get',
    '/v1/billing/tenants/acme-a/features?extra=1',
    undefined,
    'Invalid query: unknown parameter extra',
  ],
  [
    'get',
    '/v1/billing/invoices/%00/pdf',
    undefined,
    'Invalid path: id must not contain NUL characters',
  ],
  [
    'post',
    '/v1/billing/invoices/a%00b/email',
    undefined,
    'Invalid path: id must not contain NUL characters',
  ],
  [
    'get',
    '/v1/billing/accounts/%00/contacts',
    undefined,
    'Invalid path: accountId must not contain NUL characters',
  ],
  [
    'put',
    '/v1/billing/accounts/acme/contacts',
    { items: [{ ...CONTACT, name: 'a\u0000b' }] },
    'Invalid body: items[0].name must not contain NUL characters',
  ],
  [
    'put',
    '/v1/billing/accounts/acme/contacts',
    { items: [{ ...CONTACT, email: 'probe@@example.com' }] },
    'Invalid billing contacts: items.0.email Invalid email',
  ],
  [
    'put',
    '/v1/billing/accounts/acme/contacts',
    {
      items: Array.from({ length: 21 }, (_, i) => ({
        ...CONTACT,
        email: `probe${i}@example.com`,
      })),
    },
    'Invalid billing contacts: items Array must contain at most 20 element(s)',
  ],
  [
    'put',
    '/v1/billing/accounts/acme/contacts',
    { items: [CONTACT], extra: 1 },
    'Invalid billing contacts: unknown field extra',
  ],
  [
    'put',
    '/v1/billing/accounts/acme/contacts',
    { items: [{ ...CONTACT, name: 'n'.repeat(201) }] },
    'Invalid billing contacts: items.0.name String must contain at most 200 character(s)',
  ],
  [
    'put',
    '/v1/billing/accounts/acme/contacts',
    { items: [CONTACT, { ...CONTACT, email: 'PROBE@example.com' }] },
    'Invalid billing contacts: items.1.email PROBE@example.com repeats items.0.email (emails are unique, case-insensitively)',
  ],
  [
    'put',
    '/v1/tenants/probe',
    { accountId: 'acme', name: 'P', createdAt: '0001-01-01T00:00:00Z' },
    'Invalid tenant: createdAt must be between the years 1900 and 2999',
  ],
  [
    'post',
    '/v1/billing/credits',
    { ...CREDIT_BODY, amount: '9999999999999.999' },
    'Invalid credit: amount must be an amount with two decimals, such as "25.00" or "-5.00"',
  ],
  [
    'post',
    '/v1/billing/credits',
    { ...CREDIT_BODY, amount: '0.00' },
    'Invalid credit: amount must not be 0.00',
  ],
  [
    'post',
    '/v1/billing/credits',
    { ...CREDIT_BODY, note: 'a\u0000b' },
    'Invalid body: note must not contain NUL characters',
  ],
  [
    'post',
    '/v1/billing/credits',
    { ...CREDIT_BODY, bogus: 1 },
    'Invalid credit: unknown field bogus',
  ],
  [
    'post',
    '/v1/billing/payments',
    { ...PAYMENT_BODY, amount: '-5.00' },
    'Invalid payment: amount must be an amount with two decimals, such as "300.00"',
  ],
  [
    'post',
    '/v1/billing/payments',
    { ...PAYMENT_BODY, amount: '1.005' },
    'Invalid payment: amount must be an amount with two decimals, such as "300.00"',
  ],
  [
    'post',
    '/v1/billing/payments',
    { ...PAYMENT_BODY, amount: '99999999999999.99' },
    'Invalid payment: amount must be an amount with two decimals, such as "300.00"',
  ],
  [
    'post',
    '/v1/billing/payments',
    { ...PAYMENT_BODY, receivedAt: '2026-02-30' },
    'Invalid payment: receivedAt must be a date YYYY-MM-DD between the years 1900 and 2999',
  ],
  [
    'post',
    '/v1/billing/payments',
    { ...PAYMENT_BODY, receivedAt: '+275760-09-14' },
    'Invalid payment: receivedAt String must contain at most 10 character(s); receivedAt must be a date YYYY-MM-DD between the years 1900 and 2999',
  ],
  [
    'post',
    '/v1/billing/payments',
    { ...PAYMENT_BODY, bogus: 1 },
    'Invalid payment: unknown field bogus',
  ],
  [
    'post',
    '/v1/billing/invoices/00000000-0000-4000-8000-000000000000/void',
    { reason: 'Probe', bogus: 1 },
    'Invalid void: unknown field bogus',
  ],
  [
    'get',
    '/v1/billing/credits?accountId=acme&x=1',
    undefined,
    'Invalid query: unknown parameter x',
  ],
  [
    'get',
    '/v1/billing/payments',
    undefined,
    'Invalid query: accountId is required',
  ],
];

describe.each(databases.eachSupportedId())(
  'hostile input on %p',
  (databaseId: TestDatabaseId) => {
    // One backend per database, reused by every probe.
    let server: any;
    let knex: Knex;
    beforeAll(async () => {
      knex = await databases.init(databaseId);
      ({ server } = await startTestBackend({
        features: [
          enterpriseConsolePlugin,
          seedModule,
          mockServices.database.factory({ knex }),
        ],
      }));
      await new ScheduleStore(knex).create(SCHEDULE_ID_FIELDS, {
        createdBy: 'user:default/probe',
        now: new Date('2026-11-30T00:00:00Z'),
        nextRunAt: new Date('2026-12-01T06:00:00Z'),
      });
      await knex('schedules')
        .update({ id: SCHEDULE_ID })
        .whereNot({ id: SCHEDULE_ID });
    });

    it.each(REFUSALS)(
      'refuses %s %s %j',
      async (method, url, body, message) => {
        const before = await snapshot(knex);
        const res = await send(server, {
          name: url,
          operationId: '',
          method,
          url: `${API}${url}`,
          ...(body && { body, contentType: 'application/json' }),
        });
        expect(res.status).toBe(400);
        expect(res.body.error).toMatchObject({ name: 'InputError', message });
        expect(await snapshot(knex)).toEqual(before);
      },
    );

    /** An ingestion answer that refused its first record alone. */
    const firstRejected = (
      accepted: number,
      rejected: { id: string; message: string },
    ) => ({
      accepted,
      rejectedCount: 1,
      rejected: [{ index: 0, ...rejected }],
    });

    it('refuses an ingested record with a NUL, one by one, keeping the others', async () => {
      const nul = { ...USER_RECORD, id: 'u-nul', name: 'a\u0000b' };
      const good = { ...USER_RECORD, id: 'u-good' };
      const ndjson = await send(server, {
        name: 'ndjson',
        operationId: 'Ingest',
        method: 'post',
        url: `${API}/v1/ingest`,
        contentType: 'application/x-ndjson',
        body: `${JSON.stringify(nul)}\n${JSON.stringify(good)}\n`,
      });
      expect(ndjson.status).toBe(200);
      expect(ndjson.body).toMatchObject(
        firstRejected(1, {
          id: 'u-nul',
          message: 'Invalid user: name must not contain NUL characters',
        }),
      );
      const csv = await send(server, {
        name: 'csv',
        operationId: 'IngestCsv',
        method: 'post',
        url: `${API}/v1/ingest/csv?type=user&tenantId=acme-a`,
        contentType: 'text/csv',
        body: 'id,kind,username,status,createdAt\nu-csv,web,a\u0000b,active,2026-01-01T00:00:00Z\n',
      });
      expect(csv.status).toBe(200);
      expect(csv.body).toMatchObject(
        firstRejected(0, {
          id: 'u-csv',
          message: 'Invalid user: username must not contain NUL characters',
        }),
      );
    });

    it(`answers each of ${PROBES.length} hostile requests below 500, with a message, changing nothing when refused`, async () => {
      const failures: string[] = [];
      const statuses: Record<number, number> = {};
      let before = await snapshot(knex);
      for (const probe of PROBES) {
        const res = await send(server, probe);
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
        const message = res.body?.error?.message;
        if (res.status >= 500) {
          failures.push(`${probe.name}: ${res.status} ${message}`);
        } else if (
          res.status >= 400 &&
          (typeof message !== 'string' || message === '')
        ) {
          failures.push(`${probe.name}: ${res.status} without a message`);
        }
        if (probe.operationId === 'CreateReportRun' && res.status === 202) {
          await settleRuns(knex);
        }
        const after = await snapshot(knex);
        if (isRefusal(res.status, res.body)) {
          const changed = changedTables(before, after);
          if (changed.length > 0) {
            failures.push(
              `${probe.name}: ${res.status} but changed ${changed.join(', ')}`,
            );
          }
        }
        before = after;
      }
      // The probe count and the answers, for the record.
      // eslint-disable-next-line no-console
      console.log(
        `${databaseId}: ${PROBES.length} probes, statuses ${JSON.stringify(
          statuses,
        )}`,
      );
      expect(failures).toEqual([]);
    });
  },
);
