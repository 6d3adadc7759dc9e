import { createTestDatabases } from '../__testUtils__/testDatabases';
import { migrateKnex } from '../database/migrateDatabase';
import { AccountStore } from './AccountStore';
import { TenantStore } from './TenantStore';
import { accountSchema, tenantSchema } from './schemas';

const databases = createTestDatabases({ testTimeoutMs: 60_000 });

const account = (input: Record<string, unknown>) => accountSchema.parse(input);
const tenant = (input: Record<string, unknown>) =>
  tenantSchema.parse({ createdAt: '2026-03-01T09:30:00Z', ...input });

describe.each(databases.eachSupportedId())('AccountStore on %p', databaseId => {
  async function createStores() {
    const knex = await databases.init(databaseId);
    await migrateKnex(knex);
    let clock = new Date('2026-11-01T00:00:00.000Z');
    const now = () => clock;
    return {
      accounts: new AccountStore(knex, now),
      tenants: new TenantStore(knex, now),
      advance: (ms: number) => {
        clock = new Date(clock.getTime() + ms);
      },
    };
  }

  it('round-trips every field of an account', async () => {
    const { accounts } = await createStores();
    expect(
      await accounts.upsert(
        account({
          id: 'acme',
          name: 'Acme Health',
          enterprise: true,
          adminRefs: ['group:default/acme-admins'],
          adminEmails: ['ops@acme.example'],
          invoicing: 'consolidated',
          currency: 'EUR',
          autopay: true,
        }),
      ),
    ).toBe('created');

    expect(await accounts.get('acme')).toEqual({
      id: 'acme',
      name: 'Acme Health',
      enterprise: true,
      adminRefs: ['group:default/acme-admins'],
      adminEmails: ['ops@acme.example'],
      invoicing: 'consolidated',
      currency: 'EUR',
      autopay: true,
      createdAt: '2026-11-01T00:00:00.000Z',
      updatedAt: '2026-11-01T00:00:00.000Z',
    });
    expect(await accounts.get('nope')).toBeUndefined();
  });

  it('reports an identical re-send as unchanged and keeps the creation time', async () => {
    const { accounts, advance } = await createStores();
    await accounts.upsert(account({ id: 'acme', name: 'Acme' }));
    advance(60_000);
    expect(await accounts.upsert(account({ id: 'acme', name: 'Acme' }))).toBe(
      'unchanged',
    );
    expect((await accounts.get('acme'))?.updatedAt).toBe(
      '2026-11-01T00:00:00.000Z',
    );
    expect(
      await accounts.upsert(account({ id: 'acme', name: 'Acme Corp' })),
    ).toBe('updated');
    expect(await accounts.get('acme')).toMatchObject({
      name: 'Acme Corp',
      createdAt: '2026-11-01T00:00:00.000Z',
      updatedAt: '2026-11-01T00:01:00.000Z',
    });
  });

  it('lists accounts with their tenant counts, page by page', async () => {
    const { accounts, tenants } = await createStores();
    for (const id of ['delta', 'alpha', 'charlie', 'bravo', 'echo']) {
      await accounts.upsert(account({ id, name: id.toUpperCase() }));
    }
    await tenants.upsert(tenant({ id: 'a-1', accountId: 'alpha', name: 'A1' }));
    await tenants.upsert(tenant({ id: 'a-2', accountId: 'alpha', name: 'A2' }));
    await tenants.upsert(
      tenant({ id: 'c-1', accountId: 'charlie', name: 'C1' }),
    );
    // Moving a tenant to another account moves its count with it.
    await tenants.upsert(tenant({ id: 'a-2', accountId: 'echo', name: 'A2' }));

    const first = await accounts.listSummaries({ limit: 2 });
    expect(first.totalCount).toBe(5);
    expect(first.items.map(a => [a.id, a.tenantCount])).toEqual([
      ['alpha', 1],
      ['bravo', 0],
    ]);
    expect(first.nextCursor).toEqual(expect.any(String));

    const second = await accounts.listSummaries({
      limit: 2,
      cursor: first.nextCursor,
    });
    expect(second.items.map(a => [a.id, a.tenantCount])).toEqual([
      ['charlie', 1],
      ['delta', 0],
    ]);

    const last = await accounts.listSummaries({
      limit: 2,
      cursor: second.nextCursor,
    });
    expect(last.items.map(a => [a.id, a.tenantCount])).toEqual([['echo', 1]]);
    expect(last.nextCursor).toBeUndefined();
  });

  it('sorts ids by bytes whatever the server locale', async () => {
    const { accounts } = await createStores();
    // Locale collations ignore hyphens at first level and would put a-c after ab.
    for (const id of ['ab', 'a-c', 'a0', 'b']) {
      await accounts.upsert(account({ id, name: id }));
    }
    const page = await accounts.listSummaries({ limit: 10 });
    expect(page.items.map(a => a.id)).toEqual(['a-c', 'a0', 'ab', 'b']);
  });

  it('rejects a cursor it did not issue', async () => {
    const { accounts } = await createStores();
    await expect(
      accounts.listSummaries({ limit: 10, cursor: 'not-a-cursor' }),
    ).rejects.toThrow('Invalid cursor');
  });
});

describe.each(databases.eachSupportedId())('TenantStore on %p', databaseId => {
  it('round-trips a tenant and reports re-sends as unchanged', async () => {
    const knex = await databases.init(databaseId);
    await migrateKnex(knex);
    const now = () => new Date('2026-11-01T00:00:00.000Z');
    const accounts = new AccountStore(knex, now);
    const tenants = new TenantStore(knex, now);
    await accounts.upsert(account({ id: 'acme', name: 'Acme' }));

    const input = tenant({
      id: 'acme-field',
      accountId: 'acme',
      name: 'Acme Field Ops',
      url: 'https://field.acme.example',
      createdAt: '2024-02-29T23:15:00+02:00',
      timezone: 'Africa/Johannesburg',
      entityRef: 'component:default/field-ops',
      feedLimit: 40,
    });
    expect(await tenants.upsert(input)).toBe('created');
    expect(await tenants.upsert(input)).toBe('unchanged');
    expect(await tenants.get('acme-field')).toEqual({
      id: 'acme-field',
      accountId: 'acme',
      name: 'Acme Field Ops',
      url: 'https://field.acme.example',
      createdAt: '2024-02-29T21:15:00.000Z',
      timezone: 'Africa/Johannesburg',
      entityRef: 'component:default/field-ops',
      feedLimit: 40,
      plan: null,
      edition: null,
      status: null,
    });

    const minimal = tenant({ id: 'acme-min', accountId: 'acme', name: 'Min' });
    await tenants.upsert(minimal);
    expect(await tenants.get('acme-min')).toEqual({
      id: 'acme-min',
      accountId: 'acme',
      name: 'Min',
      url: undefined,
      createdAt: '2026-03-01T09:30:00.000Z',
      timezone: 'UTC',
      entityRef: undefined,
      feedLimit: 25,
      plan: null,
      edition: null,
      status: null,
    });
  });
});
