import { createSeedModule } from '@internal/plugin-enterprise-console-node/testUtils';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import request from 'supertest';
import { createTestDatabases } from './__testUtils__/testDatabases';
import { upsertTenants } from './__testUtils__/upsertTenants';
import { enterpriseConsolePlugin } from './plugin';

const databases = createTestDatabases({ testTimeoutMs: 60_000 });

/** A module that seeds through the extension point, as the demo data does. */
const seedModule = createSeedModule('test-seed', async writer => {
  await writer.upsertAccount({
    id: 'acme',
    name: 'Acme Health',
    enterprise: true,
  });
  await writer.upsertAccount({ id: 'globex', name: 'Globex' });
  await upsertTenants(writer, 'acme', ['acme-a', 'acme-b', 'acme-c']);
});

describe.each(databases.eachSupportedId())(
  'enterprise-console backend on %p',
  databaseId => {
    async function startBackend() {
      const knex = await databases.init(databaseId);
      const { server } = await startTestBackend({
        features: [
          enterpriseConsolePlugin,
          seedModule,
          mockServices.database.factory({ knex }),
        ],
      });
      return server;
    }

    it('answers health without credentials', async () => {
      const server = await startBackend();
      const res = await request(server)
        .get('/api/enterprise-console/health')
        .set('Authorization', mockCredentials.none.header());
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ status: 'ok' });
    });

    it('lists seeded accounts with tenant counts', async () => {
      const server = await startBackend();
      const res = await request(server).get(
        '/api/enterprise-console/v1/accounts',
      );
      expect(res.status).toBe(200);
      expect(res.body.totalCount).toBe(2);
      expect(res.body.nextCursor).toBeUndefined();
      expect(
        res.body.items.map((a: any) => [
          a.id,
          a.name,
          a.enterprise,
          a.tenantCount,
        ]),
      ).toEqual([
        ['acme', 'Acme Health', true, 3],
        ['globex', 'Globex', false, 0],
      ]);
    });

    it('pages with limit and cursor', async () => {
      const server = await startBackend();
      const first = await request(server).get(
        '/api/enterprise-console/v1/accounts?limit=1',
      );
      expect(first.body.items.map((a: any) => a.id)).toEqual(['acme']);
      const second = await request(server).get(
        `/api/enterprise-console/v1/accounts?limit=1&cursor=${first.body.nextCursor}`,
      );
      expect(second.body.items.map((a: any) => a.id)).toEqual(['globex']);
      expect(second.body.nextCursor).toBeUndefined();
    });

    it.each([
      ['limit=0', 'Invalid limit: must be between 1 and 1000, got 0'],
      ['limit=1001', 'Invalid limit: must be between 1 and 1000, got 1001'],
      ['limit=ten', 'Invalid limit: must be a whole number, got ten'],
      ['cursor=%7B%7D', 'Invalid cursor: not a cursor returned by this API'],
    ])('answers 400 for %s', async (query, message) => {
      const server = await startBackend();
      const res = await request(server).get(
        `/api/enterprise-console/v1/accounts?${query}`,
      );
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ name: 'InputError', message });
    });

    it('requires credentials for the accounts list', async () => {
      const server = await startBackend();
      const res = await request(server)
        .get('/api/enterprise-console/v1/accounts')
        .set('Authorization', mockCredentials.none.header());
      expect(res.status).toBe(401);
    });
  },
);
