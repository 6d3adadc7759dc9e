import { mockServices } from '@backstage/backend-test-utils';
import Big from 'big.js';
import {
  BILLING_MANAGER,
  BILLING_READER,
  NO_PERMISSIONS,
} from '../__testUtils__/billingGrants';
import {
  ADVANCED_EXAMPLE,
  invoiceTestArea as setup,
} from '../__testUtils__/invoiceTestArea';
import { createTestDatabases } from '../../__testUtils__/testDatabases';
import { accountSchema, UserCountSnapshots } from '../../tenants';
import { CreditStore } from '../credits/CreditStore';
import { InvoiceStore, NewInvoice } from './InvoiceStore';
import {
  INVOICE_RUN_TASK_ID,
  previousPeriod,
  scheduleInvoiceRun,
} from './runInvoices';

const databases = createTestDatabases({ testTimeoutMs: 60_000 });

const MANAGER = BILLING_MANAGER;
const READER = BILLING_READER;
const NOBODY = NO_PERMISSIONS;

describe.each(databases.eachSupportedId())('invoice run on %p', databaseId => {
  it('gives an account that pays automatically a due date whatever the total', async () => {
    const { as, subscribe, accounts } = await setup(
      await databases.init(databaseId),
    );
    await accounts.upsert(
      accountSchema.parse({ id: 'acme', name: 'Acme', autopay: true }),
    );
    await subscribe({ tenantId: 'clinic', startDate: '2016-02-23' });
    await as(MANAGER).post('/v1/billing/invoice-runs', { period: '2016-02' });
    const list = await as(READER).get('/v1/billing/invoices?tenantId=clinic');
    expect(list.body.items.map((i: any) => [i.total, i.dueDate])).toEqual([
      ['72.38', '2016-03-30'],
    ]);
  });

  it('bills worked example 1 exactly: 7 days of February 2016 at 10.34 is 72.38', async () => {
    const { as, subscribe, auditor } = await setup(
      await databases.init(databaseId),
    );
    const id = await subscribe({ tenantId: 'clinic', startDate: '2016-02-23' });

    const run = await as(MANAGER).post('/v1/billing/invoice-runs', {
      period: '2016-02',
    });
    expect(run.status).toBe(200);
    expect(run.body).toEqual({ created: 1, existing: 0, failed: 0 });
    expect(auditor.createEvent).toHaveBeenCalledWith(
      expect.objectContaining({ eventId: 'billing-invoice-run' }),
    );

    const list = await as(READER).get('/v1/billing/invoices?tenantId=clinic');
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(1);
    const invoice = list.body.items[0];
    expect(invoice).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      number: 1,
      accountId: 'acme',
      tenantId: 'clinic',
      subscriptionId: id,
      period: '2016-02',
      periodStart: '2016-02-01',
      periodEnd: '2016-02-29',
      lines: [
        {
          kind: 'plan',
          description: 'Standard plan, 7 of 29 days of 2016-02',
          quantity: '7',
          unitPrice: '10.34',
          amount: '72.38',
          creditApplied: '0.00',
        },
      ],
      subtotal: '72.38',
      creditApplied: '0.00',
      total: '72.38',
      paid: '0.00',
      balance: '72.38',
      status: 'open',
      // No snapshot of 2016-02-29: the users were counted at the run.
      note: 'No user-count snapshot of 2016-02-29 for clinic: active mobile users were counted on 2016-03-10T12:00:00.000Z.',
      createdAt: '2016-03-10T12:00:00.000Z',
    });
    // 72.38 is not above 100.00: no due date.
    expect(invoice.dueDate).toBeUndefined();

    const one = await as(READER).get(`/v1/billing/invoices/${invoice.id}`);
    expect(one.status).toBe(200);
    expect(one.body).toEqual(invoice);
    expect(
      (await as(READER).get('/v1/billing/invoices?accountId=acme')).body.items,
    ).toEqual([invoice]);
  });

  it('bills worked example 2: one consolidated statement of 1200.00, do-not-invoice tenants paying nothing', async () => {
    const { as, subscribe, snapshot, usageCalls } = await setup(
      await databases.init(databaseId),
    );
    expect(
      (await as(MANAGER).put('/v1/billing/plans/advanced', ADVANCED_EXAMPLE))
        .status,
    ).toBe(200);
    await subscribe({
      tenantId: 'main',
      planId: 'advanced',
      startDate: '2016-01-01',
    });
    for (const tenantId of ['second', 'third']) {
      await subscribe({
        tenantId,
        planId: 'advanced',
        startDate: '2016-01-01',
        doNotInvoice: true,
        doNotInvoiceReason: 'Covered by the main subscription',
      });
    }
    // 5 + 2 + 1 users: within the 8 included, pooled.
    await snapshot('main', '2016-02-29', 5);
    await snapshot('second', '2016-02-29', 2);
    await snapshot('third', '2016-02-29', 1);

    const run = await as(MANAGER).post('/v1/billing/invoice-runs', {
      period: '2016-02',
    });
    expect(run.body).toEqual({ created: 1, existing: 0, failed: 0 });
    // One read for the three pooled tenants.
    expect(usageCalls).toEqual([['main', 'second', 'third']]);
    const list = await as(READER).get('/v1/billing/invoices?accountId=big');
    expect(list.body.items).toHaveLength(1);
    const statement = list.body.items[0];
    expect(statement).toMatchObject({
      accountId: 'big',
      period: '2016-02',
      lines: [
        {
          kind: 'plan',
          description: 'Advanced plan, 2016-02',
          quantity: '1',
          unitPrice: '1200.00',
          amount: '1200.00',
          creditApplied: '0.00',
        },
      ],
      subtotal: '1200.00',
      total: '1200.00',
      balance: '1200.00',
      status: 'open',
      // Above 100.00: due 30 days after the period's end.
      dueDate: '2016-03-30',
    });
    expect(statement.tenantId).toBeUndefined();
    expect(statement.note).toBeUndefined();
    // A tenant's list does not show the account's statement.
    expect(
      (await as(READER).get('/v1/billing/invoices?tenantId=main')).body.items,
    ).toEqual([]);
  });

  it('pools the users of a consolidated account over the plan: 19 users, 8 included, 11 extra at 1.00', async () => {
    const { area, as, subscribe, snapshot } = await setup(
      await databases.init(databaseId),
    );
    await as(MANAGER).put('/v1/billing/plans/advanced', ADVANCED_EXAMPLE);
    await subscribe({
      tenantId: 'main',
      planId: 'advanced',
      startDate: '2016-01-01',
    });
    await subscribe({
      tenantId: 'second',
      planId: 'advanced',
      startDate: '2016-01-01',
      doNotInvoice: true,
      doNotInvoiceReason: 'Covered by the main subscription',
    });
    await snapshot('main', '2016-02-29', 18);
    await snapshot('second', '2016-02-29', 1);
    expect(await area.runInvoices('2016-02')).toEqual({
      created: 1,
      existing: 0,
      failed: 0,
    });
    const [statement] = (
      await as(READER).get('/v1/billing/invoices?accountId=big')
    ).body.items;
    expect(statement.lines[1]).toEqual({
      kind: 'users',
      description: '11 mobile users beyond the 8 included',
      quantity: '11',
      unitPrice: '1.00',
      amount: '11.00',
      creditApplied: '0.00',
    });
    expect(statement.total).toBe('1211.00');
  });

  it('records the snapshot it counts when the last day has none, and keeps one that exists', async () => {
    const { area, as, subscribe, snapshot, users, knex, clock } = await setup(
      await databases.init(databaseId),
    );
    await subscribe({ tenantId: 'clinic', startDate: '2016-01-01' });
    await subscribe({ tenantId: 'lab', startDate: '2016-01-01' });
    // clinic: no snapshot of 2016-02-29; 53 active mobile users now (3
    // beyond the 50 included), besides users that do not count.
    await users('clinic', 53);
    await users('clinic', 4, { status: 'inactive', from: 100 });
    await users('clinic', 2, { kind: 'web', from: 200 });
    // lab: its snapshot says 51, though 60 are active now.
    await snapshot('lab', '2016-02-29', 51);
    await users('lab', 60);

    expect(await area.runInvoices('2016-02')).toEqual({
      created: 2,
      existing: 0,
      failed: 0,
    });
    const snapshots = new UserCountSnapshots(knex);
    expect(await snapshots.list('clinic')).toEqual([
      {
        tenantId: 'clinic',
        day: '2016-02-29',
        activeMobileUsers: 53,
        activeWebUsers: 2,
        recordedAt: clock.now().toISOString(),
      },
    ]);
    expect(await snapshots.list('lab')).toEqual([
      {
        tenantId: 'lab',
        day: '2016-02-29',
        activeMobileUsers: 51,
        activeWebUsers: 0,
        recordedAt: clock.now().toISOString(),
      },
    ]);
    const [clinic] = (
      await as(READER).get('/v1/billing/invoices?tenantId=clinic')
    ).body.items;
    expect(clinic.lines[1]).toMatchObject({ quantity: '3', amount: '6.00' });
    expect(clinic.total).toBe('306.00');
    expect(clinic.note).toBe(
      'No user-count snapshot of 2016-02-29 for clinic: active mobile users were counted on 2016-03-10T12:00:00.000Z.',
    );
    const [lab] = (await as(READER).get('/v1/billing/invoices?tenantId=lab'))
      .body.items;
    expect(lab.total).toBe('302.00');
    expect(lab.note).toBeUndefined();

    // Users change afterwards: the day's number stays the one billed.
    await users('clinic', 5, { from: 300 });
    const again = await snapshots.recordMissing('2016-02-29', ['clinic']);
    expect(again.snapshots.get('clinic')!.activeMobileUsers).toBe(53);
    expect([...again.recordedNow]).toEqual([]);
  });

  it('bills SMS past the allowance in order of sending, a straddling message in part, rounded at the end', async () => {
    const { area, as, subscribe, sms } = await setup(
      await databases.init(databaseId),
    );
    await subscribe({ tenantId: 'clinic', startDate: '2016-01-01' });
    const cents3 = { gateway: 100, usage: 200 };
    // Standard includes 50 parts: 49 free, then 1 of 3 free, 2 at 0.03.
    await sms('clinic', '2016-02-01T08:00:00Z', 49, cents3);
    await sms('clinic', '2016-02-10T08:00:00Z', 3, cents3);
    // Wholly past the allowance: 5 × 0.0333 = 0.1665.
    await sms('clinic', '2016-02-20T08:00:00Z', 5, {
      gateway: 133,
      usage: 200,
    });
    // Not billed: invalid, or outside February.
    await sms('clinic', '2016-02-21T08:00:00Z', 9, cents3, false);
    await sms('clinic', '2016-01-31T23:59:59Z', 9, cents3);
    await sms('clinic', '2016-03-01T00:00:00Z', 9, cents3);
    expect((await area.runInvoices('2016-02')).created).toBe(1);
    const [invoice] = (
      await as(READER).get('/v1/billing/invoices?tenantId=clinic')
    ).body.items;
    expect(invoice.lines[1]).toEqual({
      kind: 'sms',
      description: '7 SMS parts beyond the 50 included',
      quantity: '7',
      unitPrice: '0.23',
      amount: '0.23',
      creditApplied: '0.00',
    });
    expect(invoice.total).toBe('300.23');
  });

  it('pools the SMS of a consolidated account over the plan, do-not-invoice tenants included', async () => {
    const { area, as, subscribe, sms } = await setup(
      await databases.init(databaseId),
    );
    await as(MANAGER).put('/v1/billing/plans/advanced', ADVANCED_EXAMPLE);
    await subscribe({
      tenantId: 'main',
      planId: 'advanced',
      startDate: '2016-01-01',
    });
    await subscribe({
      tenantId: 'second',
      planId: 'advanced',
      startDate: '2016-01-01',
      doNotInvoice: true,
      doNotInvoiceReason: 'Covered by the main subscription',
    });
    const cents3 = { gateway: 100, usage: 200 };
    await sms('main', '2016-02-01T08:00:00Z', 40, cents3);
    await sms('second', '2016-02-02T08:00:00Z', 15, cents3);
    expect((await area.runInvoices('2016-02')).created).toBe(1);
    const [statement] = (
      await as(READER).get('/v1/billing/invoices?accountId=big')
    ).body.items;
    expect(statement.lines.map((line: { kind: string }) => line.kind)).toEqual([
      'plan',
      'sms',
    ]);
    expect(statement.lines[1]).toMatchObject({ quantity: '5', amount: '0.15' });
    expect(statement.total).toBe('1200.15');
  });

  it('creates nothing on a re-run and reports what existed; do-not-invoice per-tenant subscriptions get none', async () => {
    const { area, as, subscribe, usageCalls } = await setup(
      await databases.init(databaseId),
    );
    await subscribe({ tenantId: 'clinic', startDate: '2016-01-01' });
    await subscribe({
      tenantId: 'lab',
      startDate: '2016-01-01',
      doNotInvoice: true,
      doNotInvoiceReason: 'Internal',
    });
    expect(await area.runInvoices('2016-02')).toEqual({
      created: 1,
      existing: 0,
      failed: 0,
    });
    const again = await as(MANAGER).post('/v1/billing/invoice-runs', {
      period: '2016-02',
    });
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ created: 0, existing: 1, failed: 0 });
    // The existing invoice's usage was not read again.
    expect(usageCalls).toEqual([['clinic']]);
    const items = (await as(READER).get('/v1/billing/invoices?accountId=acme'))
      .body.items;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      tenantId: 'clinic',
      total: '300.00',
      dueDate: '2016-03-30',
    });
  });

  it('records a failing tenant with its reason and invoices the others', async () => {
    const { area, as, subscribe, knex, usageCalls } = await setup(
      await databases.init(databaseId),
      { failFor: 'lab' },
    );
    await subscribe({ tenantId: 'clinic', startDate: '2016-01-01' });
    const labSubscription = await subscribe({
      tenantId: 'lab',
      startDate: '2016-01-01',
    });
    expect(await area.runInvoices('2016-02')).toEqual({
      created: 1,
      existing: 0,
      failed: 1,
    });
    // The page's read failed; then each invoice read its own tenant's.
    expect(usageCalls).toEqual([['clinic', 'lab'], ['clinic'], ['lab']]);
    const failures = await knex('billing_invoice_run_failures');
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({
      period: '2016-02',
      account_id: 'acme',
      tenant_id: 'lab',
      subscription_id: labSubscription,
      reason: 'Error: usage of lab unavailable',
    });
    const items = (await as(READER).get('/v1/billing/invoices?accountId=acme'))
      .body.items;
    expect(items.map((item: { tenantId: string }) => item.tenantId)).toEqual([
      'clinic',
    ]);
  });

  it('numbers invoices without gaps when two runs race', async () => {
    const { area, as, subscribe } = await setup(
      await databases.init(databaseId),
    );
    for (const tenantId of ['clinic', 'lab']) {
      await subscribe({ tenantId, startDate: '2016-01-01' });
    }
    await as(MANAGER).put('/v1/billing/plans/advanced', ADVANCED_EXAMPLE);
    await subscribe({
      tenantId: 'main',
      planId: 'advanced',
      startDate: '2016-01-01',
    });
    const runs = await Promise.all([
      area.runInvoices('2016-02'),
      area.runInvoices('2016-02'),
      area.runInvoices('2016-01'),
    ]);
    expect(runs[0].created + runs[1].created).toBe(3);
    expect(runs[0].existing + runs[1].existing).toBe(3);
    expect(runs[2]).toEqual({ created: 3, existing: 0, failed: 0 });
    const numbers = [
      ...(await as(READER).get('/v1/billing/invoices?accountId=acme')).body
        .items,
      ...(await as(READER).get('/v1/billing/invoices?accountId=big')).body
        .items,
    ]
      .map((item: { number: number }) => item.number)
      .sort((a: number, b: number) => a - b);
    expect(numbers).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('inserts a batch with consecutive numbers, skips existing keys, and rolls a refused batch back whole', async () => {
    const { knex } = await setup(await databases.init(databaseId));
    const store = new InvoiceStore(knex, new CreditStore(knex));
    const now = new Date('2016-03-10T12:00:00Z');
    const draft = (key: string, amount = '10.00'): NewInvoice => ({
      key,
      accountId: 'acme',
      period: '2016-02',
      periodStart: '2016-02-01',
      periodEnd: '2016-02-29',
      lines: [
        {
          kind: 'plan',
          description: 'Standard plan, 2016-02',
          quantity: 1,
          unitPrice: new Big(amount),
          amount: new Big(amount),
        },
      ],
    });
    expect(await store.insert(draft('subscription:a'), now)).toMatchObject({
      number: 1,
    });
    const batch = await store.insertBatch(
      [draft('subscription:b'), draft('subscription:a'), draft('account:c')],
      now,
    );
    expect(batch.existing).toBe(1);
    expect(
      batch.created.map(invoice => [invoice.number, invoice.total]),
    ).toEqual([
      [2, '10.00'],
      [3, '10.00'],
    ]);
    // A batch whose second invoice cannot be written (a line without an
    // amount): nothing of the batch stays, its numbers included.
    const broken = draft('subscription:e');
    broken.lines[0] = {
      ...broken.lines[0],
      amount: undefined as unknown as Big,
    };
    await expect(
      store.insertBatch([draft('subscription:d'), broken], now),
    ).rejects.toThrow();
    const rows = await knex('billing_invoices')
      .orderBy('number')
      .select('invoice_key', 'number', 'total_cents');
    expect(
      rows.map(row => [
        row.invoice_key,
        Number(row.number),
        String(row.total_cents),
      ]),
    ).toEqual([
      ['subscription:a', 1, '1000'],
      ['subscription:b', 2, '1000'],
      ['account:c', 3, '1000'],
    ]);
    expect(await store.insert(draft('subscription:d'), now)).toMatchObject({
      number: 4,
    });
  });
  it('answers the routes with exact status codes', async () => {
    const { as } = await setup(await databases.init(databaseId));
    const post = (body: unknown, user = MANAGER) =>
      as(user).post('/v1/billing/invoice-runs', body);
    expect((await post({ period: '2016-02' }, NOBODY)).status).toBe(403);
    expect((await post({ period: '2016-02' }, READER)).status).toBe(403);
    // The clock's month (2016-03) is not over, nor a later one.
    expect((await post({ period: '2016-03' })).status).toBe(400);
    expect((await post({ period: '2017-01' })).status).toBe(400);
    // asOf moves "now" back, never forward.
    expect((await post({ period: '2016-02', asOf: '2016-02-20' })).status).toBe(
      400,
    );
    expect((await post({ period: '2016-02', asOf: '2016-04-01' })).status).toBe(
      400,
    );
    expect(
      (await post({ period: '2016-02', asOf: '2016-03-01' })).body,
    ).toEqual({ created: 0, existing: 0, failed: 0 });
    for (const body of [
      {},
      { period: '2016-2' },
      { period: '2016-13' },
      { period: '2016-02-01' },
      { period: 201602 },
      { period: '2016-02\u0000' },
      { period: '0000-01' },
      { period: '2016-02', asOf: '2016-02-30' },
      { period: '2016-02', extra: true },
    ]) {
      expect((await post(body)).status).toBe(400);
    }
    expect((await as(READER).get('/v1/billing/invoices')).status).toBe(400);
    expect(
      (
        await as(READER).get(
          '/v1/billing/invoices?accountId=acme&tenantId=clinic',
        )
      ).status,
    ).toBe(400);
    expect(
      (await as(READER).get('/v1/billing/invoices?accountId=nope')).status,
    ).toBe(404);
    expect(
      (await as(READER).get('/v1/billing/invoices?tenantId=nope')).status,
    ).toBe(404);
    expect(
      (await as(NOBODY).get('/v1/billing/invoices?accountId=acme')).status,
    ).toBe(403);
    expect(
      (await as(READER).get('/v1/billing/invoices/not-a-uuid')).status,
    ).toBe(404);
    expect(
      (
        await as(READER).get(
          '/v1/billing/invoices/00000000-0000-4000-8000-000000000000',
        )
      ).status,
    ).toBe(404);
  });
});

describe('previousPeriod', () => {
  it('is the month before the run, in UTC', () => {
    expect(previousPeriod(new Date('2016-03-01T01:30:00Z'))).toBe('2016-02');
    expect(previousPeriod(new Date('2017-01-01T00:00:00Z'))).toBe('2016-12');
  });
});

describe('scheduleInvoiceRun', () => {
  it('schedules a global task on the 1st that runs the previous month, audited', async () => {
    const scheduler = mockServices.scheduler.mock();
    const auditor = mockServices.auditor.mock();
    const run = jest.fn(async (_period: string) => ({
      created: 2,
      existing: 1,
      failed: 0,
    }));
    await scheduleInvoiceRun({
      scheduler,
      logger: mockServices.logger.mock(),
      auditor,
      now: () => new Date('2016-03-01T01:30:00Z'),
      run,
    });
    expect(scheduler.scheduleTask).toHaveBeenCalledWith(
      expect.objectContaining({
        id: INVOICE_RUN_TASK_ID,
        scope: 'global',
        frequency: { cron: '30 1 1 * *' },
      }),
    );
    const { fn } = scheduler.scheduleTask.mock.calls[0][0];
    await (fn as (signal: AbortSignal) => Promise<void>)(
      new AbortController().signal,
    );
    expect(run).toHaveBeenCalledWith('2016-02', expect.anything());
    expect(auditor.createEvent).toHaveBeenCalledWith(
      expect.objectContaining({ eventId: 'billing-invoice-run' }),
    );
  });
});
