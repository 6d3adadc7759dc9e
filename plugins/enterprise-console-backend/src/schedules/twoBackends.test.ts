import {
  createServiceFactory,
  SchedulerServiceTaskFunction,
} from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  EnterpriseConsoleClock,
  enterpriseConsoleClockServiceRef,
} from '@internal/plugin-enterprise-console-node';
import { Knex } from 'knex';
import request from 'supertest';
import {
  createTestDatabases,
  describeEachPostgres,
  secondReplicaPool,
} from '../__testUtils__/testDatabases';
import {
  inboxEmailConfig,
  startSmtpInbox,
} from '../mail/__testUtils__/smtpInbox';
import {
  acmeReplicaSeed,
  startReplicaBackend,
} from '../reports/runs/__testUtils__/startReplicaBackend';
import { DUE_SCHEDULES_TASK_ID } from '.';
import { DAILY_AT_SIX_UTC, testClock } from './__testUtils__/setupSchedules';

/*
 * issue 11 and quality.md, Reliability: with several replicas on one
 * PostgreSQL, each occurrence of a schedule runs exactly once, and
 * occurrences missed while every replica was down run once on recovery.
 * Two instances of the whole backend plugin, each with its own pool to one
 * database, share one injected clock (enterpriseConsoleClockServiceRef).
 * Each instance's scheduler only records the tasks the plugin schedules;
 * the test runs both instances' due task at once, twice each per step, as
 * happens when the scheduler's global lock has expired: the claim of the
 * (schedule, occurrence) row alone must keep the occurrence from running
 * twice. The runs then really run, and their mail reaches a real SMTP
 * server once per occurrence.
 *
 * PostgreSQL only: replicas share a database only there. The test
 * databases' SQLite is in memory, private to the one pool that opened it.
 */

const databases = createTestDatabases({ testTimeoutMs: 60_000 });
const OWNER = 'user:default/ada';

/** One replica: the whole plugin on `knex`, with the shared clock. */
async function startReplica(
  knex: Knex,
  clock: EnterpriseConsoleClock,
  smtpPort: number,
) {
  const scheduler = mockServices.scheduler.mock();
  const backend = await startReplicaBackend({
    knex,
    seed: acmeReplicaSeed,
    config: {
      notifications: { processors: { email: inboxEmailConfig(smtpPort) } },
    },
    reports: {
      worker: { pollInterval: '100ms' },
      downloadLinks: {
        keys: [{ id: 'k1', secret: 'replica-secret-of-32-characters!' }],
      },
    },
    features: [
      scheduler.factory,
      createServiceFactory({
        service: enterpriseConsoleClockServiceRef,
        deps: {},
        factory: () => clock,
      }),
    ],
  });
  const task = scheduler.scheduleTask.mock.calls
    .map(([options]) => options)
    .find(options => options.id === DUE_SCHEDULES_TASK_ID);
  if (!task || task.scope !== 'global') {
    throw new Error(`The plugin did not schedule ${DUE_SCHEDULES_TASK_ID}`);
  }
  const fn = task.fn as SchedulerServiceTaskFunction;
  return {
    server: backend.server,
    runDueTask: () => fn(new AbortController().signal),
    stop: () => backend.stop(),
  };
}

type Replica = Awaited<ReturnType<typeof startReplica>>;

/** Both replicas' due task, twice each, all at once. */
async function runDueOnBoth(a: Replica, b: Replica) {
  await Promise.all([
    a.runDueTask(),
    b.runDueTask(),
    a.runDueTask(),
    b.runDueTask(),
  ]);
}

/** The claimed occurrences, oldest first, with the run each queued. */
async function occurrencesOf(knex: Knex) {
  const rows = await knex('schedule_occurrences')
    .select('occurrence_at', 'run_id', 'error')
    .orderBy('occurrence_at');
  return rows.map(row => ({
    at: new Date(row.occurrence_at).toISOString(),
    runId: row.run_id as string | null,
    error: row.error as string | null,
  }));
}

/** Waits until every run has succeeded and `count` mails arrived. */
async function waitForDelivery(
  knex: Knex,
  mails: unknown[],
  count: number,
): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const open = await knex('report_runs')
      .whereNot('status', 'succeeded')
      .count({ n: '*' });
    if (Number(open[0].n) === 0 && mails.length >= count) {
      return;
    }
    await new Promise(resolve => setTimeout(resolve, 100));
  }
  const statuses = await knex('report_runs').select('id', 'status', 'error');
  throw new Error(
    `Runs not delivered: ${
      mails.length
    } of ${count} mails, runs ${JSON.stringify(statuses)}`,
  );
}

describeEachPostgres(databases)('two backend instances on %p', id => {
  it('run each daily occurrence exactly once, and one occurrence after a downtime of five', async () => {
    const knex = await databases.init(id);
    const secondPool = secondReplicaPool(knex);
    const inbox = await startSmtpInbox();
    const clock = testClock('2026-11-30T10:00:00Z');
    const running: Replica[] = [];
    const start = async (pool: Knex) => {
      const replica = await startReplica(pool, clock, inbox.port);
      running.push(replica);
      return replica;
    };
    const stopAll = async () => {
      // The replicas first, so no worker polls a closed pool.
      for (const replica of running.splice(0)) {
        await replica.stop();
      }
    };
    try {
      let a = await start(knex);
      let b = await start(secondPool);
      const created = await request(b.server)
        .post('/api/enterprise-console/v1/schedules')
        .set('Authorization', mockCredentials.user.header(OWNER))
        .send({ ...DAILY_AT_SIX_UTC, period: 'previous-day' });
      expect(created.status).toBe(201);
      expect(created.body.nextRunAt).toBe('2026-12-01T06:00:00.000Z');

      // Nothing is due before the first occurrence.
      await runDueOnBoth(a, b);
      clock.set('2026-12-01T05:59:59.999Z');
      await runDueOnBoth(a, b);
      expect(await occurrencesOf(knex)).toEqual([]);

      // Four days: at each occurrence's instant and half an hour later.
      for (const day of ['01', '02', '03', '04']) {
        clock.set(`2026-12-${day}T06:00:00Z`);
        await runDueOnBoth(a, b);
        clock.set(`2026-12-${day}T06:30:00Z`);
        await runDueOnBoth(a, b);
      }
      const daily = [
        '2026-12-01T06:00:00.000Z',
        '2026-12-02T06:00:00.000Z',
        '2026-12-03T06:00:00.000Z',
        '2026-12-04T06:00:00.000Z',
      ];
      expect((await occurrencesOf(knex)).map(o => [o.at, o.error])).toEqual(
        daily.map(at => [at, null]),
      );
      await waitForDelivery(knex, inbox.mails, 4);

      // Every replica down from 4 December 06:30 to 9 December 12:00: the
      // occurrences of 5 to 9 December are missed. Two new replicas start
      // and run only the latest of them.
      await stopAll();
      clock.set('2026-12-09T12:00:00Z');
      a = await start(knex);
      b = await start(secondPool);
      await runDueOnBoth(a, b);
      await runDueOnBoth(a, b);
      // Then on as scheduled.
      clock.set('2026-12-10T06:00:00Z');
      await runDueOnBoth(a, b);

      const all = [
        ...daily,
        '2026-12-09T06:00:00.000Z',
        '2026-12-10T06:00:00.000Z',
      ];
      const occurrences = await occurrencesOf(knex);
      expect(occurrences.map(o => [o.at, o.error])).toEqual(
        all.map(at => [at, null]),
      );
      await waitForDelivery(knex, inbox.mails, 6);

      // One run per occurrence, and no run besides them.
      const runIds = occurrences.map(o => o.runId);
      expect(new Set(runIds).size).toBe(6);
      const runs = await knex('report_runs').select('id', 'schedule');
      expect(runs.map(r => r.id).sort()).toEqual(
        [...(runIds as string[])].sort(),
      );
      // Each run covers the day before its occurrence.
      const periods = occurrences.map(
        o => JSON.parse(runs.find(r => r.id === o.runId)!.schedule).period,
      );
      expect(periods).toEqual([
        '2026-11-30 to 2026-11-30 (UTC)',
        '2026-12-01 to 2026-12-01 (UTC)',
        '2026-12-02 to 2026-12-02 (UTC)',
        '2026-12-03 to 2026-12-03 (UTC)',
        '2026-12-08 to 2026-12-08 (UTC)',
        '2026-12-09 to 2026-12-09 (UTC)',
      ]);
      // One mail per occurrence, each with its own run's period; nothing
      // more arrives.
      await new Promise(resolve => setTimeout(resolve, 500));
      expect(inbox.mails).toHaveLength(6);
      expect(inbox.mails.every(m => m.to.join() === 'ops@example.com')).toBe(
        true,
      );
      for (const period of periods) {
        expect(inbox.mails.filter(m => m.text.includes(period))).toHaveLength(
          1,
        );
      }

      const schedule = await request(a.server)
        .get(`/api/enterprise-console/v1/schedules/${created.body.id}`)
        .set('Authorization', mockCredentials.user.header(OWNER));
      expect(schedule.body).toMatchObject({
        nextRunAt: '2026-12-11T06:00:00.000Z',
        lastRunAt: '2026-12-10T06:00:00.000Z',
        lastRunId: occurrences[5].runId,
      });
    } finally {
      await stopAll();
      await secondPool.destroy();
      await inbox.close();
    }
  });
});
