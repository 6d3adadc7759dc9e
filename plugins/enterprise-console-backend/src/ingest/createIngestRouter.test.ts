import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Knex } from 'knex';
import request from 'supertest';
import {
  FULL_RECORDS,
  FULL_RECORDS_READ_BACK,
} from '../__testUtils__/sampleRecords';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { TEST_USAGE_METER_CONFIG } from '../__testUtils__/usageMeters';
import { enterpriseConsolePlugin } from '../plugin';
import { TenantDataStore } from './TenantDataStore';

const databases = createTestDatabases({ testTimeoutMs: 120_000 });
const BASE = '/api/enterprise-console';

describe.each(databases.eachSupportedId())(
  'ingestion API on %p',
  databaseId => {
    async function startBackend(
      options: {
        permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
      } = {},
    ): Promise<{ server: any; knex: Knex; store: TenantDataStore }> {
      const knex = await databases.init(databaseId);
      const { server } = await startTestBackend({
        features: [
          enterpriseConsolePlugin,
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({ data: TEST_USAGE_METER_CONFIG }),
          ...(options.permission
            ? [mockServices.permissions.factory({ result: options.permission })]
            : []),
        ],
      });
      return { server, knex, store: new TenantDataStore(knex) };
    }

    /** A backend with account acme and tenants acme-field and acme-office. */
    async function startWithTenants() {
      const backend = await startBackend();
      const { server } = backend;
      await request(server)
        .put(`${BASE}/v1/accounts/acme`)
        .send({ name: 'Acme' })
        .expect(201);
      for (const id of ['acme-field', 'acme-office']) {
        await request(server)
          .put(`${BASE}/v1/tenants/${id}`)
          .send({
            accountId: 'acme',
            name: id,
            createdAt: '2026-01-01T00:00:00Z',
          })
          .expect(201);
      }
      return backend;
    }

    async function countAll(store: TenantDataStore): Promise<number> {
      let total = 0;
      for (const type of [
        'app',
        'user',
        'invitation',
        'form',
        'sms',
        'feed',
        'usage',
      ] as const) {
        total += await store.count(type);
      }
      return total;
    }

    describe('PUT accounts and tenants', () => {
      it('creates, reports unchanged and updates an account', async () => {
        const { server } = await startBackend();
        const created = await request(server)
          .put(`${BASE}/v1/accounts/acme`)
          .send({
            name: 'Acme',
            enterprise: true,
            adminEmails: ['ops@acme.example'],
          });
        expect(created.status).toBe(201);
        expect(created.body).toMatchObject({
          result: 'created',
          account: {
            id: 'acme',
            name: 'Acme',
            enterprise: true,
            adminEmails: ['ops@acme.example'],
            invoicing: 'per-tenant',
            autopay: false,
          },
        });
        const again = await request(server)
          .put(`${BASE}/v1/accounts/acme`)
          .send({
            id: 'acme',
            name: 'Acme',
            enterprise: true,
            adminEmails: ['ops@acme.example'],
          });
        expect(again.status).toBe(200);
        expect(again.body.result).toBe('unchanged');
        const updated = await request(server)
          .put(`${BASE}/v1/accounts/acme`)
          .send({
            name: 'Acme Corp',
            invoicing: 'consolidated',
            autopay: true,
          });
        expect(updated.status).toBe(200);
        expect(updated.body).toMatchObject({
          result: 'updated',
          account: {
            name: 'Acme Corp',
            enterprise: false,
            invoicing: 'consolidated',
            autopay: true,
          },
        });
      });

      it('creates and updates a tenant, with the id from the path', async () => {
        const { server } = await startWithTenants();
        const res = await request(server)
          .put(`${BASE}/v1/tenants/acme-field`)
          .send({
            accountId: 'acme',
            name: 'Acme Field',
            url: 'https://field.acme.example',
            createdAt: '2026-01-01T00:00:00Z',
            timezone: 'Africa/Nairobi',
            feedLimit: 40,
          });
        expect(res.status).toBe(200);
        expect(res.body).toEqual({
          result: 'updated',
          tenant: {
            id: 'acme-field',
            accountId: 'acme',
            name: 'Acme Field',
            url: 'https://field.acme.example',
            createdAt: '2026-01-01T00:00:00.000Z',
            timezone: 'Africa/Nairobi',
            feedLimit: 40,
            // Billing's to write; ingestion leaves them alone.
            plan: null,
            edition: null,
            status: null,
          },
        });
      });

      it.each([
        [
          '/v1/accounts/Acme',
          { name: 'x' },
          'Invalid account: id must be lowercase letters',
        ],
        [
          '/v1/accounts/acme',
          { name: 'x', id: 'other' },
          "Invalid body: id must match the path's accountId",
        ],
        [
          '/v1/accounts/acme',
          { name: 'x', color: 'red' },
          'Invalid account: unknown field color',
        ],
        ['/v1/accounts/acme', ['x'], 'The body must be a JSON object'],
        [
          '/v1/tenants/t1',
          { accountId: 'nope', name: 'T', createdAt: '2026-01-01T00:00:00Z' },
          'Invalid tenant: accountId nope does not exist',
        ],
        [
          '/v1/tenants/t1',
          { accountId: 'acme', name: 'T', createdAt: 'soon' },
          'Invalid tenant: createdAt must be an ISO 8601 date-time',
        ],
      ])('answers 400 to PUT %s %j', async (path, body, message) => {
        const { server } = await startWithTenants();
        const res = await request(server)
          .put(`${BASE}${path}`)
          .send(body as object);
        expect(res.status).toBe(400);
        expect(res.body.error).toMatchObject({ name: 'InputError' });
        expect(res.body.error.message).toContain(message);
      });
    });

    describe('POST /v1/ingest (JSON)', () => {
      it('round-trips every record type, and a re-send changes nothing', async () => {
        const { server, store } = await startWithTenants();
        const first = await request(server)
          .post(`${BASE}/v1/ingest`)
          .send({ records: FULL_RECORDS });
        expect(first.status).toBe(200);
        expect(first.body).toEqual({
          accepted: 7,
          unchanged: 0,
          rejected: [],
          rejectedCount: 0,
        });
        for (const expected of FULL_RECORDS_READ_BACK) {
          expect(
            await store.get(expected.type, expected.tenantId, expected.id),
          ).toEqual(expected);
        }
        const again = await request(server)
          .post(`${BASE}/v1/ingest`)
          .send({ records: FULL_RECORDS });
        expect(again.body).toEqual({
          accepted: 0,
          unchanged: 7,
          rejected: [],
          rejectedCount: 0,
        });
      });

      it('is allowed to service principals', async () => {
        const { server } = await startWithTenants();
        const res = await request(server)
          .post(`${BASE}/v1/ingest`)
          .set('Authorization', mockCredentials.service.header())
          .send({ records: FULL_RECORDS.slice(0, 1) });
        expect(res.status).toBe(200);
        expect(res.body.accepted).toBe(1);
      });

      it('keeps the good records of a mixed call', async () => {
        const { server, store } = await startWithTenants();
        const res = await request(server)
          .post(`${BASE}/v1/ingest`)
          .send({
            records: [
              { type: 'app', tenantId: 'acme-field', id: 'a1', name: 'One' },
              {
                type: 'app',
                tenantId: 'acme-field',
                id: 'a2',
                name: 'Two',
                extra: 1,
              },
              { type: 'app', tenantId: 'acme-office', id: 'a3', name: 'Three' },
            ],
          });
        expect(res.body).toEqual({
          accepted: 2,
          unchanged: 0,
          rejected: [
            { index: 1, id: 'a2', message: 'Invalid app: unknown field extra' },
          ],
          rejectedCount: 1,
        });
        expect(await store.count('app')).toBe(2);
      });

      const user = FULL_RECORDS[1];
      const sms = FULL_RECORDS[4];
      it.each([
        [{ ...user, kind: 'robot' }, 'kind Invalid enum value'],
        [{ ...user, status: 'gone' }, 'status Invalid enum value'],
        [
          { ...user, createdAt: '2026-02-30T00:00:00Z' },
          'createdAt must be an ISO 8601 date-time',
        ],
        [
          { ...user, createdAt: '0001-01-01T00:00:00Z' },
          'createdAt must be between the years 1900 and 2999',
        ],
        [
          { ...user, lastLoginAt: 1700000000 },
          'lastLoginAt Expected string, received number',
        ],
        [{ ...user, email: 'not-an-email' }, 'email Invalid email'],
        [
          { ...user, name: 'x'.repeat(201) },
          'name String must contain at most 200 character(s)',
        ],
        [
          { ...user, username: 'x'.repeat(1_000_000) },
          'username String must contain at most 255 character(s)',
        ],
        [
          { ...user, username: 'nul\u0000byte' },
          'username must not contain NUL characters',
        ],
        [
          { ...user, id: "1'; DROP TABLE users; --" },
          'id must not contain spaces or control characters',
        ],
        [
          { ...user, tenantId: 'Acme Field' },
          'tenantId must be lowercase letters',
        ],
        [{ ...user, tenantId: 'ghost' }, 'tenantId ghost does not exist'],
        [{ ...user, status: undefined }, 'status Required'],
        [{ ...user, role: 42 }, 'role Expected string, received number'],
        [{ ...user, password: 'x' }, 'unknown field password'],
        [
          { ...sms, parts: 0 },
          'parts Number must be greater than or equal to 1',
        ],
        [{ ...sms, parts: 1.5 }, 'parts Expected integer, received float'],
        [{ ...sms, direction: 'sideways' }, 'direction Invalid enum value'],
        [
          { ...sms, gatewayFee: 0.0075 },
          'gatewayFee Expected string, received number',
        ],
        [
          { ...sms, gatewayFee: '0.00755' },
          'gatewayFee must be a non-negative decimal with up to four decimals',
        ],
        [{ ...sms, usageFee: '-1' }, 'usageFee must be a non-negative decimal'],
        [{ ...sms, valid: 'yes' }, 'valid Expected boolean, received string'],
        [
          { ...FULL_RECORDS[5], rowCount: -1 },
          'rowCount Number must be greater than or equal to 0',
        ],
        [
          { ...FULL_RECORDS[6], meter: 'Voice Minutes' },
          'meter must be 1 to 63 lowercase letters',
        ],
        [
          { ...FULL_RECORDS[6], quantity: 1e-7 },
          'quantity must be a non-negative decimal',
        ],
        [{ ...FULL_RECORDS[3], userId: undefined }, 'userId Required'],
        [
          { ...FULL_RECORDS[3], system: 1 },
          'system Expected boolean, received number',
        ],
        [
          { ...FULL_RECORDS[2], invitedAt: '2026-10-30' },
          'invitedAt must be an ISO 8601 date-time',
        ],
      ])('rejects %#: %s', async (record, message) => {
        const { server, store } = await startWithTenants();
        const res = await request(server)
          .post(`${BASE}/v1/ingest`)
          .send({ records: [record] });
        expect(res.status).toBe(200);
        expect(res.body.accepted).toBe(0);
        expect(res.body.rejected).toHaveLength(1);
        expect(res.body.rejected[0].index).toBe(0);
        expect(res.body.rejected[0].message).toContain(message);
        expect(await countAll(store)).toBe(0);
      });

      it.each([
        ['application/json', '{"records": [', 'The body is not valid JSON'],
        ['application/json', '[]', 'The body must be a JSON object'],
        ['application/json', '"records"', 'The body is not valid JSON'],
        [
          'application/json',
          '{"records": {}}',
          'Invalid body: records must be an array',
        ],
        [
          'application/json',
          '{"records": [], "dryRun": true}',
          'Invalid body: unknown field dryRun',
        ],
        ['application/json', '{}', 'Invalid body: records must be an array'],
        ['text/plain', 'hello', 'Unsupported content type text/plain'],
        [
          'application/xml',
          '<records/>',
          'Unsupported content type application/xml',
        ],
        [
          'application/x-ndjson',
          '<html><body>not json</body></html>',
          'The body is not NDJSON',
        ],
        ['application/x-ndjson', '[{"type":"app"}]', 'The body is not NDJSON'],
        ['application/x-ndjson', '\n\n  \n', 'The body holds no records'],
      ])(
        'answers 400 and writes nothing for a %s body %j',
        async (contentType, body, message) => {
          const { server, store } = await startWithTenants();
          const res = await request(server)
            .post(`${BASE}/v1/ingest`)
            .set('Content-Type', contentType)
            .send(body);
          expect(res.status).toBe(400);
          expect(res.body.error.message).toContain(message);
          expect(await countAll(store)).toBe(0);
        },
      );

      it('answers 400 without a body', async () => {
        const { server } = await startWithTenants();
        const res = await request(server).post(`${BASE}/v1/ingest`);
        expect(res.status).toBe(400);
        expect(res.body.error.message).toContain(
          'The body is empty or has no content type',
        );
      });

      it('refuses more than 10,000 records in one JSON call, writing nothing', async () => {
        const { server, store } = await startWithTenants();
        const records = Array.from({ length: 10_001 }, (_, i) => ({
          type: 'app',
          tenantId: 'acme-field',
          id: `a${i}`,
          name: 'A',
        }));
        const res = await request(server)
          .post(`${BASE}/v1/ingest`)
          .send({ records });
        expect(res.status).toBe(400);
        expect(res.body.error.message).toContain('at most 10000 records');
        expect(await countAll(store)).toBe(0);
      });

      it('refuses a JSON body over 32 MB with 413 before parsing it', async () => {
        const { server, store } = await startWithTenants();
        // Not JSON past its start: a parse would answer 400, the cap 413.
        const body = `{"records":[${' '.repeat(32 * 1024 * 1024)}!`;
        const res = await request(server)
          .post(`${BASE}/v1/ingest`)
          .set('Content-Type', 'application/json')
          .send(body);
        expect(res.status).toBe(413);
        expect(res.body.error.message).toMatch(/too large/i);
        expect(await countAll(store)).toBe(0);
      });
    });

    describe('usage events', () => {
      const usage = (id: string, meter: string) => ({
        type: 'usage',
        tenantId: 'acme-field',
        id,
        meter,
        quantity: '1.25',
        at: '2026-11-01T00:00:00Z',
      });
      const unknownMeter = (id: string) => ({
        index: 1,
        id,
        message:
          'Invalid usage: meter sms-credits is not a usage meter of this server (enterpriseConsole.usageMeters)',
      });

      it('rejects an event of a meter not configured, keeping the others (JSON)', async () => {
        const { server, store } = await startWithTenants();
        const res = await request(server)
          .post(`${BASE}/v1/ingest`)
          .send({
            records: [
              usage('e-1', 'voice-minutes'),
              usage('e-2', 'sms-credits'),
              usage('e-3', 'api-calls'),
            ],
          });
        expect(res.status).toBe(200);
        expect(res.body).toEqual({
          accepted: 2,
          unchanged: 0,
          rejected: [unknownMeter('e-2')],
          rejectedCount: 1,
        });
        expect(await store.get('usage', 'acme-field', 'e-2')).toBeUndefined();
        expect(await store.get('usage', 'acme-field', 'e-3')).toEqual({
          ...usage('e-3', 'api-calls'),
          at: '2026-11-01T00:00:00.000Z',
        });
      });

      it('rejects an event of a meter not configured (NDJSON)', async () => {
        const { server, store } = await startWithTenants();
        const res = await request(server)
          .post(`${BASE}/v1/ingest`)
          .set('Content-Type', 'application/x-ndjson')
          .send(
            `${[usage('e-1', 'voice-minutes'), usage('e-2', 'sms-credits')]
              .map(record => JSON.stringify(record))
              .join('\n')}\n`,
          );
        expect(res.body).toEqual({
          accepted: 1,
          unchanged: 0,
          rejected: [unknownMeter('e-2')],
          rejectedCount: 1,
        });
        expect(await store.count('usage')).toBe(1);
      });

      it('rejects an event of a meter not configured (CSV)', async () => {
        const { server, store } = await startWithTenants();
        const res = await request(server)
          .post(`${BASE}/v1/ingest/csv?type=usage&tenantId=acme-field`)
          .set('Content-Type', 'text/csv')
          .send(
            'id,meter,quantity,at\ne-1,voice-minutes,3,2026-11-01T00:00:00Z\ne-2,sms-credits,1,2026-11-01T00:00:00Z\n',
          );
        expect(res.body).toEqual({
          accepted: 1,
          unchanged: 0,
          rejected: [unknownMeter('e-2')],
          rejectedCount: 1,
        });
        expect(await store.get('usage', 'acme-field', 'e-1')).toMatchObject({
          quantity: '3',
        });
      });
    });

    describe('POST /v1/ingest (NDJSON)', () => {
      it('streams 50,000 records', async () => {
        const { server, store } = await startWithTenants();
        const lines: string[] = [];
        for (let i = 0; i < 50_000; i++) {
          lines.push(
            JSON.stringify({
              type: 'form',
              tenantId: i % 2 ? 'acme-field' : 'acme-office',
              id: `f-${i}`,
              userId: `u-${i % 300}`,
              formName: 'Visit',
              submittedAt: new Date(
                Date.UTC(2026, 9, 1) + i * 1000,
              ).toISOString(),
            }),
          );
        }
        const res = await request(server)
          .post(`${BASE}/v1/ingest`)
          .set('Content-Type', 'application/x-ndjson')
          .send(`${lines.join('\n')}\n`);
        expect(res.status).toBe(200);
        expect(res.body).toEqual({
          accepted: 50_000,
          unchanged: 0,
          rejected: [],
          rejectedCount: 0,
        });
        expect(await store.count('form')).toBe(50_000);
      });

      it('rejects bad lines by index and keeps the rest', async () => {
        const { server, store } = await startWithTenants();
        const body = [
          JSON.stringify(FULL_RECORDS[0]),
          '{"type": "app", "tenantId": "acme-field", "id": "broken"',
          '',
          JSON.stringify({ ...FULL_RECORDS[0], id: 'app-2', name: '' }),
          JSON.stringify({ ...FULL_RECORDS[0], id: 'app-3' }),
        ].join('\r\n');
        const res = await request(server)
          .post(`${BASE}/v1/ingest`)
          .set('Content-Type', 'application/x-ndjson')
          .send(body);
        expect(res.body).toEqual({
          accepted: 2,
          unchanged: 0,
          rejected: [
            { index: 1, message: 'Invalid record: line is not valid JSON' },
            {
              index: 2,
              id: 'app-2',
              message:
                'Invalid app: name String must contain at least 1 character(s)',
            },
          ],
          rejectedCount: 2,
        });
        expect(await store.count('app')).toBe(2);
      });
    });

    describe('POST /v1/ingest/csv', () => {
      it('round-trips users and SMS, coercing cells to field types', async () => {
        const { server, store } = await startWithTenants();
        const users = [
          'id,kind,username,name,email,status,createdAt,lastLoginAt,appVersion',
          'u-1,mobile,jdoe@acme-field,"Doe, Jane",jane@acme.example,active,2026-01-02T03:04:05Z,,2.54.1',
          'u-2,web,admin,Admin,admin@acme.example,inactive,2026-01-03T00:00:00Z,2026-11-01T10:00:00Z,',
        ].join('\r\n');
        const res = await request(server)
          .post(`${BASE}/v1/ingest/csv?type=user&tenantId=acme-field`)
          .set('Content-Type', 'text/csv')
          .send(users);
        expect(res.status).toBe(200);
        expect(res.body).toEqual({
          accepted: 2,
          unchanged: 0,
          rejected: [],
          rejectedCount: 0,
        });
        expect(await store.get('user', 'acme-field', 'u-1')).toEqual({
          type: 'user',
          tenantId: 'acme-field',
          id: 'u-1',
          kind: 'mobile',
          username: 'jdoe@acme-field',
          name: 'Doe, Jane',
          email: 'jane@acme.example',
          status: 'active',
          createdAt: '2026-01-02T03:04:05.000Z',
          appVersion: '2.54.1',
        });

        const sms = [
          '\uFEFFtenantId,id,direction,parts,sentAt,gatewayFee,usageFee,valid,error',
          'acme-office,m-1,outgoing,2,2026-11-01T08:00:00Z,0.0075,0.01,yes,false',
          ',m-2,incoming,1,2026-11-01T09:00:00Z,,,,',
          'acme-office,m-3,incoming,many,2026-11-01T09:00:00Z,,,maybe,',
        ].join('\n');
        const smsRes = await request(server)
          .post(`${BASE}/v1/ingest/csv?type=sms&tenantId=acme-field`)
          .set('Content-Type', 'text/csv')
          .send(sms);
        expect(smsRes.body.accepted).toBe(2);
        expect(smsRes.body.rejected).toEqual([
          {
            index: 2,
            id: 'm-3',
            message:
              'Invalid sms: parts Expected number, received string; valid Expected boolean, received string',
          },
        ]);
        expect(await store.get('sms', 'acme-office', 'm-1')).toMatchObject({
          parts: 2,
          gatewayFee: '0.0075',
          usageFee: '0.0100',
          valid: true,
          error: false,
        });
        // An empty tenantId cell falls back to the query's tenant.
        expect(await store.get('sms', 'acme-field', 'm-2')).toMatchObject({
          parts: 1,
          valid: true,
        });

        const again = await request(server)
          .post(`${BASE}/v1/ingest/csv?type=user&tenantId=acme-field`)
          .set('Content-Type', 'text/csv')
          .send(users);
        expect(again.body).toMatchObject({ accepted: 0, unchanged: 2 });
      });

      it.each([
        ['?tenantId=acme-field', 'id,name\na,A', 'type must be one of'],
        [
          '?type=app&tenantId=Bad%20Id',
          'id,name\na,A',
          'tenantId must be lowercase',
        ],
        ['?type=app', 'id,name,colour\na,A,red', 'Unknown CSV column "colour"'],
        ['?type=app', '{"records": []}', 'Unknown CSV column'],
        ['?type=app', '', 'The CSV body is empty'],
      ])('answers 400 for %s with %j', async (query, body, message) => {
        const { server, store } = await startWithTenants();
        const res = await request(server)
          .post(`${BASE}/v1/ingest/csv${query}`)
          .set('Content-Type', 'text/csv')
          .send(body);
        expect(res.status).toBe(400);
        expect(res.body.error.message).toContain(message);
        expect(await countAll(store)).toBe(0);
      });

      it('rejects rows with more cells than the header', async () => {
        const { server } = await startWithTenants();
        const res = await request(server)
          .post(`${BASE}/v1/ingest/csv?type=app&tenantId=acme-field`)
          .set('Content-Type', 'text/csv')
          .send('id,name\na,A,extra\nb,B\n');
        expect(res.body).toMatchObject({
          accepted: 1,
          rejected: [
            {
              index: 0,
              id: 'a',
              message: 'Invalid app: the row has more cells than the header',
            },
          ],
        });
      });
    });

    describe('authorization', () => {
      it.each([
        ['put', '/v1/accounts/acme', 'application/json', '{"name":"Acme"}'],
        ['put', '/v1/tenants/t1', 'application/json', '{}'],
        ['post', '/v1/ingest', 'application/json', '{"records":[]}'],
        ['post', '/v1/ingest', 'application/x-ndjson', '{}'],
        ['post', '/v1/ingest', 'text/plain', 'x'],
        ['post', '/v1/ingest/csv?type=app', 'text/csv', 'id,name\na,A'],
      ] as const)(
        'denies %s %s (%s) without the permission',
        async (method, path, type, body) => {
          const { server, store } = await startBackend({
            permission: AuthorizeResult.DENY,
          });
          const res = await request(server)
            [method](`${BASE}${path}`)
            .set('Content-Type', type)
            .send(body);
          expect(res.status).toBe(403);
          expect(res.body.error.name).toBe('NotAllowedError');
          expect(await countAll(store)).toBe(0);

          const anonymous = await request(server)
            [method](`${BASE}${path}`)
            .set('Authorization', mockCredentials.none.header())
            .set('Content-Type', type)
            .send(body);
          expect(anonymous.status).toBe(401);
        },
      );
    });
  },
);
