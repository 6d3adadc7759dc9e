import { mockServices } from '@backstage/backend-test-utils';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { acmeDatabase } from '../__testUtils__/acmeDatabase';
import { IngestionService } from '../ingest/IngestionService';
import { TenantDataStore } from '../ingest/TenantDataStore';
import {
  scheduleUserCountSnapshots,
  USER_COUNT_SNAPSHOT_TASK_ID,
  UserCountSnapshots,
} from './UserCountSnapshots';
import { TEST_USAGE_METERS } from '../__testUtils__/usageMeters';

const databases = createTestDatabases({ testTimeoutMs: 60_000 });

const user = (tenantId: string, id: string, kind: string, status: string) => ({
  value: {
    type: 'user',
    tenantId,
    id,
    kind,
    username: id,
    status,
    createdAt: '2026-01-01T00:00:00Z',
  },
});

describe.each(databases.eachSupportedId())(
  'UserCountSnapshots on %p',
  databaseId => {
    async function setUp() {
      const knex = await acmeDatabase(databases, databaseId, [
        't-a',
        't-b',
        't-empty',
      ]);
      let clock = new Date('2026-11-21T23:59:00.000Z');
      const ingestion = new IngestionService(
        knex,
        new TenantDataStore(knex),
        TEST_USAGE_METERS,
      );
      return {
        ingestion,
        snapshots: new UserCountSnapshots(knex, () => clock),
        setClock: (iso: string) => {
          clock = new Date(iso);
        },
      };
    }

    it('records active users per kind and tenant, once per UTC day', async () => {
      const { ingestion, snapshots, setClock } = await setUp();
      await ingestion.ingest([
        user('t-a', 'm1', 'mobile', 'active'),
        user('t-a', 'm2', 'mobile', 'active'),
        user('t-a', 'm3', 'mobile', 'inactive'),
        user('t-a', 'w1', 'web', 'active'),
        user('t-b', 'w2', 'web', 'active'),
      ]);
      expect(await snapshots.recordToday()).toBe(3);

      // Later the same day: the day's row is replaced, not duplicated.
      await ingestion.ingest([user('t-a', 'm3', 'mobile', 'active')]);
      setClock('2026-11-21T23:59:30.000Z');
      await snapshots.recordToday();

      setClock('2026-11-22T00:05:00.000Z');
      await ingestion.ingest([user('t-a', 'm1', 'mobile', 'inactive')]);
      await snapshots.recordToday();

      expect(await snapshots.list('t-a')).toEqual([
        {
          tenantId: 't-a',
          day: '2026-11-21',
          activeMobileUsers: 3,
          activeWebUsers: 1,
          recordedAt: '2026-11-21T23:59:30.000Z',
        },
        {
          tenantId: 't-a',
          day: '2026-11-22',
          activeMobileUsers: 2,
          activeWebUsers: 1,
          recordedAt: '2026-11-22T00:05:00.000Z',
        },
      ]);
      expect(await snapshots.list('t-b')).toMatchObject([
        { day: '2026-11-21', activeMobileUsers: 0, activeWebUsers: 1 },
        { day: '2026-11-22', activeMobileUsers: 0, activeWebUsers: 1 },
      ]);
      expect(await snapshots.list('t-empty')).toMatchObject([
        { activeMobileUsers: 0, activeWebUsers: 0 },
        { activeMobileUsers: 0, activeWebUsers: 0 },
      ]);
    });

    it('records the missing snapshots of a past day, never overwriting one', async () => {
      const { ingestion, snapshots, setClock } = await setUp();
      await ingestion.ingest([
        user('t-a', 'm1', 'mobile', 'active'),
        user('t-a', 'w1', 'web', 'active'),
        user('t-b', 'm2', 'mobile', 'active'),
      ]);
      // t-a has its snapshot of the 21st; t-b and t-empty have none.
      await snapshots.recordToday();
      await ingestion.ingest([
        user('t-a', 'm3', 'mobile', 'active'),
        user('t-b', 'm4', 'mobile', 'active'),
      ]);
      setClock('2026-11-23T08:00:00.000Z');
      await snapshots.recordToday();

      const first = await snapshots.recordMissing('2026-11-22', [
        't-b',
        't-a',
        't-b',
      ]);
      expect([...first.recordedNow].sort()).toEqual(['t-a', 't-b']);
      expect(first.snapshots.get('t-b')).toEqual({
        tenantId: 't-b',
        day: '2026-11-22',
        activeMobileUsers: 2,
        activeWebUsers: 0,
        recordedAt: '2026-11-23T08:00:00.000Z',
      });

      // Counts changed since: rows recorded earlier are what is returned.
      await ingestion.ingest([user('t-b', 'm5', 'mobile', 'active')]);
      setClock('2026-11-23T09:00:00.000Z');
      const second = await snapshots.recordMissing('2026-11-21', [
        't-a',
        't-b',
      ]);
      expect([...second.recordedNow]).toEqual([]);
      expect(second.snapshots.get('t-a')).toMatchObject({
        activeMobileUsers: 1,
        activeWebUsers: 1,
        recordedAt: '2026-11-21T23:59:00.000Z',
      });
      expect(
        (await snapshots.recordMissing('2026-11-22', ['t-b'])).snapshots.get(
          't-b',
        ),
      ).toMatchObject({ activeMobileUsers: 2 });
      expect(
        (await snapshots.list('t-b')).map(s => [s.day, s.activeMobileUsers]),
      ).toEqual([
        ['2026-11-21', 1],
        ['2026-11-22', 2],
        ['2026-11-23', 2],
      ]);
      expect(await snapshots.list('t-empty')).toHaveLength(2);
    });

    it('stops when its signal is aborted', async () => {
      const { snapshots } = await setUp();
      const controller = new AbortController();
      controller.abort();
      await expect(snapshots.recordToday(controller.signal)).rejects.toThrow();
      expect(await snapshots.list('t-a')).toEqual([]);
    });

    it('is scheduled as a daily global task', async () => {
      const { snapshots } = await setUp();
      const scheduler = mockServices.scheduler.mock();
      await scheduleUserCountSnapshots({
        scheduler,
        snapshots,
        logger: mockServices.logger.mock(),
      });
      expect(scheduler.scheduleTask).toHaveBeenCalledWith(
        expect.objectContaining({
          id: USER_COUNT_SNAPSHOT_TASK_ID,
          scope: 'global',
          frequency: { cron: '5 0 * * *' },
        }),
      );
      const { fn } = scheduler.scheduleTask.mock.calls[0][0];
      await fn(new AbortController().signal);
      expect(await snapshots.list('t-b')).toHaveLength(1);
    });
  },
);
