import { TestDatabaseId } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { migrateKnex } from '../database/migrateDatabase';
import { ScheduleFields, ScheduleStore } from './ScheduleStore';

jest.setTimeout(60_000);

const databases = createTestDatabases();

const FIELDS: ScheduleFields = {
  accountId: 'acme',
  name: 'Daily usage',
  type: 'project-spaces',
  recipients: ['ops@example.com'],
  recurrence: 'daily',
  time: '06:00',
  timezone: 'UTC',
  delimiter: ',',
  period: 'previous-day',
  enabled: true,
};

async function setup(id: TestDatabaseId) {
  const knex = await databases.init(id);
  await migrateKnex(knex);
  await knex('accounts').insert({
    id: 'acme',
    name: 'Acme',
    enterprise: true,
    created_at: new Date('2026-01-01T00:00:00Z'),
    updated_at: new Date('2026-01-01T00:00:00Z'),
  });
  return { knex, store: new ScheduleStore(knex) };
}

describe.each(databases.eachSupportedId())('ScheduleStore on %p', id => {
  let knex: Knex;
  let store: ScheduleStore;
  beforeEach(async () => {
    ({ knex, store } = await setup(id));
  });

  it('keeps what it is given and reads it back the same on both databases', async () => {
    const created = await store.create(
      {
        ...FIELDS,
        recurrence: 'monthly',
        dayOfMonth: 28,
        tenantIds: ['acme-a'],
        description: 'for finance',
      },
      {
        createdBy: 'user:default/ada',
        now: new Date('2026-11-30T10:00:00Z'),
        nextRunAt: new Date('2026-12-28T06:00:00Z'),
      },
    );
    expect(await store.get(created.id)).toEqual({
      ...FIELDS,
      id: created.id,
      recurrence: 'monthly',
      dayOfMonth: 28,
      tenantIds: ['acme-a'],
      description: 'for finance',
      nextRunAt: '2026-12-28T06:00:00.000Z',
      lastRunAt: null,
      lastStatus: null,
      createdBy: 'user:default/ada',
      createdAt: '2026-11-30T10:00:00.000Z',
      updatedBy: 'user:default/ada',
      updatedAt: '2026-11-30T10:00:00.000Z',
    });
  });

  it('claims an occurrence once: a second claim of it, or one from a stale next run, changes nothing', async () => {
    const { id: scheduleId } = await store.create(FIELDS, {
      createdBy: 'user:default/ada',
      now: new Date('2026-11-30T05:00:00Z'),
      nextRunAt: new Date('2026-11-30T06:00:00Z'),
    });
    const claim = {
      scheduleId,
      expected: new Date('2026-11-30T06:00:00Z'),
      occurrenceAt: new Date('2026-11-30T06:00:00Z'),
      next: new Date('2026-12-01T06:00:00Z'),
      now: new Date('2026-11-30T06:00:01Z'),
    };
    const due = await store.listDue(new Date('2026-11-30T06:00:01Z'), 10);
    expect(due.map(d => d.record.id)).toEqual([scheduleId]);
    expect(await store.claim(claim)).toBe(true);
    expect(await store.claim(claim)).toBe(false);
    // The row alone also refuses it, whatever next_run_at says.
    await knex('schedules')
      .where({ id: scheduleId })
      .update({ next_run_at: claim.expected });
    expect(await store.claim(claim)).toBe(false);
    expect(await store.occurrences(scheduleId)).toEqual([
      { occurrenceAt: '2026-11-30T06:00:00.000Z' },
    ]);
    expect((await store.get(scheduleId))!.nextRunAt).toBe(
      '2026-11-30T06:00:00.000Z',
    );
  });

  it('answers the last status failed with the reason when no run could be queued', async () => {
    const { id: scheduleId } = await store.create(FIELDS, {
      createdBy: 'user:default/ada',
      now: new Date('2026-11-30T05:00:00Z'),
      nextRunAt: null,
    });
    await store.recordRun({
      scheduleId,
      at: new Date('2026-11-30T06:00:00Z'),
      outcome: { error: 'Account acme is not an enterprise account' },
    });
    expect(await store.get(scheduleId)).toMatchObject({
      lastRunAt: '2026-11-30T06:00:00.000Z',
      lastStatus: 'failed',
      lastError: 'Account acme is not an enterprise account',
    });
  });

  it('deletes a schedule with its occurrences', async () => {
    const { id: scheduleId } = await store.create(FIELDS, {
      createdBy: 'user:default/ada',
      now: new Date('2026-11-30T05:00:00Z'),
      nextRunAt: new Date('2026-11-30T06:00:00Z'),
    });
    await store.claim({
      scheduleId,
      expected: new Date('2026-11-30T06:00:00Z'),
      occurrenceAt: new Date('2026-11-30T06:00:00Z'),
      next: new Date('2026-12-01T06:00:00Z'),
      now: new Date('2026-11-30T06:00:00Z'),
    });
    expect((await store.delete(scheduleId))?.id).toBe(scheduleId);
    expect(await store.get(scheduleId)).toBeUndefined();
    expect(
      Number((await knex('schedule_occurrences').count({ n: '*' }))[0].n),
    ).toBe(0);
  });
});
