import { mockCredentials, TestDatabaseId } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import request from 'supertest';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import {
  ADA,
  NORA,
  REX,
  setupSchedules,
  testClock,
} from './__testUtils__/setupSchedules';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const as = (user: string) => mockCredentials.user.header(user);

const DAILY = {
  accountId: 'acme',
  name: 'Daily spaces',
  type: 'project-spaces',
  recipients: ['ops@example.com'],
  recurrence: 'daily',
};

async function setup(id: TestDatabaseId, options: { noMail?: boolean } = {}) {
  const knex: Knex = await databases.init(id);
  const clock = testClock('2026-11-30T10:00:00Z');
  const area = await setupSchedules(knex, { now: clock.now, ...options });
  const create = (body: object, user = ADA) =>
    request(area.app)
      .post('/v1/schedules')
      .set('Authorization', as(user))
      .send(body);
  return { knex, clock, ...area, create };
}

/** The audit events' outcomes, in order: eventId, success or fail, and the meta given. */
async function auditTrail(auditor: any) {
  const events = await Promise.all(
    auditor.createEvent.mock.results.map((r: any) => r.value),
  );
  return auditor.createEvent.mock.calls.map((call: any, i: number) => {
    const event = events[i] as any;
    const success = event.success.mock.calls[0];
    const fail = event.fail.mock.calls[0];
    let outcome = 'none';
    if (success) {
      outcome = 'success';
    } else if (fail) {
      outcome = 'fail';
    }
    return {
      eventId: call[0].eventId,
      outcome,
      meta: success?.[0]?.meta ?? fail?.[0]?.meta,
    };
  });
}

describe.each(databases.eachSupportedId())('/v1/schedules on %p', id => {
  it('creates a schedule with the defaults of reports.md and its next run', async () => {
    const { create, app, clock } = await setup(id);
    const res = await create(DAILY);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      ...DAILY,
      id: expect.any(String),
      time: '06:00',
      timezone: 'UTC',
      delimiter: ',',
      period: 'previous-day',
      enabled: true,
      nextRunAt: '2026-12-01T06:00:00.000Z',
      lastRunAt: null,
      lastStatus: null,
      createdBy: ADA,
      createdAt: '2026-11-30T10:00:00.000Z',
      updatedBy: ADA,
      updatedAt: '2026-11-30T10:00:00.000Z',
    });
    const got = await request(app)
      .get(`/v1/schedules/${res.body.id}`)
      .set('Authorization', as(ADA));
    expect([got.status, got.body]).toEqual([200, res.body]);

    clock.set('2026-11-30T10:00:01Z');
    const weekly = await create({
      ...DAILY,
      recurrence: 'weekly',
      dayOfWeek: 'monday',
      time: '07:30',
      timezone: 'Europe/Berlin',
    });
    expect(weekly.body).toMatchObject({
      period: 'last-7-days',
      nextRunAt: '2026-12-07T06:30:00.000Z',
    });
    clock.set('2026-11-30T10:00:02Z');
    const monthly = await create({
      ...DAILY,
      recurrence: 'monthly',
      dayOfMonth: 1,
      enabled: false,
    });
    expect(monthly.body).toMatchObject({
      period: 'last-month',
      enabled: false,
      nextRunAt: null,
    });

    const list = await request(app)
      .get('/v1/schedules?accountId=acme&limit=2')
      .set('Authorization', as(ADA));
    expect(list.status).toBe(200);
    expect(list.body.items.map((s: any) => s.id)).toEqual([
      res.body.id,
      weekly.body.id,
    ]);
    expect(list.body.totalCount).toBe(3);
    const rest = await request(app)
      .get(`/v1/schedules?accountId=acme&cursor=${list.body.nextCursor}`)
      .set('Authorization', as(ADA));
    expect(rest.body.items.map((s: any) => s.id)).toEqual([monthly.body.id]);
    expect(rest.body.nextCursor).toBeUndefined();
  });

  it('edits, disables, enables and deletes, auditing each change with before and after', async () => {
    const { create, app, clock, auditor } = await setup(id);
    const { body: created } = await create(DAILY);
    clock.set('2026-11-30T11:00:00Z');
    const url = `/v1/schedules/${created.id}`;
    const edited = await request(app)
      .put(url)
      .set('Authorization', as(ADA))
      .send({ ...DAILY, name: 'Renamed', time: '23:00' });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({
      name: 'Renamed',
      time: '23:00',
      nextRunAt: '2026-11-30T23:00:00.000Z',
      updatedAt: '2026-11-30T11:00:00.000Z',
      createdBy: ADA,
    });

    const disabled = await request(app)
      .post(`${url}/disable`)
      .set('Authorization', as(ADA));
    expect([
      disabled.status,
      disabled.body.enabled,
      disabled.body.nextRunAt,
    ]).toEqual([200, false, null]);
    clock.set('2026-12-01T00:00:00Z');
    const enabled = await request(app)
      .post(`${url}/enable`)
      .set('Authorization', as(ADA));
    expect([
      enabled.status,
      enabled.body.enabled,
      enabled.body.nextRunAt,
    ]).toEqual([200, true, '2026-12-01T23:00:00.000Z']);

    const deleted = await request(app)
      .delete(url)
      .set('Authorization', as(ADA));
    expect(deleted.status).toBe(204);
    const gone = await request(app).get(url).set('Authorization', as(ADA));
    expect(gone.status).toBe(404);
    expect(gone.body.error.message).toBe(`Schedule ${created.id} not found`);

    const trail = await auditTrail(auditor);
    expect(trail.map((e: any) => [e.eventId, e.outcome])).toEqual([
      ['schedule-create', 'success'],
      ['schedule-update', 'success'],
      ['schedule-disable', 'success'],
      ['schedule-enable', 'success'],
      ['schedule-delete', 'success'],
    ]);
    expect(trail[0].meta).toMatchObject({
      actor: ADA,
      accountId: 'acme',
      before: null,
      after: { name: 'Daily spaces' },
    });
    expect(trail[1].meta).toMatchObject({
      before: { name: 'Daily spaces', time: '06:00' },
      after: { name: 'Renamed', time: '23:00' },
    });
    expect(trail[2].meta).toMatchObject({
      before: { enabled: true },
      after: { enabled: false, nextRunAt: null },
    });
    expect(trail[4].meta).toMatchObject({
      before: { id: created.id },
      after: null,
    });
  });

  describe('refuses each rule with a 400 naming it', () => {
    // One database for the cases: a refused schedule changes nothing.
    let shared: Awaited<ReturnType<typeof setup>>;
    beforeAll(async () => {
      shared = await setup(id);
    });
    const cases: Array<[string, object, string]> = [
      [
        'no recipients',
        { recipients: [] },
        'recipients must list 1 to 20 email addresses',
      ],
      [
        '21 recipients',
        {
          recipients: Array.from({ length: 21 }, (_, i) => `r${i}@example.com`),
        },
        'recipients must list 1 to 20 email addresses',
      ],
      [
        'a recipient that is no email address',
        { recipients: ['ok@example.com', 'not an address'] },
        'recipients.1 must be an email address',
      ],
      [
        'no recurrence',
        { recurrence: 'hourly' },
        'recurrence must be daily, weekly or monthly',
      ],
      [
        'weekly without a day',
        { recurrence: 'weekly' },
        'dayOfWeek is required for a weekly schedule',
      ],
      [
        'weekly on a bad day',
        { recurrence: 'weekly', dayOfWeek: 'funday' },
        'dayOfWeek must be monday to sunday',
      ],
      [
        'monthly without a day',
        { recurrence: 'monthly' },
        'dayOfMonth is required for a monthly schedule',
      ],
      [
        'monthly on day 29',
        { recurrence: 'monthly', dayOfMonth: 29 },
        'dayOfMonth must be a whole number from 1 to 28',
      ],
      [
        'monthly on day 0',
        { recurrence: 'monthly', dayOfMonth: 0 },
        'dayOfMonth must be a whole number from 1 to 28',
      ],
      [
        'a day of month on a daily schedule',
        { dayOfMonth: 3 },
        'dayOfMonth is only for monthly schedules',
      ],
      [
        'a day of week on a monthly schedule',
        { recurrence: 'monthly', dayOfMonth: 3, dayOfWeek: 'monday' },
        'dayOfWeek is only for weekly schedules',
      ],
      [
        'time 24:00',
        { time: '24:00' },
        'time must be a time of day HH:mm, 00:00 to 23:59',
      ],
      [
        'time 6:00',
        { time: '6:00' },
        'time must be a time of day HH:mm, 00:00 to 23:59',
      ],
      [
        'an unknown time zone',
        { timezone: 'Mars/Olympus_Mons' },
        'timezone must be an IANA time zone such as Europe/Berlin',
      ],
      ['an empty name', { name: '  ' }, 'name must be 1 to 100 characters'],
      [
        'a name of 101 characters',
        { name: 'x'.repeat(101) },
        'name must be 1 to 100 characters',
      ],
      [
        'a custom period of 367 days',
        { period: 'custom', from: '2025-01-01', to: '2026-01-02' },
        'to must be within 366 days of from (a custom period is at most 366 days, both dates included)',
      ],
      [
        'a custom period backwards',
        { period: 'custom', from: '2026-02-01', to: '2026-01-01' },
        'from must not be after to',
      ],
      [
        'a custom period without dates',
        { period: 'custom' },
        'from is required for a custom period; to is required for a custom period',
      ],
      [
        'dates without a custom period',
        { from: '2026-01-01' },
        'from is only for a custom period',
      ],
      [
        'an impossible date',
        { period: 'custom', from: '2026-02-30', to: '2026-03-01' },
        'from must be a date YYYY-MM-DD',
      ],
      ['an unknown field', { cron: '* * * * *' }, 'unknown field cron'],
    ];
    it.each(cases)('%s', async (_, change, message) => {
      const { create } = shared;
      const res = await create({ ...DAILY, ...change });
      expect({ status: res.status, message: res.body.error?.message }).toEqual({
        status: 400,
        message: `Invalid schedule: ${message}`,
      });
    });

    it('accepts a custom period of exactly 366 days and 20 recipients', async () => {
      const { create } = shared;
      const res = await create({
        ...DAILY,
        period: 'custom',
        from: '2024-01-01',
        to: '2024-12-31',
        recipients: Array.from({ length: 20 }, (_, i) => `r${i}@example.com`),
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ from: '2024-01-01', to: '2024-12-31' });
    });

    it('a report type the reports area does not offer, naming those it does', async () => {
      const { create, reports } = shared;
      const res = await create({ ...DAILY, type: 'payroll' });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe(
        `Invalid schedule: type must be one of ${reports.reportTypes.join(
          ', ',
        )}`,
      );
      expect(reports.reportTypes).toEqual(
        expect.arrayContaining(['project-spaces', 'sms-detail']),
      );
    });

    it("parameters the report refuses, with the report's own message", async () => {
      const { create } = shared;
      const res = await create({
        ...DAILY,
        type: 'form-submissions',
        period: 'last-180-days',
      });
      expect([res.status, res.body.error.message]).toEqual([
        400,
        'Date ranges longer than 90 days are not supported',
      ]);
    });
  });

  it('answers 404 for an unknown account, 409 for a plain one or without an email transport', async () => {
    const { create } = await setup(id);
    const unknown = await create({ ...DAILY, accountId: 'nobody' });
    expect([unknown.status, unknown.body.error.message]).toEqual([
      404,
      'Account nobody not found',
    ]);
    const plain = await create({ ...DAILY, accountId: 'smallco' });
    expect([plain.status, plain.body.error.message]).toEqual([
      409,
      'Account smallco is not an enterprise account; only enterprise accounts have scheduled reports',
    ]);
    const noMail = await setup(id, { noMail: true });
    const refused = await noMail.create(DAILY);
    expect([refused.status, refused.body.error.message]).toEqual([
      409,
      'Scheduled reports mail their recipients, and this server has no email transport (notifications.processors.email.transportConfig)',
    ]);
  });

  it('needs schedule.manage (403 on the account, 404 for its schedules) and report.export to make runs', async () => {
    const { create, app } = await setup(id);
    const { body: created } = await create(DAILY);
    const url = `/v1/schedules/${created.id}`;
    const call = (
      user: string,
      method: 'get' | 'put' | 'post' | 'delete',
      path: string,
      body?: object,
    ) => {
      const req = request(app)[method](path).set('Authorization', as(user));
      return body ? req.send(body) : req;
    };
    // NORA lacks schedule.manage.
    const noManage = [
      [await call(NORA, 'get', '/v1/schedules?accountId=acme'), 403],
      [await call(NORA, 'post', '/v1/schedules', DAILY), 403],
      [await call(NORA, 'get', url), 404],
      [await call(NORA, 'put', url, DAILY), 404],
      [await call(NORA, 'delete', url), 404],
      [await call(NORA, 'post', `${url}/enable`), 404],
      [await call(NORA, 'post', `${url}/disable`), 404],
      [await call(NORA, 'post', `${url}/run`), 404],
    ].map(([res, want]: any) => [res.status, want]);
    expect(noManage.map(([got]) => got)).toEqual(
      noManage.map(([, want]) => want),
    );
    // REX manages schedules but may not export reports.
    expect((await call(REX, 'get', url)).status).toBe(200);
    expect(
      (await call(REX, 'get', '/v1/schedules?accountId=acme')).status,
    ).toBe(200);
    const refused = await call(REX, 'post', '/v1/schedules', DAILY);
    expect([refused.status, refused.body.error.message]).toEqual([
      403,
      'Not allowed: enterprise-console.report.export is required on acme',
    ]);
    expect((await call(REX, 'put', url, DAILY)).status).toBe(403);
    expect((await call(REX, 'post', `${url}/enable`)).status).toBe(403);
    expect((await call(REX, 'post', `${url}/run`)).status).toBe(403);
    expect((await call(REX, 'post', `${url}/disable`)).status).toBe(200);
    expect((await call(REX, 'delete', url)).status).toBe(204);
    // A denied caller learns nothing from its body.
    const bad = await call(NORA, 'post', '/v1/schedules', {
      ...DAILY,
      name: '',
    });
    expect(bad.status).toBe(403);
  });

  it('runs now: 202 with the queued run, and the list shows it as the last run', async () => {
    const { create, app, clock, knex } = await setup(id);
    const { body: created } = await create(DAILY);
    clock.set('2026-11-30T12:00:00Z');
    const res = await request(app)
      .post(`/v1/schedules/${created.id}/run`)
      .set('Authorization', as(ADA));
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ id: expect.any(String), status: 'queued' });
    const run = await knex('report_runs').where({ id: res.body.id }).first();
    expect(run).toMatchObject({
      account_id: 'acme',
      type: 'project-spaces',
      name: 'Daily spaces',
      created_by: ADA,
      recipients: JSON.stringify(['ops@example.com']),
    });
    const list = await request(app)
      .get('/v1/schedules?accountId=acme')
      .set('Authorization', as(ADA));
    expect(list.body.items[0]).toMatchObject({
      lastRunAt: '2026-11-30T12:00:00.000Z',
      lastStatus: 'queued',
      lastRunId: res.body.id,
      // Running now leaves the next occurrence as it was.
      nextRunAt: '2026-12-01T06:00:00.000Z',
    });
  });

  it('answers 404 for ids that are not schedules, however odd', async () => {
    const { app } = await setup(id);
    for (const bad of [
      'nope',
      'x'.repeat(300),
      '%20',
      '00000000-0000-0000-0000-000000000000',
    ]) {
      const res = await request(app)
        .get(`/v1/schedules/${encodeURIComponent(bad)}`)
        .set('Authorization', as(ADA));
      expect(res.status).toBe(404);
    }
  });
});
