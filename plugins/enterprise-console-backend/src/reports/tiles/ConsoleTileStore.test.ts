import { TenantDataRecord } from '@internal/plugin-enterprise-console-common';
import { Knex } from 'knex';
import path from 'path';
import { ingestRecords } from '../../__testUtils__/ingestRecords';
import {
  REPORT_FIXTURE_NOW,
  reportFixtureDatabase,
} from '../../__testUtils__/reportFixture';
import { createTestDatabases } from '../../__testUtils__/testDatabases';
import { parseRecord } from '../../ingest/recordTypes';
import { TenantDataStore } from '../../ingest/TenantDataStore';
import { AccountStore } from '../../tenants/AccountStore';
import { TenantStore } from '../../tenants/TenantStore';
import { accountSchema, tenantSchema } from '../../tenants';
import { DateRange } from '../../lib/dateRange';
import {
  ConsoleTileStore,
  ConsoleTotals,
  splitIntoHours,
} from './ConsoleTileStore';

const databases = createTestDatabases({ testTimeoutMs: 120_000 });

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const range = (from: string, to: string): DateRange => ({
  from: new Date(from),
  to: new Date(to),
});
const LAST_30_DAYS: DateRange = {
  from: new Date(REPORT_FIXTURE_NOW.getTime() - 30 * DAY),
  to: REPORT_FIXTURE_NOW,
};

/**
 * The totals counted the plain way, row by row, by the rules of reports.md
 * (and of the form-submissions report): what the pre-aggregated answer must
 * always equal.
 */
async function countedRowByRow(
  knex: Knex,
  accountId: string,
  { from, to }: DateRange,
): Promise<ConsoleTotals> {
  const ofAccount = (table: string, alias: string) =>
    knex(table)
      .join('tenants as t', 't.id', `${alias}.tenant_id`)
      .where('t.account_id', accountId);
  const count = async (query: Knex.QueryBuilder) =>
    Number((await query.count({ n: '*' }))[0].n);
  return {
    'project-spaces': await count(
      knex('tenants').where('account_id', accountId),
    ),
    'web-users': await count(
      ofAccount('users as u', 'u').where({
        'u.kind': 'web',
        'u.status': 'active',
      }),
    ),
    'mobile-workers': await count(
      ofAccount('users as u', 'u').where({
        'u.kind': 'mobile',
        'u.status': 'active',
      }),
    ),
    'form-submissions': await count(
      ofAccount('form_submissions as f', 'f')
        .join('users as u', join =>
          join
            .on('u.tenant_id', 'f.tenant_id')
            .andOn('u.id', 'f.user_id')
            .andOnVal('u.kind', 'mobile'),
        )
        .where('f.system', false)
        .where('f.submitted_at', '>=', from)
        .where('f.submitted_at', '<', to),
    ),
    'odata-feeds': await count(ofAccount('data_feeds as d', 'd')),
    'sms-detail': await count(
      ofAccount('sms_messages as s', 's')
        .where('s.sent_at', '>=', from)
        .where('s.sent_at', '<', to),
    ),
  };
}

/** Writes one record inside the caller's transaction, as ingestion does. */
async function write(tx: Knex, record: TenantDataRecord) {
  const parsed = parseRecord(record);
  if (!parsed.ok) throw new Error(parsed.message);
  await new TenantDataStore(tx).upsert(tx, record.type, [parsed.record]);
}

describe('splitIntoHours', () => {
  it('splits a range into whole UTC hours and the partial hours at its ends', () => {
    expect(
      splitIntoHours(range('2026-11-10T06:10:00Z', '2026-11-13T18:30:00Z')),
    ).toEqual({
      firstHour: Date.UTC(2026, 10, 10, 7) / HOUR,
      endHour: Date.UTC(2026, 10, 13, 18) / HOUR,
      edges: [
        range('2026-11-10T06:10:00Z', '2026-11-10T07:00:00Z'),
        range('2026-11-13T18:00:00Z', '2026-11-13T18:30:00Z'),
      ],
    });
  });

  it('needs no partial hours for a range of whole hours', () => {
    expect(
      splitIntoHours(range('2026-11-10T00:00:00Z', '2026-11-12T05:00:00Z')),
    ).toEqual({
      firstHour: Date.UTC(2026, 10, 10) / HOUR,
      endHour: Date.UTC(2026, 10, 12, 5) / HOUR,
      edges: [],
    });
  });

  it('counts a range within one hour, or across one full hour, row by row', () => {
    const within = range('2026-11-10T01:10:00Z', '2026-11-10T01:20:00Z');
    expect(splitIntoHours(within).edges).toEqual([within]);
    const across = range('2026-11-10T01:50:00Z', '2026-11-10T02:10:00Z');
    expect(splitIntoHours(across).edges).toEqual([across]);
    expect(splitIntoHours(across).firstHour).toBe(
      splitIntoHours(across).endHour,
    );
  });

  it('rounds down before 1970 too', () => {
    const parts = splitIntoHours(
      range('1969-12-31T22:30:00Z', '1970-01-01T01:30:00Z'),
    );
    expect([parts.firstHour, parts.endHour]).toEqual([-1, 1]);
  });
});

describe.each(databases.eachSupportedId())(
  'ConsoleTileStore on %p',
  databaseId => {
    let knex: Knex;
    let store: ConsoleTileStore;

    beforeEach(async () => {
      knex = await reportFixtureDatabase(databases, databaseId);
      store = new ConsoleTileStore(knex);
    });

    it('totals the fixture over the last 30 days', async () => {
      expect(await store.totals('acme', LAST_30_DAYS)).toEqual({
        // alpha, beta-2, beta1, zeta; not other-org's aaa.
        'project-spaces': 4,
        // alpha 4 (w-3 is inactive), beta-2 1, beta1 1: the shared user counts
        // once per tenant; invitations never.
        'web-users': 6,
        // alpha 3 (m-3 is inactive), beta-2 2.
        'mobile-workers': 5,
        // alpha: f-10, f-9, f-1, f-2 (inactive worker), f-6 (at `from`), f-12;
        // not f-3 (web user), f-4 (unknown user), f-5 (system), f-7 (at `to`).
        // beta-2: f-1, f-2, not sys-1. beta1: neither user is its worker.
        'form-submissions': 8,
        'odata-feeds': 159,
        // alpha 5 (s-2 at `from`, not s-3 just before), beta-2 3.
        'sms-detail': 8,
      });
      expect(await countedRowByRow(knex, 'acme', LAST_30_DAYS)).toEqual(
        await store.totals('acme', LAST_30_DAYS),
      );
    });

    it('counts ranges half-open, whole hours and partial hours alike', async () => {
      // f-10 and f-9 at `from` count; beta-2's f-1 and f-2 at `to` do not.
      expect(
        await store.totals(
          'acme',
          range('2026-11-10T09:00:00Z', '2026-11-14T10:00:00Z'),
        ),
      ).toMatchObject({ 'form-submissions': 3, 'sms-detail': 2 });
      // 1 ms later: f-10 and f-9 drop out, beta-2's f-1 and f-2 come in.
      expect(
        await store.totals(
          'acme',
          range('2026-11-10T09:00:00.001Z', '2026-11-14T10:00:00.001Z'),
        ),
      ).toMatchObject({ 'form-submissions': 3, 'sms-detail': 2 });
      // Whole hours only: 2026-11-14 00:00 to 2026-11-15 00:00.
      expect(
        await store.totals(
          'acme',
          range('2026-11-14T00:00:00Z', '2026-11-15T00:00:00Z'),
        ),
      ).toMatchObject({ 'form-submissions': 2, 'sms-detail': 0 });
      // An empty range.
      expect(
        await store.totals(
          'acme',
          range('2026-11-14T10:00:00Z', '2026-11-14T10:00:00Z'),
        ),
      ).toMatchObject({ 'form-submissions': 0, 'sms-detail': 0 });
    });

    it('answers zeros for an account without tenants', async () => {
      await new AccountStore(knex).upsert(
        accountSchema.parse({ id: 'empty', name: 'Empty', enterprise: true }),
      );
      expect(await store.totals('empty', LAST_30_DAYS)).toEqual({
        'project-spaces': 0,
        'web-users': 0,
        'mobile-workers': 0,
        'form-submissions': 0,
        'odata-feeds': 0,
        'sms-detail': 0,
      });
    });

    it('follows users who become or stop being mobile workers', async () => {
      const before = await store.totals('acme', LAST_30_DAYS);
      // The web user w-1 becomes a worker: its form f-3 counts. The unknown
      // user of f-4 arrives as a worker: f-4 counts.
      await ingestRecords(knex, [
        {
          type: 'user',
          tenantId: 'alpha',
          id: 'w-1',
          kind: 'mobile',
          username: 'ann',
          status: 'active',
          createdAt: '2025-02-01T00:00:00Z',
        },
        {
          type: 'user',
          tenantId: 'alpha',
          id: 'ghost',
          kind: 'mobile',
          username: 'ghost',
          status: 'inactive',
          createdAt: '2025-02-01T00:00:00Z',
        },
      ]);
      expect(await store.totals('acme', LAST_30_DAYS)).toMatchObject({
        'form-submissions': before['form-submissions'] + 2,
        'web-users': before['web-users'] - 1,
        'mobile-workers': before['mobile-workers'] + 1,
      });
      // m-1 (forms f-10, f-9, f-6 in range) becomes a web user.
      await ingestRecords(knex, [
        {
          type: 'user',
          tenantId: 'alpha',
          id: 'm-1',
          kind: 'web',
          username: 'jdoe',
          status: 'active',
          createdAt: '2025-03-01T08:00:00Z',
        },
      ]);
      expect(await store.totals('acme', LAST_30_DAYS)).toMatchObject({
        'form-submissions': before['form-submissions'] - 1,
      });
      // And back.
      await ingestRecords(knex, [
        {
          type: 'user',
          tenantId: 'alpha',
          id: 'm-1',
          kind: 'mobile',
          username: 'jdoe',
          status: 'active',
          createdAt: '2025-03-01T08:00:00Z',
        },
      ]);
      expect(await store.totals('acme', LAST_30_DAYS)).toMatchObject({
        'form-submissions': before['form-submissions'] + 2,
      });
      // A worker deleted: its forms stop counting.
      await knex('users').where({ tenant_id: 'alpha', id: 'm-2' }).delete();
      expect(await store.totals('acme', LAST_30_DAYS)).toMatchObject({
        'form-submissions': before['form-submissions'] + 1,
      });
      expect(await store.totals('acme', LAST_30_DAYS)).toEqual(
        await countedRowByRow(knex, 'acme', LAST_30_DAYS),
      );
    });

    it('follows forms and messages that change, move or go', async () => {
      const before = await store.totals('acme', LAST_30_DAYS);
      await ingestRecords(knex, [
        // f-10 becomes a system form; f-8 moves into the range; f-6 moves out.
        {
          type: 'form',
          tenantId: 'alpha',
          id: 'f-10',
          userId: 'm-1',
          submittedAt: '2026-11-10T09:00:00Z',
          system: true,
        },
        {
          type: 'form',
          tenantId: 'alpha',
          id: 'f-8',
          userId: 'm-1',
          submittedAt: '2026-11-01T00:00:00Z',
        },
        {
          type: 'form',
          tenantId: 'alpha',
          id: 'f-6',
          userId: 'm-1',
          submittedAt: '2026-10-21T11:59:59.999Z',
        },
        // f-5 stops being a system form; f-4 now names a worker.
        {
          type: 'form',
          tenantId: 'alpha',
          id: 'f-5',
          userId: 'm-1',
          submittedAt: '2026-11-19T23:59:59Z',
        },
        {
          type: 'form',
          tenantId: 'alpha',
          id: 'f-4',
          userId: 'm-4',
          submittedAt: '2026-11-07T00:00:00Z',
        },
        // f-12 now names a web user.
        {
          type: 'form',
          tenantId: 'alpha',
          id: 'f-12',
          userId: 'w-2',
          submittedAt: '2026-11-15T08:00:00.999Z',
        },
        // s-3 moves into the range, s-1 out.
        {
          type: 'sms',
          tenantId: 'alpha',
          id: 's-3',
          direction: 'outgoing',
          parts: 3,
          sentAt: '2026-10-22T00:00:00Z',
        },
        {
          type: 'sms',
          tenantId: 'alpha',
          id: 's-1',
          direction: 'outgoing',
          parts: 2,
          sentAt: '2026-10-01T08:00:00Z',
        },
      ]);
      // -1 (f-10) +1 (f-8) -1 (f-6) +1 (f-5) +1 (f-4) -1 (f-12).
      expect(await store.totals('acme', LAST_30_DAYS)).toMatchObject({
        'form-submissions': before['form-submissions'],
        'sms-detail': before['sms-detail'],
      });
      await knex('form_submissions')
        .where({ tenant_id: 'alpha', id: 'f-9' })
        .delete();
      await knex('sms_messages')
        .where({ tenant_id: 'alpha', id: 's-5' })
        .delete();
      expect(await store.totals('acme', LAST_30_DAYS)).toMatchObject({
        'form-submissions': before['form-submissions'] - 1,
        'sms-detail': before['sms-detail'] - 1,
      });
      expect(await store.totals('acme', LAST_30_DAYS)).toEqual(
        await countedRowByRow(knex, 'acme', LAST_30_DAYS),
      );
    });

    it('follows tenants that move to another account or are deleted', async () => {
      const tenants = new TenantStore(knex);
      await tenants.upsert(
        tenantSchema.parse({
          id: 'beta-2',
          accountId: 'other-org',
          name: 'Beta, Two | Ünïcødé',
          createdAt: '2025-06-01T00:00:00Z',
        }),
      );
      expect(await store.totals('acme', LAST_30_DAYS)).toEqual({
        'project-spaces': 3,
        'web-users': 5,
        'mobile-workers': 3,
        'form-submissions': 6,
        'odata-feeds': 157,
        'sms-detail': 5,
      });
      expect(await store.totals('other-org', LAST_30_DAYS)).toEqual(
        await countedRowByRow(knex, 'other-org', LAST_30_DAYS),
      );

      await knex('tenants').where({ id: 'beta-2' }).delete();
      // A tenant of the same id starts from nothing.
      await tenants.upsert(
        tenantSchema.parse({
          id: 'beta-2',
          accountId: 'acme',
          name: 'Beta again',
          createdAt: '2026-11-01T00:00:00Z',
        }),
      );
      await ingestRecords(knex, [
        {
          type: 'sms',
          tenantId: 'beta-2',
          id: 's-1',
          direction: 'incoming',
          parts: 1,
          sentAt: '2026-11-19T08:00:00Z',
        },
      ]);
      expect(await store.totals('acme', LAST_30_DAYS)).toEqual({
        'project-spaces': 4,
        'web-users': 5,
        'mobile-workers': 3,
        'form-submissions': 6,
        'odata-feeds': 157,
        'sms-detail': 6,
      });
      for (const accountId of ['acme', 'other-org']) {
        expect(await store.totals(accountId, LAST_30_DAYS)).toEqual(
          await countedRowByRow(knex, accountId, LAST_30_DAYS),
        );
      }

      // An account deleted with its tenants takes its counts along.
      await knex('accounts').where({ id: 'other-org' }).delete();
      expect(
        await knex('tile_counts').where({ account_id: 'other-org' }),
      ).toEqual([]);
      expect(await store.totals('acme', LAST_30_DAYS)).toMatchObject({
        'sms-detail': 6,
      });
    });

    it('counts the rows that were there before its migration', async () => {
      const directory = path.resolve(__dirname, '../../../migrations');
      const name = '20261122060000_console_tiles.js';
      await knex.migrate.down({ directory, name });
      // Written without triggers: only the migration's backfill counts them.
      await ingestRecords(knex, [
        {
          type: 'form',
          tenantId: 'alpha',
          id: 'f-late',
          userId: 'w-2',
          submittedAt: '2026-11-19T10:00:00Z',
        },
        {
          type: 'feed',
          tenantId: 'beta1',
          id: 'feed-late',
          name: 'Late',
          rowCount: 1,
        },
      ]);
      await knex.migrate.latest({ directory });
      for (const accountId of ['acme', 'other-org']) {
        expect(await store.totals(accountId, LAST_30_DAYS)).toEqual(
          await countedRowByRow(knex, accountId, LAST_30_DAYS),
        );
      }
      expect(await store.totals('acme', LAST_30_DAYS)).toMatchObject({
        'odata-feeds': 160,
      });
    });

    it('equals the row-by-row count after random writes, for random ranges', async () => {
      // A small deterministic generator, so a failure can be replayed.
      let seed = 20261122;
      const random = (n: number) => {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        return seed % n;
      };
      const tenantIds = ['alpha', 'beta-2', 'beta1', 'aaa'];
      const userIds = ['m-1', 'm-2', 'w-1', 'u-x', 'u-y'];
      const base = Date.UTC(2026, 9, 15);
      const someTime = () =>
        new Date(
          base + random(40 * 24) * 3_600_000 + random(3_600_000),
        ).toISOString();

      for (let round = 0; round < 8; round++) {
        const records: TenantDataRecord[] = [];
        for (let i = 0; i < 40; i++) {
          const tenantId = tenantIds[random(tenantIds.length)];
          const id = `r-${random(30)}`;
          const kind = random(3);
          if (kind === 0) {
            records.push({
              type: 'user',
              tenantId,
              id: userIds[random(userIds.length)],
              kind: random(2) ? 'mobile' : 'web',
              username: 'someone',
              status: random(2) ? 'active' : 'inactive',
              createdAt: '2025-01-01T00:00:00Z',
            });
          } else if (kind === 1) {
            records.push({
              type: 'form',
              tenantId,
              id,
              userId: userIds[random(userIds.length)],
              submittedAt: someTime(),
              system: random(5) === 0,
            });
          } else {
            records.push({
              type: 'sms',
              tenantId,
              id,
              direction: 'incoming',
              parts: 1,
              sentAt: someTime(),
            });
          }
        }
        // One copy of each key per call, as the API requires.
        const seen = new Set<string>();
        await ingestRecords(
          knex,
          records.filter(record => {
            const key = `${record.type}/${record.tenantId}/${record.id}`;
            return !seen.has(key) && seen.add(key);
          }),
        );
        if (round % 3 === 2) {
          await knex('users')
            .where({ tenant_id: tenantIds[random(4)], id: userIds[random(5)] })
            .delete();
          await knex('form_submissions')
            .where({ tenant_id: tenantIds[random(4)], id: `r-${random(30)}` })
            .delete();
        }
        for (let r = 0; r < 4; r++) {
          const from = new Date(someTime());
          const to = new Date(from.getTime() + random(12 * 24) * 3_600_000);
          for (const accountId of ['acme', 'other-org']) {
            expect({
              round,
              from,
              to,
              totals: await store.totals(accountId, { from, to }),
            }).toEqual({
              round,
              from,
              to,
              totals: await countedRowByRow(knex, accountId, { from, to }),
            });
          }
        }
      }
    });

    if (databaseId.startsWith('POSTGRES')) {
      const worker: TenantDataRecord = {
        type: 'user',
        tenantId: 'zeta',
        id: 'new-worker',
        kind: 'mobile',
        username: 'new',
        status: 'active',
        createdAt: '2026-11-01T00:00:00Z',
      };
      const formOf = (id: string): TenantDataRecord => ({
        type: 'form',
        tenantId: 'zeta',
        id,
        userId: 'new-worker',
        submittedAt: '2026-11-19T10:00:00Z',
      });

      it('counts a worker and its forms written at once by two transactions', async () => {
        const before = await store.totals('acme', LAST_30_DAYS);
        // Neither transaction sees the other's rows until both commit.
        const users = await knex.transaction();
        const forms = await knex.transaction();
        await write(users, worker);
        await write(forms, formOf('f-new'));
        await users.commit();
        await forms.commit();
        expect(await store.totals('acme', LAST_30_DAYS)).toMatchObject({
          'form-submissions': before['form-submissions'] + 1,
        });

        // And the other way round: a worker leaves while its form arrives.
        const leaves = await knex.transaction();
        const arrives = await knex.transaction();
        await write(arrives, formOf('f-newer'));
        await write(leaves, { ...worker, kind: 'web' } as TenantDataRecord);
        await arrives.commit();
        await leaves.commit();
        expect(await store.totals('acme', LAST_30_DAYS)).toEqual(
          await countedRowByRow(knex, 'acme', LAST_30_DAYS),
        );
      });

      it('lets concurrent writers of one hour proceed without waiting for each other', async () => {
        await write(knex, worker);
        const first = await knex.transaction();
        const second = await knex.transaction();
        await write(first, formOf('f-a'));
        // Would block until `first` ends if the hour's count row were locked.
        await write(second, formOf('f-b'));
        await second.commit();
        await first.commit();
        expect(
          await knex('tile_counts')
            .where({
              account_id: 'acme',
              metric: 'forms',
              hour: Date.UTC(2026, 10, 19, 10) / HOUR,
            })
            .select('n'),
        ).toEqual([{ n: '1' }, { n: '1' }]);
        expect(await store.totals('acme', LAST_30_DAYS)).toEqual(
          await countedRowByRow(knex, 'acme', LAST_30_DAYS),
        );
      });

      it('moves a tenant only once the writers of its rows have committed', async () => {
        const formOfBeta = (
          id: string,
          submittedAt = '2026-11-19T10:00:00Z',
        ): TenantDataRecord => ({
          type: 'form',
          tenantId: 'beta-2',
          id,
          userId: 'bm-1',
          submittedAt,
        });
        // Started at once (a query builder alone runs only when awaited).
        const move = (accountId: string): Promise<unknown> =>
          knex('tenants')
            .where({ id: 'beta-2' })
            .update({ account_id: accountId })
            .then(count => count);

        // A writer first: the move waits for it, then recounts its row.
        const writer = await knex.transaction();
        await write(writer, formOfBeta('f-race-1'));
        const moved = move('other-org');
        await new Promise(resolve => setTimeout(resolve, 200));
        await writer.commit();
        await moved;

        // A move first: the writer waits for it, then counts for the new account.
        const mover = await knex.transaction();
        await mover('tenants')
          .where({ id: 'beta-2' })
          .update({ account_id: 'acme' });
        const written = knex.transaction(tx =>
          write(tx, formOfBeta('f-race-2')),
        );
        await new Promise(resolve => setTimeout(resolve, 200));
        await mover.commit();
        await written;

        // Changing and deleting rows races a move the same way as adding
        // them (no foreign key check locks the tenant then).
        const changer = await knex.transaction();
        await write(changer, formOfBeta('f-race-1', '2026-11-18T10:00:00Z'));
        await changer('form_submissions')
          .where({ tenant_id: 'beta-2', id: 'f-race-2' })
          .delete();
        const movedAgain = move('other-org');
        await new Promise(resolve => setTimeout(resolve, 200));
        await changer.commit();
        await movedAgain;

        for (const accountId of ['acme', 'other-org']) {
          expect(await store.totals(accountId, LAST_30_DAYS)).toEqual(
            await countedRowByRow(knex, accountId, LAST_30_DAYS),
          );
        }
      });
    }
  },
);
