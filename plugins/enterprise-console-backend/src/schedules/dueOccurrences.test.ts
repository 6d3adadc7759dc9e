import { mockCredentials } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import request from 'supertest';
import {
  createTestDatabases,
  describeEachPostgres,
  secondReplicaPool,
} from '../__testUtils__/testDatabases';
import {
  ADA,
  DAILY_AT_SIX_UTC,
  setupSchedules,
  testClock,
} from './__testUtils__/setupSchedules';

/*
 * The due task: each occurrence claimed once through its unique
 * (schedule, occurrence) row, by two instances of the backend's areas on
 * one PostgreSQL, each with its own connection pool, sharing one injected
 * clock; and occurrences missed while everything was down run once.
 */

jest.setTimeout(180_000);

const databases = createTestDatabases();

const DAILY = DAILY_AT_SIX_UTC;

async function createSchedule(app: any, body: object = DAILY): Promise<string> {
  const res = await request(app)
    .post('/v1/schedules')
    .set('Authorization', mockCredentials.user.header(ADA))
    .send(body);
  expect(res.status).toBe(201);
  return res.body.id;
}

async function occurrencesOf(knex: Knex) {
  const rows = await knex('schedule_occurrences')
    .select('schedule_id', 'occurrence_at', 'run_id', 'error')
    .orderBy(['schedule_id', 'occurrence_at']);
  return rows.map(row => ({
    scheduleId: row.schedule_id as string,
    occurrenceAt: new Date(row.occurrence_at).toISOString(),
    runId: row.run_id as string | null,
    error: row.error as string | null,
  }));
}

describe.each(databases.eachSupportedId())('due occurrences on %p', id => {
  it('runs occurrences missed while every replica was down once, the latest, then goes on as scheduled', async () => {
    const knex = await databases.init(id);
    const clock = testClock('2026-11-30T10:00:00Z');
    const { app, schedules } = await setupSchedules(knex, { now: clock.now });
    const scheduleId = await createSchedule(app);

    // Nothing due yet.
    expect(await schedules.runDue()).toEqual({ queued: 0, failed: 0 });
    // Down from 30 November to 5 December 10:00: five occurrences missed.
    clock.set('2026-12-05T10:00:00Z');
    expect(await schedules.runDue()).toEqual({ queued: 1, failed: 0 });
    expect(await schedules.runDue()).toEqual({ queued: 0, failed: 0 });
    const [caughtUp] = await occurrencesOf(knex);
    expect(await occurrencesOf(knex)).toEqual([
      {
        scheduleId,
        occurrenceAt: '2026-12-05T06:00:00.000Z',
        runId: expect.any(String),
        error: null,
      },
    ]);
    const run = await knex('report_runs').where({ id: caughtUp.runId }).first();
    expect(run).toMatchObject({
      name: 'Daily spaces',
      created_by: ADA,
      recipients: JSON.stringify(['ops@example.com']),
    });
    const got = await request(app)
      .get(`/v1/schedules/${scheduleId}`)
      .set('Authorization', mockCredentials.user.header(ADA));
    expect(got.body).toMatchObject({
      nextRunAt: '2026-12-06T06:00:00.000Z',
      lastRunAt: '2026-12-05T10:00:00.000Z',
      lastStatus: 'queued',
      lastRunId: caughtUp.runId,
    });

    clock.set('2026-12-06T06:00:00Z');
    expect(await schedules.runDue()).toEqual({ queued: 1, failed: 0 });
    expect((await occurrencesOf(knex)).map(o => o.occurrenceAt)).toEqual([
      '2026-12-05T06:00:00.000Z',
      '2026-12-06T06:00:00.000Z',
    ]);
    expect(Number((await knex('report_runs').count({ n: '*' }))[0].n)).toBe(2);
  });

  it('records an occurrence whose run cannot be queued as a failed last run, and does not retry it', async () => {
    const knex = await databases.init(id);
    const clock = testClock('2026-11-30T10:00:00Z');
    const { app, schedules } = await setupSchedules(knex, { now: clock.now });
    const scheduleId = await createSchedule(app);
    await knex('accounts').where({ id: 'acme' }).update({ enterprise: false });
    clock.set('2026-12-01T06:00:30Z');
    expect(await schedules.runDue()).toEqual({ queued: 0, failed: 1 });
    expect(await schedules.runDue()).toEqual({ queued: 0, failed: 0 });
    const message =
      'Account acme is not an enterprise account; only enterprise accounts have console reports';
    expect(await occurrencesOf(knex)).toEqual([
      {
        scheduleId,
        occurrenceAt: '2026-12-01T06:00:00.000Z',
        runId: null,
        error: message,
      },
    ]);
    await knex('accounts').where({ id: 'acme' }).update({ enterprise: true });
    const got = await request(app)
      .get(`/v1/schedules/${scheduleId}`)
      .set('Authorization', mockCredentials.user.header(ADA));
    expect(got.body).toMatchObject({
      lastStatus: 'failed',
      lastError: message,
      nextRunAt: '2026-12-02T06:00:00.000Z',
    });
  });
});

describeEachPostgres(databases)('two backend instances on %p', id => {
  it('claim each occurrence of 8 schedules over 6 days exactly once between them', async () => {
    const knex = await databases.init(id);
    const secondPool = secondReplicaPool(knex);
    try {
      const clock = testClock('2026-11-30T10:00:00Z');
      const a = await setupSchedules(knex, { now: clock.now });
      const b = await setupSchedules(secondPool, { now: clock.now });
      const ids: string[] = [];
      for (let i = 0; i < 8; i++) {
        // Created through either instance, at 06:00 in zones either side of UTC.
        ids.push(
          await createSchedule(i % 2 ? b.app : a.app, {
            ...DAILY,
            name: `Schedule ${i}`,
            timezone: i % 2 ? 'America/New_York' : 'Europe/Berlin',
          }),
        );
      }
      const totals = { a: 0, b: 0 };
      for (let day = 1; day <= 6; day++) {
        // Past 06:00 in New York, the later of the two zones.
        clock.set(`2026-12-0${day}T12:00:00Z`);
        const passes = await Promise.all([
          a.schedules.runDue(),
          b.schedules.runDue(),
          a.schedules.runDue(),
          b.schedules.runDue(),
        ]);
        totals.a += passes[0].queued + passes[2].queued;
        totals.b += passes[1].queued + passes[3].queued;
        expect(passes.reduce((sum, p) => sum + p.queued, 0)).toBe(8);
        expect(passes.every(p => p.failed === 0)).toBe(true);
      }
      const occurrences = await occurrencesOf(knex);
      expect(occurrences).toHaveLength(48);
      for (const scheduleId of ids) {
        const mine = occurrences.filter(o => o.scheduleId === scheduleId);
        expect(new Set(mine.map(o => o.occurrenceAt)).size).toBe(6);
      }
      const runIds = occurrences.map(o => o.runId);
      expect(runIds.every(r => typeof r === 'string')).toBe(true);
      const runs = await knex('report_runs').select('id');
      expect(runs.map(r => r.id).sort()).toEqual([...runIds].sort());
      // For the record: both instances did claim some.
      // eslint-disable-next-line no-console
      console.log(`claims: instance a ${totals.a}, instance b ${totals.b}`);
    } finally {
      await secondPool.destroy();
    }
  });
});
