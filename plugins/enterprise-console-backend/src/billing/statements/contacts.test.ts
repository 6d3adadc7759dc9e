import { Knex } from 'knex';
import {
  ACME_ADMIN,
  BILLING_MANAGER as MANAGER,
  BILLING_READER as READER,
  NO_PERMISSIONS as NOBODY,
} from '../__testUtils__/billingGrants';
import {
  seedTenants,
  startBillingArea,
} from '../__testUtils__/billingTestArea';
import {
  createTestDatabases,
  describeEachPostgres,
} from '../../__testUtils__/testDatabases';
import { migrateKnex } from '../../database/migrateDatabase';

const databases = createTestDatabases({ testTimeoutMs: 60_000 });

const URL = '/v1/billing/accounts/acme/contacts';

const ANNA = { name: 'Anna Payable', email: 'anna@acme.example', role: 'AP' };
const BERT = { name: 'Bert', email: 'Bert@Acme.example', role: 'CFO' };

async function setup(knex: Knex) {
  await migrateKnex(knex);
  await seedTenants(knex, [
    ['acme-a', 'acme'],
    ['other-a', 'other'],
  ]);
  return { ...(await startBillingArea(knex)), knex };
}

describe.each(databases.eachSupportedId())(
  'billing contacts on %p',
  databaseId => {
    it('replaces the list in the order given, audited with before and after', async () => {
      const { as, auditor } = await setup(await databases.init(databaseId));
      expect((await as(READER).get(URL)).body).toEqual({ items: [] });

      const first = await as(MANAGER).put(URL, { items: [ANNA, BERT] });
      expect(first.status).toBe(200);
      expect(first.body).toEqual({ items: [ANNA, BERT] });
      const second = await as(MANAGER).put(URL, {
        items: [{ ...BERT, name: '  Bert Brown  ' }],
      });
      expect(second.body).toEqual({ items: [{ ...BERT, name: 'Bert Brown' }] });
      expect((await as(READER).get(URL)).body).toEqual(second.body);

      const events = auditor.createEvent.mock.calls
        .map(([event]) => event)
        .filter(event => event.eventId === 'billing-contacts-update');
      expect(events).toHaveLength(2);
      const event = await auditor.createEvent.mock.results[1].value;
      expect(event.success).toHaveBeenCalledWith({
        meta: {
          actor: MANAGER,
          accountId: 'acme',
          before: { items: [ANNA, BERT] },
          after: { items: [{ ...BERT, name: 'Bert Brown' }] },
        },
      });

      const cleared = await as(MANAGER).put(URL, { items: [] });
      expect(cleared.body).toEqual({ items: [] });
      expect((await as(READER).get(URL)).body).toEqual({ items: [] });
    });

    it('lets the account admin replace its own contacts only, billing readers read them', async () => {
      const { as } = await setup(await databases.init(databaseId));
      expect((await as(ACME_ADMIN).put(URL, { items: [ANNA] })).status).toBe(
        200,
      );
      const elsewhere = await as(ACME_ADMIN).put(
        '/v1/billing/accounts/other/contacts',
        { items: [ANNA] },
      );
      expect(elsewhere.status).toBe(403);
      expect(elsewhere.body.error.message).toBe(
        'Not allowed: enterprise-console.billing.manage, or enterprise-console.settings.update on other, is required',
      );
      expect((await as(READER).put(URL, { items: [] })).status).toBe(403);
      expect((await as(NOBODY).get(URL)).status).toBe(403);
      // Reading needs billing.read, which the account admin here lacks.
      expect((await as(ACME_ADMIN).get(URL)).status).toBe(403);
      expect((await as(READER).get(URL)).body).toEqual({ items: [ANNA] });
      expect(
        (await as(READER).get('/v1/billing/accounts/other/contacts')).body,
      ).toEqual({ items: [] });
    });

    it('answers 404 for an unknown account, to reads and writes', async () => {
      const { as } = await setup(await databases.init(databaseId));
      const read = await as(READER).get(
        '/v1/billing/accounts/nowhere/contacts',
      );
      expect(read.status).toBe(404);
      expect(read.body.error.message).toBe('Account nowhere not found');
      const write = await as(MANAGER).put(
        '/v1/billing/accounts/nowhere/contacts',
        { items: [ANNA] },
      );
      expect(write.status).toBe(404);
      expect(write.body.error.message).toBe('Account nowhere not found');
    });

    it.each([
      [
        'a repeated email, case-insensitively',
        { items: [ANNA, BERT, { ...ANNA, email: 'ANNA@acme.example' }] },
        'Invalid billing contacts: items.2.email ANNA@acme.example repeats items.0.email (emails are unique, case-insensitively)',
      ],
      [
        'a bad email',
        { items: [{ ...ANNA, email: 'anna@' }] },
        'Invalid billing contacts: items.0.email Invalid email',
      ],
      [
        '21 contacts',
        {
          items: Array.from({ length: 21 }, (_, i) => ({
            ...ANNA,
            email: `c${i}@acme.example`,
          })),
        },
        'Invalid billing contacts: items Array must contain at most 20 element(s)',
      ],
      [
        'an unknown field',
        { items: [{ ...ANNA, phone: '1' }] },
        'Invalid billing contacts: unknown field phone',
      ],
      [
        'an over-long name',
        { items: [{ ...ANNA, name: 'n'.repeat(201) }] },
        'Invalid billing contacts: items.0.name String must contain at most 200 character(s)',
      ],
      [
        'a blank role',
        { items: [{ ...ANNA, role: '   ' }] },
        'Invalid billing contacts: items.0.role String must contain at least 1 character(s)',
      ],
      ['no items', {}, 'Invalid billing contacts: items Required'],
    ])(
      'refuses %s with a 400 naming it, changing nothing',
      async (_, body, message) => {
        const { as } = await setup(await databases.init(databaseId));
        await as(MANAGER).put(URL, { items: [BERT] });
        const res = await as(MANAGER).put(URL, body);
        expect(res.status).toBe(400);
        expect(res.body.error.message).toBe(message);
        expect((await as(READER).get(URL)).body).toEqual({ items: [BERT] });
      },
    );
  },
);

// The database's own refusal, on PostgreSQL, which replicas share; on
// SQLite the code's check above is what a single process relies on.
describeEachPostgres(databases)('billing contacts on %p', databaseId => {
  it('keeps emails unique per account in the database, whatever the code does', async () => {
    const { knex } = await setup(await databases.init(databaseId));
    const row = (position: number, email: string) => ({
      account_id: 'acme',
      position,
      name: 'Bert',
      email,
      email_key: email.toLowerCase(),
      role: 'CFO',
    });
    await knex('billing_account_contacts').insert(row(1, 'Bert@Acme.example'));
    // On the connection that wrote the first row, in one transaction.
    await expect(
      knex.transaction(tx =>
        tx('billing_account_contacts').insert(row(2, 'bert@acme.example')),
      ),
    ).rejects.toThrow(/unique/i);
    // Another account may have the same contact.
    await knex('billing_account_contacts').insert({
      ...row(1, 'bert@acme.example'),
      account_id: 'other',
    });
    expect(
      await knex('billing_account_contacts')
        .orderBy(['account_id', 'position'])
        .select('account_id', 'email'),
    ).toEqual([
      { account_id: 'acme', email: 'Bert@Acme.example' },
      { account_id: 'other', email: 'bert@acme.example' },
    ]);
  });
});
