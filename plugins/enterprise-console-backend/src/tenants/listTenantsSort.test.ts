import { createSeedModule } from '@internal/plugin-enterprise-console-node/testUtils';
import { startTestBackend, mockServices } from '@backstage/backend-test-utils';
import request from 'supertest';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { enterpriseConsolePlugin } from '../plugin';

const databases = createTestDatabases({ testTimeoutMs: 60_000 });

// Names tie and differ only in case; two tenants share a name and a
// creation time, so only the id can order them.
const TENANTS: Array<[string, string, string, string]> = [
  ['a-1', 'acme', 'Beta', '2025-03-01T00:00:00Z'],
  ['a-2', 'acme', 'alpha', '2025-01-01T00:00:00Z'],
  ['a-3', 'acme', 'Beta', '2025-03-01T00:00:00Z'],
  ['b-1', 'globex', 'Zulu', '2024-12-01T00:00:00Z'],
  ['b-2', 'globex', 'Alpha', '2025-05-01T00:00:00Z'],
  ['c-1', 'initech', 'Beta', '2025-02-01T12:30:00Z'],
];

const seedModule = createSeedModule('tenant-sort-seed', async writer => {
  for (const id of ['acme', 'globex', 'initech']) {
    await writer.upsertAccount({ id, name: id.toUpperCase() });
  }
  for (const [id, accountId, name, createdAt] of TENANTS) {
    await writer.upsertTenant({ id, accountId, name, createdAt });
  }
});

/** Each sort's ascending order; descending is its exact reverse. */
const ASCENDING: Record<string, string[]> = {
  id: ['a-1', 'a-2', 'a-3', 'b-1', 'b-2', 'c-1'],
  // Byte order: upper case before lower case, whatever the locale.
  name: ['b-2', 'a-1', 'a-3', 'c-1', 'b-1', 'a-2'],
  createdAt: ['b-1', 'a-2', 'c-1', 'a-1', 'a-3', 'b-2'],
  accountId: ['a-1', 'a-2', 'a-3', 'b-1', 'b-2', 'c-1'],
};

describe.each(databases.eachSupportedId())(
  'sorting the tenants list on %p',
  databaseId => {
    let server: Parameters<typeof request>[0];

    beforeAll(async () => {
      const knex = await databases.init(databaseId);
      ({ server } = await startTestBackend({
        features: [
          enterpriseConsolePlugin,
          seedModule,
          mockServices.database.factory({ knex }),
        ],
      }));
    });

    const get = (query: string) =>
      request(server).get(`/api/enterprise-console/v1/tenants${query}`);

    /** Every page of a query, 2 at a time, as lists of ids. */
    async function pages(query: string): Promise<string[][]> {
      const result: string[][] = [];
      let cursor: string | undefined;
      do {
        const res = await get(
          `?${query}&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        );
        expect(res.status).toBe(200);
        result.push(res.body.items.map((t: { id: string }) => t.id));
        cursor = res.body.nextCursor;
        expect(result.length).toBeLessThan(10);
      } while (cursor);
      return result;
    }

    it.each(Object.entries(ASCENDING))(
      'pages in sort %s both ways, the id breaking ties',
      async (sort, ascending) => {
        const chunk = (ids: string[]) => [
          ids.slice(0, 2),
          ids.slice(2, 4),
          ids.slice(4, 6),
        ];
        expect(await pages(`sort=${sort}`)).toEqual(chunk(ascending));
        expect(await pages(`sort=${sort}&order=asc`)).toEqual(chunk(ascending));
        expect(await pages(`sort=${sort}&order=desc`)).toEqual(
          chunk([...ascending].reverse()),
        );
      },
    );

    it('sorts within the filters', async () => {
      expect(await pages('sort=name&order=desc&accountId=acme')).toEqual([
        ['a-2', 'a-3'],
        ['a-1'],
      ]);
      expect(
        await pages('sort=createdAt&order=desc&q=BETA&createdTo=2025-03-01'),
      ).toEqual([['c-1']]);
      expect(
        await pages('sort=accountId&order=desc&q=a&createdFrom=2025-01-01'),
      ).toEqual([['c-1', 'b-2'], ['a-3', 'a-2'], ['a-1']]);
      const res = await get('?sort=name&accountId=globex&limit=1');
      expect(res.body.totalCount).toBe(2);
      expect(res.body.items).toEqual([
        {
          id: 'b-2',
          accountId: 'globex',
          name: 'Alpha',
          createdAt: '2025-05-01T00:00:00.000Z',
          timezone: 'UTC',
          feedLimit: 25,
          plan: null,
          edition: null,
          status: null,
          canRead: true,
        },
      ]);
    });

    it('refuses a cursor of another sort or order', async () => {
      const first = await get('?sort=name&limit=2');
      const cursor = first.body.nextCursor;
      expect(typeof cursor).toBe('string');
      for (const [query, message] of [
        [
          `?sort=createdAt&cursor=${cursor}`,
          'Invalid cursor: it continues another sort than createdAt asc',
        ],
        [
          `?sort=name&order=desc&cursor=${cursor}`,
          'Invalid cursor: it continues another sort than name desc',
        ],
        [
          `?cursor=${cursor}`,
          'Invalid cursor: it continues another sort than id asc',
        ],
        [
          '?sort=name&cursor=bm90LWpzb24',
          'Invalid cursor: not a cursor returned by this API',
        ],
        [
          '?sort=plan',
          "Invalid query: sort Invalid enum value. Expected 'id' | 'name' | 'createdAt' | 'accountId', received 'plan'",
        ],
        [
          '?order=up',
          "Invalid query: order Invalid enum value. Expected 'asc' | 'desc', received 'up'",
        ],
      ]) {
        const res = await get(query);
        expect({ query, status: res.status }).toEqual({ query, status: 400 });
        expect(res.body.error.message).toBe(message);
      }
    });
  },
);
