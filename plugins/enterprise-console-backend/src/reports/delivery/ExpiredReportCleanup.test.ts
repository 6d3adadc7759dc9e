import { mockServices } from '@backstage/backend-test-utils';
import { createTestDatabases } from '../../__testUtils__/testDatabases';
import { migrateKnex } from '../../database/migrateDatabase';
import {
  chunkCount,
  insertAccount,
  insertRun,
  statusOf,
} from './__testUtils__/reportRuns';
import {
  EXPIRED_REPORT_CLEANUP_TASK_ID,
  ExpiredReportCleanup,
  scheduleExpiredReportCleanup,
} from './ExpiredReportCleanup';
import { FileChunkStore } from '../../files';
import { ReportRunStore } from '../runs/ReportRunStore';

const databases = createTestDatabases({ testTimeoutMs: 60_000 });

const NOW = new Date('2026-11-23T14:05:00.000Z');
const CHUNKS = [Buffer.from('a,b\r\n'), Buffer.from('1,2\r\n')];

describe.each(databases.eachSupportedId())(
  'expired report cleanup on %p',
  id => {
    it('deletes exactly the files whose links expired, and those of ended runs', async () => {
      const knex = await databases.init(id);
      await migrateKnex(knex);
      await insertAccount(knex, { id: 'acme', name: 'Acme Health' });
      const run = (
        status: Parameters<typeof insertRun>[1]['status'],
        expiresAt?: Date,
      ) =>
        insertRun(knex, {
          accountId: 'acme',
          status,
          expiresAt,
          chunks: CHUNKS,
        });

      const expiredLongAgo = await run('succeeded', new Date('2026-11-01'));
      const expiringNow = await run('succeeded', NOW);
      const validOneMoreMs = await run(
        'succeeded',
        new Date(NOW.getTime() + 1),
      );
      const failed = await run('failed');
      const cancelled = await run('cancelled');
      const expiredWithLeftovers = await run('expired', new Date('2026-11-01'));
      const running = await run('running');
      const queued = await insertRun(knex, {
        accountId: 'acme',
        status: 'queued',
      });

      const cleanup = new ExpiredReportCleanup({
        runs: new ReportRunStore(knex),
        files: new FileChunkStore(knex),
        now: () => NOW,
      });
      expect(await cleanup.run()).toEqual({
        expiredRuns: 2,
        orphanedChunks: 6,
      });

      const state = async (runId: string) => [
        await statusOf(knex, runId),
        await chunkCount(knex, runId),
      ];
      expect(await state(expiredLongAgo)).toEqual(['expired', 0]);
      expect(await state(expiringNow)).toEqual(['expired', 0]);
      expect(await state(validOneMoreMs)).toEqual(['succeeded', 2]);
      expect(await state(failed)).toEqual(['failed', 0]);
      expect(await state(cancelled)).toEqual(['cancelled', 0]);
      expect(await state(expiredWithLeftovers)).toEqual(['expired', 0]);
      // A running run is writing its file: its chunks stay.
      expect(await state(running)).toEqual(['running', 2]);
      expect(await state(queued)).toEqual(['queued', 0]);

      // Nothing left to do.
      expect(await cleanup.run()).toEqual({
        expiredRuns: 0,
        orphanedChunks: 0,
      });
    });

    it('works through more runs than one batch', async () => {
      const knex = await databases.init(id);
      await migrateKnex(knex);
      await insertAccount(knex, { id: 'acme', name: 'Acme Health' });
      const ids: string[] = [];
      for (let i = 0; i < 205; i++) {
        ids.push(
          await insertRun(knex, {
            accountId: 'acme',
            status: 'succeeded',
            expiresAt: new Date(NOW.getTime() - i * 1000),
            chunks: [Buffer.from(`file ${i}`)],
          }),
        );
      }
      const cleanup = new ExpiredReportCleanup({
        runs: new ReportRunStore(knex),
        files: new FileChunkStore(knex),
        now: () => NOW,
      });
      expect(await cleanup.run()).toEqual({
        expiredRuns: 205,
        orphanedChunks: 0,
      });
      const [{ count }] = await knex('report_file_chunks').count({
        count: '*',
      });
      expect(Number(count)).toBe(0);
    });

    it('stops between batches when its task is aborted', async () => {
      const knex = await databases.init(id);
      await migrateKnex(knex);
      await insertAccount(knex, { id: 'acme', name: 'Acme Health' });
      const runId = await insertRun(knex, {
        accountId: 'acme',
        status: 'succeeded',
        expiresAt: new Date('2026-11-01'),
        chunks: CHUNKS,
      });
      const controller = new AbortController();
      controller.abort();
      const cleanup = new ExpiredReportCleanup({
        runs: new ReportRunStore(knex),
        files: new FileChunkStore(knex),
        now: () => NOW,
      });
      expect(await cleanup.run(controller.signal)).toEqual({
        expiredRuns: 0,
        orphanedChunks: 0,
      });
      expect(await statusOf(knex, runId)).toBe('succeeded');
    });
  },
);

describe('scheduleExpiredReportCleanup', () => {
  it('schedules a global task every 15 minutes that runs the cleanup', async () => {
    const scheduler = mockServices.scheduler.mock();
    const cleanup = {
      run: jest.fn(async () => ({ expiredRuns: 2, orphanedChunks: 5 })),
    } as unknown as ExpiredReportCleanup;
    const logger = mockServices.logger.mock();
    await scheduleExpiredReportCleanup({ scheduler, cleanup, logger });

    expect(scheduler.scheduleTask).toHaveBeenCalledWith(
      expect.objectContaining({
        id: EXPIRED_REPORT_CLEANUP_TASK_ID,
        scope: 'global',
        frequency: { minutes: 15 },
        initialDelay: { seconds: 30 },
      }),
    );
    const { fn } = scheduler.scheduleTask.mock.calls[0][0];
    const signal = new AbortController().signal;
    await fn(signal);
    expect(cleanup.run).toHaveBeenCalledWith(signal);
    expect(logger.info).toHaveBeenCalledWith(
      'Report cleanup: 2 expired report file(s) deleted, 5 leftover chunk(s) of failed, cancelled or expired runs deleted',
    );
  });
});
