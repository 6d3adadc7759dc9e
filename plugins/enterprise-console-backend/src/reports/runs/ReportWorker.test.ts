import { mockServices } from '@backstage/backend-test-utils';
import { InputError } from '@backstage/errors';
import { ReportRun } from '@internal/plugin-enterprise-console-common';
import { Knex } from 'knex';
import {
  createTestDatabases,
  describeEachPostgres,
  secondReplicaPool,
} from '../../__testUtils__/testDatabases';
import { ReportDefinition } from '../ReportDefinition';
import {
  chunkKeys,
  queueRun,
  readFile,
  setupRuns,
  waitFor,
} from './__testUtils__/setupRuns';
import {
  blockingDefinition,
  countingDefinition,
  gatedDefinition,
  throwingDefinition,
} from './__testUtils__/syntheticDefinitions';
import { FileChunkStore } from '../../files';
import { ReportRunQueue } from './ReportRunQueue';
import { ReportRunStore } from './ReportRunStore';
import { ReportWorker, ReportWorkerOptions } from './ReportWorker';
import { steppedRateClock } from './__testUtils__/steppedRateClock';

const databases = createTestDatabases({ testTimeoutMs: 60_000 });

const DAY = 24 * 60 * 60 * 1000;
const CREATED_AT = new Date('2026-11-01T10:00:00.000Z');

const FAST = {
  concurrency: 2,
  pollIntervalMs: 50,
  leaseDurationMs: 600,
  heartbeatIntervalMs: 100,
};

/**
 * The file the synthetic reports write for `count` rows, spelled out here
 * (no product code): project-spaces' header, then each syntheticRow as
 * reports.md formats it.
 */
function expectedFile(count: number, delimiter: ',' | '|' = ','): Buffer {
  const header = [
    'Date created',
    '# of applications',
    '# of mobile users',
    '# of web users',
    '# of SMS (last 30 days)',
    'Last Form Submission [UTC]',
    'Project Space Name',
    'Project Name',
    'Project URL',
  ];
  const lines = [header.join(delimiter)];
  for (let i = 0; i < count; i++) {
    const minute = String(i % 60).padStart(2, '0');
    let name = `'=cmd ${i}`;
    if (i % 2) {
      name = delimiter === ',' ? `"Name, ${i}"` : `Name, ${i}`;
    }
    lines.push(
      [
        `2026-01-01 00:${minute}:${minute}`,
        String(i),
        '2',
        '3',
        '4',
        '',
        `space-${i}`,
        name,
        'https://example.com/x',
      ].join(delimiter),
    );
  }
  return Buffer.from(`\ufeff${lines.join('\r\n')}\r\n`, 'utf8');
}

const ENDED = ['succeeded', 'failed', 'cancelled'];

async function ended(runs: ReportRunStore, id: string) {
  return waitFor(
    async () => {
      const run = await runs.records.get(id);
      return run && ENDED.includes(run.status) ? run : undefined;
    },
    20_000,
    `run ${id} to end`,
  );
}

/**
 * Asks for a cancel through the database, as a request served by another
 * replica would, and expects the run ended within 5 seconds (reports.md).
 */
async function cancelThroughDatabase(runs: ReportRunStore, id: string) {
  const asked = Date.now();
  expect((await runs.records.requestCancel(id, new Date()))?.outcome).toBe(
    'requested',
  );
  const done = await ended(runs, id);
  expect(Date.now() - asked).toBeLessThan(5_000);
  return done;
}

describe.each(databases.eachSupportedId())('ReportWorker on %p', id => {
  const workers: ReportWorker[] = [];
  const pools: Knex[] = [];
  afterEach(async () => {
    await Promise.all(workers.splice(0).map(worker => worker.stop()));
    // Each test has its own database; closing its pool at once keeps the
    // suite within PostgreSQL's connection limit while other suites run.
    await Promise.all(pools.splice(0).map(pool => pool.destroy()));
  });

  async function setup() {
    const knex = await databases.init(id);
    pools.push(knex);
    const stores = await setupRuns(knex);
    const logger = mockServices.logger.mock();
    const startWorker = (
      definition: ReportDefinition | undefined,
      options: Partial<ReportWorkerOptions> = {},
    ) => {
      const worker = new ReportWorker({
        db: knex,
        runs: stores.runs,
        files: stores.files,
        accounts: stores.accounts,
        definitions: definition ? { 'project-spaces': definition } : {},
        logger,
        config: { maxRows: 5_000_000, worker: FAST },
        linkExpiryMs: DAY,
        ...options,
      });
      workers.push(worker);
      worker.start();
      return worker;
    };
    return { knex, ...stores, logger, startWorker };
  }

  it('writes the file in exact bytes and records the outcome', async () => {
    const { knex, runs, files, startWorker } = await setup();
    const delivered: ReportRun[] = [];
    const run = await queueRun(runs, {}, CREATED_AT);
    const before = Date.now();
    startWorker(countingDefinition({ rows: 3 }), {
      onSucceeded: async succeeded => {
        delivered.push(succeeded);
      },
    });

    const done = await ended(runs, run.id);
    const expected = Buffer.from(
      '\ufeffDate created,# of applications,# of mobile users,# of web users,# of SMS (last 30 days),Last Form Submission [UTC],Project Space Name,Project Name,Project URL\r\n' +
        "2026-01-01 00:00:00,0,2,3,4,,space-0,'=cmd 0,https://example.com/x\r\n" +
        '2026-01-01 00:01:01,1,2,3,4,,space-1,"Name, 1",https://example.com/x\r\n' +
        "2026-01-01 00:02:02,2,2,3,4,,space-2,'=cmd 2,https://example.com/x\r\n",
      'utf8',
    );
    expect(await readFile(files, run.id, 1)).toEqual(expected);
    expect(done).toMatchObject({
      status: 'succeeded',
      attempt: 1,
      rowsWritten: 3,
      rowCount: 3,
      byteSize: expected.length,
      // Named at the time it was asked for.
      fileName: 'Acme Health (Project Spaces) 20261101 100000.csv',
    });
    expect(done.error).toBeUndefined();
    expect(done.finishedAt!.getTime()).toBeGreaterThanOrEqual(before);
    expect(done.expiresAt!.getTime() - done.finishedAt!.getTime()).toBe(DAY);
    expect(await chunkKeys(knex, run.id)).toEqual([[1, 0]]);

    await waitFor(async () => delivered.length > 0);
    expect(delivered).toEqual([
      expect.objectContaining({
        id: run.id,
        status: 'succeeded',
        rowCount: 3,
        fileName: 'Acme Health (Project Spaces) 20261101 100000.csv',
        expiresAt: done.expiresAt!.toISOString(),
      }),
    ]);
  });

  it('stores large files in chunks and records progress after each', async () => {
    const { knex, runs, files, startWorker } = await setup();
    const gated = gatedDefinition({ rows: 25, batchSize: 10, gatedCalls: [1] });
    const run = await queueRun(runs, { delimiter: '|' }, CREATED_AT);
    startWorker(gated.definition, { chunkBytes: 300 });

    // The first batch is stored and counted while the report still runs.
    const running = await waitFor(async () => {
      const current = await runs.records.get(run.id);
      return current?.rowsWritten === 10 ? current : undefined;
    });
    expect(running.status).toBe('running');

    gated.open(1);
    const done = await ended(runs, run.id);
    expect(done).toMatchObject({ status: 'succeeded', rowCount: 25 });
    const file = await readFile(files, run.id, 1);
    expect(file).toEqual(expectedFile(25, '|'));
    const chunks = await chunkKeys(knex, run.id);
    expect(chunks.length).toBeGreaterThan(2);
    expect(chunks).toEqual(chunks.map((_, seq) => [1, seq]));
    expect(done.byteSize).toBe(file.length);
  });

  it('stops a running report within 5 seconds of a cancel from any replica', async () => {
    const { knex, runs, startWorker } = await setup();
    const run = await queueRun(runs, {}, CREATED_AT);
    // The shipped timing: a heartbeat every 2 s.
    const worker = startWorker(blockingDefinition(), {
      chunkBytes: 1,
      config: {
        maxRows: 5_000_000,
        worker: {
          concurrency: 2,
          pollIntervalMs: 50,
          leaseDurationMs: 30_000,
          heartbeatIntervalMs: 2_000,
        },
      },
    });
    await waitFor(
      async () => (await runs.records.get(run.id))?.rowsWritten === 1,
    );

    const done = await cancelThroughDatabase(runs, run.id);
    expect(done.status).toBe('cancelled');
    expect(done.error).toBeUndefined();
    expect(await chunkKeys(knex, run.id)).toEqual([]);
    await waitFor(async () => worker.activeRunIds.length === 0);
  });

  it('stops at once when the cancel reaches the replica running it', async () => {
    const { runs, startWorker } = await setup();
    const run = await queueRun(runs, {}, CREATED_AT);
    // Heartbeats too rare to be what stops it.
    const worker = startWorker(blockingDefinition(), {
      config: {
        maxRows: 5_000_000,
        worker: {
          ...FAST,
          leaseDurationMs: 30_000,
          heartbeatIntervalMs: 2_000,
        },
      },
    });
    await waitFor(async () => worker.activeRunIds.includes(run.id));
    await runs.records.requestCancel(run.id, new Date());
    const asked = Date.now();
    worker.cancelLocally(run.id);
    expect((await ended(runs, run.id)).status).toBe('cancelled');
    expect(Date.now() - asked).toBeLessThan(1_000);
  });

  it('cancels a run whose replica died once another claims it', async () => {
    const { runs, startWorker } = await setup();
    const run = await queueRun(runs, {}, CREATED_AT);
    await runs.queue.claim({ owner: 'dead', leaseMs: 1, now: new Date() });
    expect(
      (await runs.records.requestCancel(run.id, new Date()))?.outcome,
    ).toBe('requested');
    const rows = jest.fn();
    startWorker({ ...countingDefinition({ rows: 1 }), rows });
    expect(await ended(runs, run.id)).toMatchObject({
      status: 'cancelled',
      attempt: 2,
    });
    expect(rows).not.toHaveBeenCalled();
  });

  it('fails a run whose replica died on each of its attempts instead of claiming it again', async () => {
    const { knex, runs, files, startWorker, logger } = await setup();
    const run = await queueRun(runs, {}, CREATED_AT);
    // Three replicas took it and died, each leaving part of a file.
    for (let attempt = 1; attempt <= 3; attempt++) {
      const claim = await runs.queue.claim({
        owner: `dead-${attempt}`,
        leaseMs: 1,
        now: new Date(),
      });
      expect(claim).toMatchObject({ id: run.id, attempt });
      await files.appendChunk(run.id, attempt, 0, Buffer.from('partial'));
      await new Promise(resolve => setTimeout(resolve, 20));
    }
    const rows = jest.fn();
    startWorker({ ...countingDefinition({ rows: 1 }), rows });

    const done = await ended(runs, run.id);
    expect(done).toMatchObject({
      status: 'failed',
      attempt: 3,
      error:
        'The report stopped unexpectedly 3 times before it could finish, so it was not tried again. Narrow its date range or filters and run it again, and contact support if it keeps failing.',
    });
    expect(done.leaseOwner).toBeUndefined();
    expect(rows).not.toHaveBeenCalled();
    await waitFor(async () => (await chunkKeys(knex, run.id)).length === 0);
    expect(logger.warn).toHaveBeenCalledWith(
      `Report run ${run.id} failed: its replica stopped on each of its 3 attempts`,
    );
  });

  it('claims a run again while it has attempts left, up to the configured cap', async () => {
    const { runs, startWorker } = await setup();
    const run = await queueRun(runs, {}, CREATED_AT);
    for (let attempt = 1; attempt <= 3; attempt++) {
      await runs.queue.claim({ owner: 'dead', leaseMs: 1, now: new Date() });
      await new Promise(resolve => setTimeout(resolve, 20));
    }
    startWorker(countingDefinition({ rows: 2 }), {
      config: { maxRows: 5_000_000, worker: { ...FAST, maxAttempts: 4 } },
    });
    expect(await ended(runs, run.id)).toMatchObject({
      status: 'succeeded',
      attempt: 4,
      rowCount: 2,
    });
  });

  it('fails with the reason a user can act on, and never a stack trace', async () => {
    const { knex, runs, startWorker, logger } = await setup();
    const input = await queueRun(runs, {}, CREATED_AT);
    startWorker(
      throwingDefinition(
        new InputError('Tenant acme-old is not a tenant of account acme'),
      ),
    );
    const failedInput = await ended(runs, input.id);
    expect(failedInput).toMatchObject({
      status: 'failed',
      error: 'Tenant acme-old is not a tenant of account acme',
    });
    expect(await chunkKeys(knex, input.id)).toEqual([]);
    expect(logger.error).not.toHaveBeenCalled();

    await Promise.all(workers.splice(0).map(worker => worker.stop()));
    const internal = await queueRun(runs, {}, CREATED_AT);
    startWorker(
      throwingDefinition(new Error('connect ECONNREFUSED 10.0.0.7:5432')),
    );
    const failedInternal = await ended(runs, internal.id);
    expect(failedInternal.status).toBe('failed');
    expect(failedInternal.error).toBe(
      'The report could not be created because of an internal error. Please try again later, and contact support if it keeps failing.',
    );
    expect(logger.error).toHaveBeenCalledWith(
      `Report run ${internal.id} (project-spaces) failed`,
      expect.objectContaining({
        message: 'connect ECONNREFUSED 10.0.0.7:5432',
      }),
    );
  });

  describe('retries a transient database error once', () => {
    /** Throws `errors` in turn on its first calls, then writes `rows` rows. */
    function flakyDefinition(rows: number, errors: Error[]): ReportDefinition {
      const counting = countingDefinition({ rows, batchSize: 2 });
      let calls = 0;
      return {
        ...counting,
        async *rows(options) {
          const error = errors[calls++];
          yield* counting.rows(options);
          if (error) {
            throw error;
          }
        },
      };
    }
    const withCode = (message: string, code: string) =>
      Object.assign(new Error(message), { code });

    it.each([
      [
        'a serialization failure',
        withCode('could not serialize access', '40001'),
      ],
      ['a deadlock', withCode('deadlock detected', '40P01')],
      ['a reset connection', withCode('read ECONNRESET', 'ECONNRESET')],
      [
        'a terminated connection',
        new Error('Connection terminated unexpectedly'),
      ],
    ])('writes the whole file again after %s', async (_what, error) => {
      const { knex, runs, files, startWorker, logger } = await setup();
      const run = await queueRun(runs, {}, CREATED_AT);
      startWorker(flakyDefinition(5, [error]));
      const done = await ended(runs, run.id);
      expect(done).toMatchObject({ status: 'succeeded', rowCount: 5 });
      // Exactly one file: the first try's chunks went before the second.
      expect(await readFile(files, run.id, 1)).toEqual(expectedFile(5));
      expect(await chunkKeys(knex, run.id)).toEqual([[1, 0]]);
      expect(logger.warn).toHaveBeenCalledWith(
        `Report run ${run.id} met a transient database error; writing its file once more`,
        expect.objectContaining({ message: error.message }),
      );
    });

    it('fails the run when the second try meets one too', async () => {
      const { knex, runs, startWorker } = await setup();
      const run = await queueRun(runs, {}, CREATED_AT);
      const deadlock = () => withCode('deadlock detected', '40P01');
      startWorker(flakyDefinition(5, [deadlock(), deadlock()]));
      const done = await ended(runs, run.id);
      expect(done.status).toBe('failed');
      expect(done.error).toBe(
        'The report could not be created because of an internal error. Please try again later, and contact support if it keeps failing.',
      );
      expect(await chunkKeys(knex, run.id)).toEqual([]);
    });

    it('does not retry an error that is not transient', async () => {
      const { runs, startWorker } = await setup();
      const run = await queueRun(runs, {}, CREATED_AT);
      startWorker(flakyDefinition(5, [withCode('syntax error', '42601')]));
      expect((await ended(runs, run.id)).status).toBe('failed');
    });

    it('records a success once more when its first answer was lost', async () => {
      const { knex, runs, files, startWorker } = await setup();
      const run = await queueRun(runs, {}, CREATED_AT);
      const queue = runs.queue;
      let lost = false;
      // The update takes effect; the connection drops before its answer.
      jest
        .spyOn(queue, 'succeed')
        .mockImplementation(async (claim, outcome) => {
          const changed = await ReportRunQueue.prototype.succeed.call(
            queue,
            claim,
            outcome,
          );
          if (!lost) {
            lost = true;
            throw withCode('Connection terminated unexpectedly', 'ECONNRESET');
          }
          return changed;
        });
      startWorker(countingDefinition({ rows: 3 }));
      expect(await ended(runs, run.id)).toMatchObject({
        status: 'succeeded',
        rowCount: 3,
      });
      await waitFor(async () => workers[0].activeRunIds.length === 0);
      expect(await readFile(files, run.id, 1)).toEqual(expectedFile(3));
      expect(await chunkKeys(knex, run.id)).toEqual([[1, 0]]);
    });
  });

  it('fails a run of a type this replica has no report for', async () => {
    const { runs, startWorker } = await setup();
    const run = await queueRun(runs, {}, CREATED_AT);
    startWorker(undefined);
    expect(await ended(runs, run.id)).toMatchObject({
      status: 'failed',
      error: expect.stringContaining('internal error'),
    });
  });

  it('stops a report past the row cap with an error naming the cap', async () => {
    const { knex, runs, startWorker } = await setup();
    const config = { maxRows: 25, worker: FAST };
    const atCap = await queueRun(runs, {}, CREATED_AT);
    startWorker(countingDefinition({ rows: 25 }), { config });
    expect(await ended(runs, atCap.id)).toMatchObject({
      status: 'succeeded',
      rowCount: 25,
    });

    await Promise.all(workers.splice(0).map(worker => worker.stop()));
    const overCap = await queueRun(runs, {}, CREATED_AT);
    startWorker(countingDefinition({ rows: 26 }), { config, chunkBytes: 1 });
    const failed = await ended(runs, overCap.id);
    expect(failed).toMatchObject({
      status: 'failed',
      error:
        'This report has more than 25 rows, the most a report may have. Narrow its date range or filters and run it again.',
    });
    expect(failed.rowCount).toBeUndefined();
    expect(await chunkKeys(knex, overCap.id)).toEqual([]);
  });

  it('names the cap with thousands separators', async () => {
    const { runs, startWorker } = await setup();
    const run = await queueRun(runs, {}, CREATED_AT);
    startWorker(countingDefinition({ rows: 1235, batchSize: 500 }), {
      config: { maxRows: 1234, worker: FAST },
    });
    expect((await ended(runs, run.id)).error).toBe(
      'This report has more than 1,234 rows, the most a report may have. Narrow its date range or filters and run it again.',
    );
  });

  it('keeps a run succeeded when its delivery fails', async () => {
    const { runs, startWorker, logger } = await setup();
    const run = await queueRun(runs, {}, CREATED_AT);
    startWorker(countingDefinition({ rows: 2 }), {
      onSucceeded: async () => {
        throw new Error('SMTP down');
      },
    });
    expect((await ended(runs, run.id)).status).toBe('succeeded');
    await waitFor(async () => logger.error.mock.calls.length > 0);
    expect(logger.error).toHaveBeenCalledWith(
      `Report run ${run.id} succeeded but could not be delivered`,
      expect.objectContaining({ message: 'SMTP down' }),
    );
    expect((await runs.records.get(run.id))?.status).toBe('succeeded');
  });

  it('never deletes the file of a succeeded attempt when the cleanup of other attempts fails', async () => {
    const { knex, runs, files, startWorker, logger } = await setup();
    const run = await queueRun(runs, {}, CREATED_AT);
    // A chunk an earlier attempt left behind, so there is something to clean.
    await files.appendChunk(run.id, 0, 0, Buffer.from('stale'));
    class FailingCleanup extends FileChunkStore {
      async deleteOtherAttempts(): Promise<void> {
        throw new Error('connection reset while cleaning up');
      }
    }
    const delivered: string[] = [];
    const worker = startWorker(countingDefinition({ rows: 3 }), {
      files: new FailingCleanup(knex),
      onSucceeded: async succeeded => {
        delivered.push(succeeded.id);
      },
    });

    expect((await ended(runs, run.id)).status).toBe('succeeded');
    await waitFor(async () => worker.activeRunIds.length === 0);
    expect(await runs.records.get(run.id)).toMatchObject({
      status: 'succeeded',
      attempt: 1,
      rowCount: 3,
    });
    expect(await readFile(files, run.id, 1)).toEqual(expectedFile(3));
    expect(await chunkKeys(knex, run.id)).toEqual([
      [0, 0],
      [1, 0],
    ]);
    // The run is still delivered; the failed cleanup is only logged.
    expect(delivered).toEqual([run.id]);
    expect(logger.warn).toHaveBeenCalledWith(
      'Report run bookkeeping failed',
      expect.objectContaining({
        message: 'connection reset while cleaning up',
      }),
    );
  });

  it('works on up to `concurrency` runs at once, and starts at once when woken', async () => {
    const { runs, startWorker } = await setup();
    const first = await queueRun(runs, {}, new Date(CREATED_AT.getTime()));
    const second = await queueRun(runs, {}, new Date(CREATED_AT.getTime() + 1));
    const third = await queueRun(runs, {}, new Date(CREATED_AT.getTime() + 2));
    const worker = startWorker(blockingDefinition(), {
      config: {
        maxRows: 5_000_000,
        worker: { ...FAST, concurrency: 2, pollIntervalMs: 60_000 },
      },
    });
    await waitFor(async () => worker.activeRunIds.length === 2);
    await new Promise(resolve => setTimeout(resolve, 300));
    expect(worker.activeRunIds.sort()).toEqual([first.id, second.id].sort());
    expect((await runs.records.get(third.id))?.status).toBe('queued');

    // A finished job frees its slot for the next run at once.
    await runs.records.requestCancel(first.id, new Date());
    worker.cancelLocally(first.id);
    await waitFor(async () => worker.activeRunIds.includes(third.id), 2_000);
  });

  it('claims a new run at once when woken, not at the next poll', async () => {
    const { runs, startWorker } = await setup();
    const worker = startWorker(countingDefinition({ rows: 1 }), {
      config: {
        maxRows: 5_000_000,
        worker: { ...FAST, pollIntervalMs: 60_000 },
      },
    });
    // Let the first, empty poll pass.
    await new Promise(resolve => setTimeout(resolve, 200));
    const run = await queueRun(runs, {}, CREATED_AT);
    const woken = Date.now();
    worker.wake();
    expect((await ended(runs, run.id)).status).toBe('succeeded');
    expect(Date.now() - woken).toBeLessThan(2_000);
  });

  it('hands its runs back on a graceful stop', async () => {
    const { knex, runs, files, startWorker } = await setup();
    const gated = gatedDefinition({ rows: 20, batchSize: 10, gatedCalls: [1] });
    const run = await queueRun(runs, {}, CREATED_AT);
    const first = startWorker(gated.definition, { chunkBytes: 1 });
    await waitFor(
      async () => (await runs.records.get(run.id))?.rowsWritten === 10,
    );

    await first.stop();
    const handedBack = await runs.records.get(run.id);
    expect(handedBack).toMatchObject({ status: 'queued', attempt: 1 });
    expect(handedBack?.leaseOwner).toBeUndefined();
    expect(await chunkKeys(knex, run.id)).toEqual([]);

    startWorker(gated.definition);
    expect(await ended(runs, run.id)).toMatchObject({
      status: 'succeeded',
      attempt: 2,
      rowCount: 20,
    });
    expect(await readFile(files, run.id, 2)).toEqual(expectedFile(20));
  });

  describe('with maxRowsPerSecond', () => {
    const throttled = (maxRowsPerSecond: number, worker = FAST) => ({
      config: { maxRows: 5_000_000, worker: { ...worker, maxRowsPerSecond } },
    });
    /** The shipped timing: a heartbeat every 2 s. */
    const SHIPPED = {
      ...FAST,
      leaseDurationMs: 30_000,
      heartbeatIntervalMs: 2_000,
    };

    it('waits between batches to stay at the rate, reads at most a second of rows at once, and shows progress per batch', async () => {
      const { knex, runs, files, startWorker } = await setup();
      const { clock, waits } = steppedRateClock();
      const asked: number[] = [];
      const counting = countingDefinition({ rows: 250, batchSize: 50 });
      const progress = jest.spyOn(runs.queue, 'progress');
      const run = await queueRun(runs, {}, CREATED_AT);
      startWorker(
        {
          ...counting,
          rows: context => {
            asked.push(context.batchSize);
            return counting.rows(context);
          },
        },
        { ...throttled(100), rateClock: clock },
      );

      const done = await ended(runs, run.id);
      expect(done).toMatchObject({ status: 'succeeded', rowCount: 250 });
      // 250 rows at 100 a second: each batch of 50 waits half a second.
      expect(waits).toEqual([500, 500, 500, 500, 500]);
      expect(asked).toEqual([100]);
      expect(progress.mock.calls.map(call => call[1])).toEqual([
        50, 100, 150, 200, 250,
      ]);
      expect(await chunkKeys(knex, run.id)).toEqual(
        [0, 1, 2, 3, 4].map(seq => [1, seq]),
      );
      expect(await readFile(files, run.id, 1)).toEqual(expectedFile(250));
    });

    it('keeps its lease with heartbeats while it waits', async () => {
      const { runs, startWorker } = await setup();
      const run = await queueRun(runs, {}, CREATED_AT);
      // 2 seconds of waits against a lease of 600 ms.
      startWorker(
        countingDefinition({ rows: 20, batchSize: 10 }),
        throttled(10),
      );
      expect(await ended(runs, run.id)).toMatchObject({
        status: 'succeeded',
        attempt: 1,
        rowCount: 20,
      });
    });

    /** A run that waits 10 s for each batch of 100, at 10 rows a second. */
    async function startWaitingRun() {
      const context = await setup();
      const run = await queueRun(context.runs, {}, CREATED_AT);
      const worker = context.startWorker(
        countingDefinition({ rows: 1_000, batchSize: 100 }),
        throttled(10, SHIPPED),
      );
      await waitFor(async () => worker.activeRunIds.includes(run.id));
      return { ...context, run, worker };
    }

    it('stops within 5 seconds of a cancel in the middle of a wait', async () => {
      const { knex, runs, run } = await startWaitingRun();
      const done = await cancelThroughDatabase(runs, run.id);
      expect(done).toMatchObject({ status: 'cancelled', rowsWritten: 0 });
      expect(await chunkKeys(knex, run.id)).toEqual([]);
    });

    it('hands its run back at once on a graceful stop in the middle of a wait', async () => {
      const { runs, run, worker } = await startWaitingRun();
      const stopping = Date.now();
      await worker.stop();
      expect(Date.now() - stopping).toBeLessThan(2_000);
      expect(await runs.records.get(run.id)).toMatchObject({
        status: 'queued',
        attempt: 1,
      });
    });
  });

  it('finishes the run of a dead replica after its lease expired, with one file', async () => {
    const { knex, runs, files, startWorker, logger } = await setup();
    const gated = gatedDefinition({ rows: 30, batchSize: 10, gatedCalls: [1] });
    const run = await queueRun(runs, {}, CREATED_AT);
    const dead = startWorker(gated.definition, {
      chunkBytes: 1,
      workerId: 'dead',
      config: {
        maxRows: 5_000_000,
        worker: { ...FAST, leaseDurationMs: 500 },
      },
    });
    await waitFor(
      async () => (await runs.records.get(run.id))?.rowsWritten === 10,
    );
    const lateWrites = dead.abandon();
    const abandonedAt = Date.now();

    startWorker(gated.definition, { workerId: 'survivor' });
    const done = await ended(runs, run.id);
    // Not before the dead replica's lease ran out.
    expect(Date.now() - abandonedAt).toBeGreaterThanOrEqual(400);
    expect(done).toMatchObject({
      status: 'succeeded',
      attempt: 2,
      rowCount: 30,
      rowsWritten: 30,
    });

    // The dead replica wakes up and carries on: every write it tries now
    // is fenced off, and it removes what it had written.
    gated.open(1);
    await lateWrites;
    expect(logger.warn).toHaveBeenCalledWith(
      `Report run ${run.id} attempt 1 lost its lease; another replica owns it now`,
    );
    expect(await runs.records.get(run.id)).toEqual(done);
    expect(await chunkKeys(knex, run.id)).toEqual([[2, 0]]);
    expect(await readFile(files, run.id, 2)).toEqual(expectedFile(30));
  });
});

describeEachPostgres(databases)('ReportWorker replicas on %p', id => {
  const workers: ReportWorker[] = [];
  afterEach(async () => {
    await Promise.all(workers.splice(0).map(worker => worker.stop()));
  });

  it('processes each of 20 runs exactly once with two replicas on separate pools', async () => {
    const knex = await databases.init(id);
    const { runs, files } = await setupRuns(knex);
    const logger = mockServices.logger.mock();
    const secondPool = secondReplicaPool(knex);
    try {
      const queued: string[] = [];
      for (let i = 0; i < 20; i++) {
        const created = await queueRun(
          runs,
          {},
          new Date(CREATED_AT.getTime() + i),
        );
        queued.push(created.id);
      }
      const deliveredBy: Record<string, string[]> = { a: [], b: [] };
      const replica = (name: 'a' | 'b', db: Knex) => {
        const stores = {
          runs: new ReportRunStore(db),
          files: new FileChunkStore(db),
        };
        const worker = new ReportWorker({
          db,
          ...stores,
          accounts: { get: async () => ({ name: 'Acme Health' }) },
          definitions: {
            'project-spaces': countingDefinition({
              rows: 50,
              batchSize: 10,
              delayMs: 5,
            }),
          },
          logger,
          config: { maxRows: 5_000_000, worker: { ...FAST, concurrency: 3 } },
          linkExpiryMs: DAY,
          chunkBytes: 512,
          workerId: name,
          onSucceeded: async run => {
            deliveredBy[name].push(run.id);
          },
        });
        workers.push(worker);
        return worker;
      };
      replica('a', knex).start();
      replica('b', secondPool).start();

      for (const runId of queued) {
        await ended(runs, runId);
      }
      await waitFor(
        async () => deliveredBy.a.length + deliveredBy.b.length === 20,
      );
      const delivered = [...deliveredBy.a, ...deliveredBy.b];
      expect(new Set(delivered).size).toBe(20);
      expect(delivered.sort()).toEqual([...queued].sort());
      expect(deliveredBy.a.length).toBeGreaterThan(0);
      expect(deliveredBy.b.length).toBeGreaterThan(0);

      const expected = expectedFile(50);
      for (const runId of queued) {
        expect(await runs.records.get(runId)).toMatchObject({
          status: 'succeeded',
          attempt: 1,
          rowCount: 50,
          byteSize: expected.length,
        });
        expect(await readFile(files, runId, 1)).toEqual(expected);
        const chunks = await chunkKeys(knex, runId);
        expect(chunks).toEqual(chunks.map((_, seq) => [1, seq]));
      }
      expect(logger.warn).not.toHaveBeenCalled();
      expect(logger.error).not.toHaveBeenCalled();
    } finally {
      await Promise.all(workers.splice(0).map(worker => worker.stop()));
      await secondPool.destroy();
    }
  });
});
