import { createSeedModule } from '@internal/plugin-enterprise-console-node/testUtils';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { TenantDataRecord } from '@internal/plugin-enterprise-console-common';
import request from 'supertest';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { enterpriseConsolePlugin } from '../plugin';

const databases = createTestDatabases({ testTimeoutMs: 60_000 });
const DAY = 24 * 60 * 60 * 1000;
const daysAgo = (days: number) =>
  new Date(Date.now() - days * DAY).toISOString();

const records: TenantDataRecord[] = [
  { type: 'app', tenantId: 'acme-clinic', id: 'a1', name: 'Visits' },
  { type: 'app', tenantId: 'acme-clinic', id: 'a2', name: 'Stock' },
  ...(['web', 'web', 'mobile', 'mobile', 'mobile'] as const).map(
    (kind, i): TenantDataRecord => ({
      type: 'user',
      tenantId: 'acme-clinic',
      id: `u${i}`,
      kind,
      username: `user${i}`,
      status: i === 4 ? 'inactive' : 'active',
      createdAt: daysAgo(100),
    }),
  ),
  {
    type: 'form',
    tenantId: 'acme-clinic',
    id: 'f1',
    userId: 'u2',
    submittedAt: '2026-05-01T10:00:00Z',
  },
  {
    type: 'form',
    tenantId: 'acme-clinic',
    id: 'f2',
    userId: 'u2',
    submittedAt: '2026-06-15T08:30:00Z',
  },
  {
    type: 'sms',
    tenantId: 'acme-clinic',
    id: 's1',
    direction: 'outgoing',
    parts: 3,
    sentAt: daysAgo(2),
  },
  {
    type: 'sms',
    tenantId: 'acme-clinic',
    id: 's2',
    direction: 'incoming',
    parts: 1,
    sentAt: daysAgo(29),
  },
  {
    // Outside the 30 days.
    type: 'sms',
    tenantId: 'acme-clinic',
    id: 's3',
    direction: 'outgoing',
    parts: 5,
    sentAt: daysAgo(31),
  },
];

const seedModule = createSeedModule('tenants-test-seed', async writer => {
  await writer.upsertAccount({ id: 'acme', name: 'Acme Health' });
  await writer.upsertAccount({ id: 'globex', name: 'Globex' });
  const tenants: Array<[string, string, string, string]> = [
    ['acme-clinic', 'acme', 'Clinic Visits Kenya', '2025-01-10T00:00:00Z'],
    ['acme-stock', 'acme', 'Stock 100% Audit', '2025-06-01T00:00:00Z'],
    ['globex-fleet', 'globex', 'Fleet Clinic', '2026-02-01T00:00:00Z'],
  ];
  for (const [id, accountId, name, createdAt] of tenants) {
    await writer.upsertTenant({ id, accountId, name, createdAt });
  }
  const result = await writer.ingest(records);
  if (result.rejected.length) {
    throw new Error(JSON.stringify(result.rejected));
  }
});

describe.each(databases.eachSupportedId())(
  'tenant routes on %p',
  databaseId => {
    async function startBackend() {
      return (await startBackendOnDatabase()).server;
    }

    async function startBackendOnDatabase() {
      const knex = await databases.init(databaseId);
      const { server } = await startTestBackend({
        features: [
          enterpriseConsolePlugin,
          seedModule,
          mockServices.database.factory({ knex }),
        ],
      });
      return { server, knex };
    }

    it('lists and filters tenants inside the query', async () => {
      const server = await startBackend();
      const ids = async (query: string) => {
        const res = await request(server).get(
          `/api/enterprise-console/v1/tenants${query}`,
        );
        expect(res.status).toBe(200);
        return [res.body.items.map((t: any) => t.id), res.body.totalCount];
      };

      expect(await ids('')).toEqual([
        ['acme-clinic', 'acme-stock', 'globex-fleet'],
        3,
      ]);
      expect(await ids('?accountId=acme')).toEqual([
        ['acme-clinic', 'acme-stock'],
        2,
      ]);
      expect(await ids('?q=CLINIC')).toEqual([
        ['acme-clinic', 'globex-fleet'],
        2,
      ]);
      // Wildcards in the search text match literally.
      expect(await ids('?q=100%25')).toEqual([['acme-stock'], 1]);
      expect(await ids('?q=_')).toEqual([[], 0]);
      expect(
        await ids('?createdFrom=2025-03-01&createdTo=2026-01-01T00:00:00Z'),
      ).toEqual([['acme-stock'], 1]);
      // No tenant has a plan, edition or status until billing records them.
      expect(await ids('?plan=gold')).toEqual([[], 0]);
      expect(await ids('?accountId=acme&edition=enterprise')).toEqual([[], 0]);
      expect(await ids('?status=active')).toEqual([[], 0]);
    });

    it('filters by the plan, edition and status billing records on tenants', async () => {
      const { server, knex } = await startBackendOnDatabase();
      // What billing writes when a subscription takes effect.
      await knex('tenants')
        .where({ id: 'acme-stock' })
        .update({ plan_id: 'pro', edition: 'pro', status: 'active' });
      await knex('tenants')
        .where({ id: 'globex-fleet' })
        .update({ plan_id: 'pilot', edition: 'pro', status: 'trial' });
      const list = async (query: string) =>
        (
          await request(server).get(
            `/api/enterprise-console/v1/tenants${query}`,
          )
        ).body.items;
      expect(
        (await list('?edition=pro')).map((t: any) => [
          t.id,
          t.plan,
          t.edition,
          t.status,
        ]),
      ).toEqual([
        ['acme-stock', 'pro', 'pro', 'active'],
        ['globex-fleet', 'pilot', 'pro', 'trial'],
      ]);
      expect((await list('?plan=pilot')).map((t: any) => t.id)).toEqual([
        'globex-fleet',
      ]);
      expect(
        (await list('?accountId=acme&edition=pro&status=active')).map(
          (t: any) => t.id,
        ),
      ).toEqual(['acme-stock']);
      expect(await list('?status=ended')).toEqual([]);
      // A tenant billing has not recorded shows nulls.
      expect((await list('?q=clinic%20visits'))[0]).toMatchObject({
        id: 'acme-clinic',
        plan: null,
        edition: null,
        status: null,
      });
    });

    it('pages with a cursor and keeps the filtered total', async () => {
      const server = await startBackend();
      const first = await request(server).get(
        '/api/enterprise-console/v1/tenants?limit=2',
      );
      expect(first.body.items.map((t: any) => t.id)).toEqual([
        'acme-clinic',
        'acme-stock',
      ]);
      expect(first.body.totalCount).toBe(3);
      const second = await request(server).get(
        `/api/enterprise-console/v1/tenants?limit=2&cursor=${first.body.nextCursor}`,
      );
      expect(second.body.items.map((t: any) => t.id)).toEqual(['globex-fleet']);
      expect(second.body.nextCursor).toBeUndefined();
    });

    it.each([
      [
        '?accountId=Not%20An%20Id',
        'Invalid query: accountId must be an account id',
      ],
      [
        '?createdFrom=yesterday',
        'Invalid query: createdFrom must be an ISO 8601 date or date-time',
      ],
      ['?colour=red', 'Invalid query: unknown field colour'],
      [
        '?plan=',
        'Invalid query: plan String must contain at least 1 character(s)',
      ],
      ['?limit=5000', 'Invalid limit: must be between 1 and 1000, got 5000'],
      [
        `?q=${'x'.repeat(201)}`,
        'Invalid query: q String must contain at most 200 character(s)',
      ],
    ])('answers 400 for %s', async (query, message) => {
      const server = await startBackend();
      const res = await request(server).get(
        `/api/enterprise-console/v1/tenants${query}`,
      );
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe(message);
    });

    it('gives a tenant with what exists in it', async () => {
      const server = await startBackend();
      const res = await request(server).get(
        '/api/enterprise-console/v1/tenants/acme-clinic',
      );
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        id: 'acme-clinic',
        accountId: 'acme',
        accountName: 'Acme Health',
        name: 'Clinic Visits Kenya',
        overview: {
          activeWebUsers: 2,
          activeMobileUsers: 2,
          inactiveUsers: 1,
          applications: 2,
          lastSubmissionAt: '2026-06-15T08:30:00.000Z',
          smsLast30Days: 2,
          smsPartsLast30Days: 4,
        },
      });
    });

    it('gives zeros for an empty tenant', async () => {
      const server = await startBackend();
      const res = await request(server).get(
        '/api/enterprise-console/v1/tenants/globex-fleet',
      );
      expect(res.body.overview).toMatchObject({
        activeWebUsers: 0,
        activeMobileUsers: 0,
        inactiveUsers: 0,
        applications: 0,
        smsLast30Days: 0,
        smsPartsLast30Days: 0,
      });
      expect(res.body.overview.lastSubmissionAt).toBeUndefined();
    });

    it.each(['nope', 'NOT_A_SLUG', '..%2F..%2Fetc'])(
      'answers 404 for tenant %s',
      async id => {
        const server = await startBackend();
        const res = await request(server).get(
          `/api/enterprise-console/v1/tenants/${id}`,
        );
        expect(res.status).toBe(404);
      },
    );

    it('requires credentials', async () => {
      const server = await startBackend();
      const res = await request(server)
        .get('/api/enterprise-console/v1/tenants')
        .set('Authorization', mockCredentials.none.header());
      expect(res.status).toBe(401);
    });
  },
);
