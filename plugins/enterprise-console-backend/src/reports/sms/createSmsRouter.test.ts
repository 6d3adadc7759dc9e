import { mockCredentials } from '@backstage/backend-test-utils';
import { SmsMessage } from '@internal/plugin-enterprise-console-common';
import { Knex } from 'knex';
import request from 'supertest';
import {
  REPORT_FIXTURE_OUTSIDER as OUTSIDER,
  reportFixtureApp,
  reportFixtureDatabase,
} from '../../__testUtils__/reportFixture';
import { createTestDatabases } from '../../__testUtils__/testDatabases';
import { IngestionService } from '../../ingest/IngestionService';
import { TenantDataStore } from '../../ingest/TenantDataStore';
import { createSmsRouter } from './createSmsRouter';
import { SMS_SORTS, SmsMessageStore } from './SmsMessageStore';
import { TEST_USAGE_METERS } from '../../__testUtils__/usageMeters';

const databases = createTestDatabases({ testTimeoutMs: 60_000 });

/** The router over the fixture; OUTSIDER is denied console.read. */
const appFor = (knex: Knex) =>
  reportFixtureApp(knex, deps =>
    createSmsRouter({ ...deps, messages: new SmsMessageStore(knex) }),
  );

const WIDE = 'messageFrom=2026-10-21&messageTo=2026-11-20T12:00:00Z';
const keyOf = (message: SmsMessage) => `${message.tenantId}/${message.id}`;

describe.each(databases.eachSupportedId())('SMS routes on %p', databaseId => {
  let knex: Knex;

  beforeAll(async () => {
    knex = await reportFixtureDatabase(databases, databaseId);
  });

  it('lists the last 7 days by date of message, with charges of four decimals', async () => {
    const { app, calls } = await appFor(knex);
    const res = await request(app).get('/v1/sms?accountId=acme');
    expect(res.status).toBe(200);
    expect(res.body.totalCount).toBe(6);
    expect(res.body.nextCursor).toBeUndefined();
    expect(res.body.items.map(keyOf)).toEqual([
      'beta-2/s-7',
      'alpha/s-4',
      'alpha/s-5',
      'alpha/s-1',
      'beta-2/s-1',
      'beta-2/s-8',
    ]);
    expect(res.body.items[1]).toEqual({
      id: 's-4',
      tenantId: 'alpha',
      sentAt: '2026-11-15T00:00:00.000Z',
      direction: 'outgoing',
      parts: 1,
      gatewayCharge: '0.0000',
      usageCharge: '0.0125',
      totalCharge: '0.0125',
      valid: false,
      createdAt: '2026-11-15T00:00:00.000Z',
    });
    expect(res.body.items[3]).toEqual({
      id: 's-1',
      tenantId: 'alpha',
      sentAt: '2026-11-19T08:00:00.000Z',
      direction: 'outgoing',
      parts: 2,
      gateway: 'twilio',
      gatewayCharge: '0.0150',
      usageCharge: '0.0200',
      totalCharge: '0.0350',
      valid: true,
      createdAt: '2026-11-19T07:59:00.000Z',
    });
    expect(res.body.items[5].totalCharge).toBe('10000.0000');
    expect(calls).toEqual([
      { name: 'enterprise-console.console.read', resourceRef: 'acme' },
    ]);
  });

  describe.each(SMS_SORTS)('sorted by %s', sort => {
    it.each(['asc', 'desc'])(
      'pages %s through every message once',
      async order => {
        const { app } = await appFor(knex);
        const all = await request(app).get(
          `/v1/sms?accountId=acme&${WIDE}&limit=1000`,
        );
        const value = (m: SmsMessage): Array<string | number> => {
          const tail = [m.sentAt, m.id, m.tenantId];
          switch (sort) {
            case 'sentAt':
              return tail;
            case 'createdAt':
              return [m.createdAt, ...tail];
            case 'tenantId':
              return [m.tenantId, m.sentAt, m.id];
            case 'parts':
              return [m.parts, ...tail];
            case 'gateway':
              return [m.gateway ?? '', ...tail];
            default:
              return [Math.round(Number(m.totalCharge) * 10000), ...tail];
          }
        };
        const compare = (a: SmsMessage, b: SmsMessage) => {
          const [x, y] = [value(a), value(b)];
          for (let i = 0; i < x.length; i++) {
            if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1;
          }
          return 0;
        };
        const expected = [...(all.body.items as SmsMessage[])].sort(compare);
        if (order === 'desc') expected.reverse();

        const seen: SmsMessage[] = [];
        let cursor: string | undefined;
        let pages = 0;
        do {
          const res = await request(app)
            .get(`/v1/sms?accountId=acme&${WIDE}`)
            .query({ sort, order, limit: 2, ...(cursor && { cursor }) });
          expect(res.status).toBe(200);
          expect(res.body.totalCount).toBe(9);
          expect(res.body.items.length).toBeLessThanOrEqual(2);
          seen.push(...res.body.items);
          cursor = res.body.nextCursor;
          pages += 1;
        } while (cursor && pages < 20);
        expect(pages).toBe(5);
        expect(seen.map(keyOf)).toEqual(expected.map(keyOf));
      },
    );
  });

  it('sorts as the report does by default', async () => {
    const { app } = await appFor(knex);
    const byDefault = await request(app).get(`/v1/sms?accountId=acme&${WIDE}`);
    const explicit = await request(app).get(
      `/v1/sms?accountId=acme&${WIDE}&sort=sentAt&order=asc`,
    );
    expect(byDefault.body).toEqual(explicit.body);
    expect(byDefault.body.items.map(keyOf)).toEqual([
      'alpha/s-3',
      'alpha/s-2',
      'alpha/s-6',
      'beta-2/s-7',
      'alpha/s-4',
      'alpha/s-5',
      'alpha/s-1',
      'beta-2/s-1',
      'beta-2/s-8',
    ]);
  });

  it('filters as the report does', async () => {
    const { app } = await appFor(knex);
    const keys = async (query: string) => {
      const res = await request(app).get(
        `/v1/sms?accountId=acme&${WIDE}&${query}`,
      );
      expect(res.status).toBe(200);
      expect(res.body.totalCount).toBe(res.body.items.length);
      return res.body.items.map(keyOf);
    };
    expect(await keys('tenantIds=beta-2')).toEqual([
      'beta-2/s-7',
      'beta-2/s-1',
      'beta-2/s-8',
    ]);
    // A comma list, repeated parameters, or both.
    expect(await keys('tenantIds=zeta,beta-2')).toHaveLength(3);
    expect(await keys('tenantIds=zeta&tenantIds=beta-2')).toHaveLength(3);
    expect(await keys('gateway=telerivet')).toEqual([
      'alpha/s-3',
      'beta-2/s-7',
    ]);
    expect(await keys('hasGatewayFee=no')).toEqual([
      'alpha/s-2',
      'alpha/s-6',
      'beta-2/s-7',
      'alpha/s-4',
    ]);
    expect(await keys('hasGatewayFee=yes&validity=invalid')).toEqual([
      'alpha/s-3',
    ]);
    expect(await keys('validity=valid')).toHaveLength(7);
    expect(
      await keys(
        'createdFrom=2026-11-19T07:59:00Z&createdTo=2026-11-19T08:00:01Z',
      ),
    ).toEqual(['alpha/s-1']);
    // Empty values are no filter.
    expect(await keys('gateway=&tenantIds=&hasGatewayFee=')).toHaveLength(9);
  });

  it('pages 50 messages by default', async () => {
    const ingestion = new IngestionService(
      knex,
      new TenantDataStore(knex),
      TEST_USAGE_METERS,
    );
    await ingestion.ingest(
      Array.from({ length: 55 }, (_, i) => ({
        value: {
          type: 'sms',
          tenantId: 'zeta',
          id: `bulk-${String(i).padStart(2, '0')}`,
          direction: 'outgoing',
          parts: 1,
          sentAt: '2026-11-20T10:00:00Z',
        },
      })),
      { atomic: true },
    );
    try {
      const { app } = await appFor(knex);
      const res = await request(app).get('/v1/sms?accountId=acme');
      expect(res.body.items).toHaveLength(50);
      expect(res.body.totalCount).toBe(61);
      expect(res.body.nextCursor).toEqual(expect.any(String));
    } finally {
      await knex('sms_messages')
        .where('tenant_id', 'zeta')
        .where('id', 'like', 'bulk-%')
        .delete();
    }
  });

  it.each([
    ['tenantIds=aaa', 'tenantIds: "aaa" is not a tenant of account acme'],
    [
      'tenantIds=alpha,nowhere',
      'tenantIds: "nowhere" is not a tenant of account acme',
    ],
    ['messageFrom=nope', 'messageFrom must be an ISO 8601 date or time'],
    ['createdTo=2026-13-01', 'createdTo must be an ISO 8601 date or time'],
    [
      'messageFrom=2026-01-01&messageTo=2026-11-01',
      'Date ranges longer than 90 days are not supported',
    ],
    ['hasGatewayFee=maybe', 'hasGatewayFee must be one of yes, no, all'],
    ['validity=true', 'validity must be one of valid, invalid, all'],
    [
      'sort=colour',
      'sort must be one of sentAt, createdAt, tenantId, parts, gateway, totalCharge',
    ],
    ['order=up', 'order must be one of asc, desc'],
    ['limit=1001', 'Invalid limit: must be between 1 and 1000, got 1001'],
    ['limit=0', 'Invalid limit: must be between 1 and 1000, got 0'],
    ['limit=ten', 'Invalid limit: must be a whole number, got ten'],
    [
      'cursor=bm90IGEgY3Vyc29y',
      'Invalid cursor: not a cursor returned by this API',
    ],
    ['colour=red', 'Invalid query: unknown parameter colour'],
  ])('refuses %s with 400', async (query, message) => {
    const { app } = await appFor(knex);
    const res = await request(app).get(`/v1/sms?accountId=acme&${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ name: 'InputError', message });
  });

  it('refuses a cursor of another sort', async () => {
    const { app } = await appFor(knex);
    const first = await request(app).get(
      `/v1/sms?accountId=acme&${WIDE}&limit=2&sort=parts`,
    );
    const res = await request(app)
      .get(`/v1/sms?accountId=acme&${WIDE}&limit=2&sort=gateway`)
      .query({ cursor: first.body.nextCursor });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      'Invalid cursor: it continues another sort than gateway asc',
    );
  });

  it('needs an account, console.read on it, and an enterprise account', async () => {
    const { app } = await appFor(knex);
    const missing = await request(app).get('/v1/sms');
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toBe(
      'Invalid query: accountId is required',
    );
    const anonymous = await request(app)
      .get('/v1/sms?accountId=acme')
      .set('Authorization', mockCredentials.none.header());
    expect(anonymous.status).toBe(401);
    for (const path of ['/v1/sms', '/v1/sms/gateways']) {
      const denied = await request(app)
        .get(`${path}?accountId=acme`)
        .set('Authorization', mockCredentials.user.header(OUTSIDER));
      expect(denied.status).toBe(403);
      expect(denied.body.error.message).toBe(
        'Not allowed: enterprise-console.console.read is required on acme',
      );
      expect((await request(app).get(`${path}?accountId=nope`)).status).toBe(
        404,
      );
      expect(
        (await request(app).get(`${path}?accountId=other-org`)).status,
      ).toBe(409);
    }
  });

  it('lists the gateways of the account for the filter', async () => {
    const { app } = await appFor(knex);
    const res = await request(app).get('/v1/sms/gateways?accountId=acme');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ items: ['=evil', 'telerivet', 'twilio'] });
    const unknownParam = await request(app).get(
      '/v1/sms/gateways?accountId=acme&from=2026-01-01',
    );
    expect(unknownParam.status).toBe(400);
  });
});
