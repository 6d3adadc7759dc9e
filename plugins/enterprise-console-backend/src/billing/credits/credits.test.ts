import {
  BILLING_MANAGER,
  BILLING_READER,
  NO_PERMISSIONS,
} from '../__testUtils__/billingGrants';
import {
  ADVANCED_EXAMPLE,
  invoiceTestArea,
} from '../__testUtils__/invoiceTestArea';
import { createTestDatabases } from '../../__testUtils__/testDatabases';

const databases = createTestDatabases({ testTimeoutMs: 60_000 });

const MANAGER = BILLING_MANAGER;
const READER = BILLING_READER;

type Area = Awaited<ReturnType<typeof invoiceTestArea>>;

/** Grants (or corrects) credit through the API; the answer. */
const credit = (area: Area, body: Record<string, unknown>) =>
  area.as(MANAGER).post('/v1/billing/credits', { note: 'Goodwill', ...body });

/** The account's credit lines as `scope@level: balance`. */
async function balances(area: Area, accountId: string) {
  const res = await area
    .as(READER)
    .get(`/v1/billing/credits?accountId=${accountId}`);
  expect(res.status).toBe(200);
  return res.body.items.map(
    (line: { scope: string; subscriptionId?: string; balance: string }) =>
      `${line.scope}@${line.subscriptionId ? 'subscription' : 'account'}: ${
        line.balance
      }`,
  );
}

/**
 * Worked example 2's account with example 3's users: the main tenant 18
 * active mobile workers, the second 1; the main subscription's id.
 */
async function example3(area: Area) {
  expect(
    (await area.as(MANAGER).put('/v1/billing/plans/advanced', ADVANCED_EXAMPLE))
      .status,
  ).toBe(200);
  const main = await area.subscribe({
    tenantId: 'main',
    planId: 'advanced',
    startDate: '2016-01-01',
  });
  for (const tenantId of ['second', 'third']) {
    await area.subscribe({
      tenantId,
      planId: 'advanced',
      startDate: '2016-01-01',
      doNotInvoice: true,
      doNotInvoiceReason: 'Covered by the main subscription',
    });
  }
  await area.snapshot('main', '2016-02-29', 18);
  await area.snapshot('second', '2016-02-29', 1);
  return main;
}

describe.each(databases.eachSupportedId())('credits on %p', databaseId => {
  it('bills worked example 3 with a 1.00 account-level users credit: 1210.00', async () => {
    const area = await invoiceTestArea(await databases.init(databaseId));
    await example3(area);
    const granted = await credit(area, {
      accountId: 'big',
      scope: 'users',
      amount: '1.00',
    });
    expect(granted.status).toBe(201);
    expect(await area.area.runInvoices('2016-02')).toEqual({
      created: 1,
      existing: 0,
      failed: 0,
    });
    const [statement] = await area.invoicesOf('big', '2016-02');
    expect(statement).toMatchObject({
      lines: [
        {
          kind: 'plan',
          amount: '1200.00',
          creditApplied: '0.00',
        },
        {
          kind: 'users',
          quantity: '11',
          amount: '11.00',
          creditApplied: '1.00',
        },
      ],
      subtotal: '1211.00',
      creditApplied: '1.00',
      total: '1210.00',
      paid: '0.00',
      balance: '1210.00',
      status: 'open',
      dueDate: '2016-03-30',
    });
    const lines = (
      await area.as(READER).get('/v1/billing/credits?accountId=big')
    ).body.items;
    expect(lines).toEqual([
      {
        id: granted.body.id,
        accountId: 'big',
        scope: 'users',
        balance: '0.00',
        entries: [
          {
            amount: '1.00',
            reason: 'grant',
            author: MANAGER,
            note: 'Goodwill',
            at: '2016-03-10T12:00:00.000Z',
          },
          {
            amount: '-1.00',
            reason: 'applied',
            author: 'system',
            note: `Applied to invoice ${statement.id}`,
            invoiceId: statement.id,
            at: '2016-03-10T12:00:00.000Z',
          },
        ],
      },
    ]);
  });

  it('bills worked example 3 with a 2.00 users credit on the main subscription: 1209.00', async () => {
    const area = await invoiceTestArea(await databases.init(databaseId));
    const main = await example3(area);
    const granted = await credit(area, {
      accountId: 'big',
      subscriptionId: main,
      scope: 'users',
      amount: '2.00',
    });
    expect(granted.status).toBe(201);
    expect(granted.body).toMatchObject({
      accountId: 'big',
      subscriptionId: main,
      tenantId: 'main',
      scope: 'users',
      balance: '2.00',
    });
    await area.area.runInvoices('2016-02');
    const [statement] = await area.invoicesOf('big', '2016-02');
    expect(statement.lines[1]).toMatchObject({
      amount: '11.00',
      creditApplied: '2.00',
    });
    expect(statement).toMatchObject({
      subtotal: '1211.00',
      creditApplied: '2.00',
      total: '1209.00',
      balance: '1209.00',
    });
    expect(await balances(area, 'big')).toEqual(['users@subscription: 0.00']);
  });

  // A Standard subscription of clinic, February 2016: one plan line of 300.00.
  it.each<[string, Array<Record<string, string | boolean>>, object, string[]]>([
    [
      'the subscription level first, then the account level, never below zero',
      [
        { scope: 'plan', amount: '500.00' },
        { scope: 'plan', amount: '50.00', onSubscription: true },
      ],
      {
        lines: ['300.00'],
        creditApplied: '300.00',
        total: '0.00',
        status: 'paid',
        dueDate: undefined,
      },
      ['plan@account: 250.00', 'plan@subscription: 0.00'],
    ],
    [
      'general credits after scoped ones, subscription level first',
      [
        { scope: 'general', amount: '20.00' },
        { scope: 'general', amount: '30.00', onSubscription: true },
        { scope: 'plan', amount: '100.00' },
      ],
      {
        lines: ['100.00'],
        creditApplied: '150.00',
        total: '150.00',
        status: 'open',
        dueDate: '2016-03-30',
      },
      [
        'plan@account: 0.00',
        'general@account: 0.00',
        'general@subscription: 0.00',
      ],
    ],
    [
      'a scope with no line of its kind is left alone',
      [
        { scope: 'sms', amount: '5.00' },
        { scope: 'users', amount: '5.00', onSubscription: true },
      ],
      {
        lines: ['0.00'],
        creditApplied: '0.00',
        total: '300.00',
        status: 'open',
        dueDate: '2016-03-30',
      },
      ['sms@account: 5.00', 'users@subscription: 5.00'],
    ],
    [
      // The due date follows the balance after credits: 60.00 is not above 100.00.
      'the due date after credits',
      [{ scope: 'plan', amount: '240.00' }],
      {
        lines: ['240.00'],
        creditApplied: '240.00',
        total: '60.00',
        status: 'open',
        dueDate: undefined,
      },
      ['plan@account: 0.00'],
    ],
  ])('applies credits: %s', async (_name, grants, expected, left) => {
    const area = await invoiceTestArea(await databases.init(databaseId));
    const subscription = await area.subscribe({
      tenantId: 'clinic',
      startDate: '2016-01-01',
    });
    for (const { onSubscription, ...grant } of grants) {
      const res = await credit(area, {
        accountId: 'acme',
        ...(onSubscription ? { subscriptionId: subscription } : {}),
        ...grant,
      });
      expect(res.status).toBe(201);
    }
    await area.area.runInvoices('2016-02');
    const [invoice] = await area.invoicesOf('acme', '2016-02');
    const { lines, ...totals } = expected as { lines: string[] };
    expect(
      invoice.lines.map(
        (line: { creditApplied: string }) => line.creditApplied,
      ),
    ).toEqual(lines);
    expect({
      creditApplied: invoice.creditApplied,
      total: invoice.total,
      status: invoice.status,
      dueDate: invoice.dueDate,
    }).toEqual(totals);
    expect(invoice.subtotal).toBe('300.00');
    expect(await balances(area, 'acme')).toEqual(left);
  });

  it('moves a subscription’s credits to the next one on an upgrade within a month', async () => {
    const area = await invoiceTestArea(await databases.init(databaseId));
    const standard = await area.subscribe({
      tenantId: 'clinic',
      startDate: '2016-01-01',
    });
    expect(
      (
        await credit(area, {
          accountId: 'acme',
          subscriptionId: standard,
          scope: 'plan',
          amount: '40.00',
        })
      ).status,
    ).toBe(201);
    area.clock.setToday('2016-02-10');
    const change = await area
      .as(MANAGER)
      .post(`/v1/billing/subscriptions/${standard}/change`, { planId: 'pro' });
    expect(change.status).toBe(200);
    expect(change.body.scheduled).toBe(false);
    const pro = change.body.next.id;
    const lines = (
      await area.as(READER).get('/v1/billing/credits?accountId=acme')
    ).body.items;
    const bySubscription = (id: string) =>
      lines
        .find((line: { subscriptionId?: string }) => line.subscriptionId === id)
        .entries.map((entry: { amount: string; reason: string }) => [
          entry.reason,
          entry.amount,
        ]);
    expect(bySubscription(standard)).toEqual([
      ['grant', '40.00'],
      ['transfer-out', '-40.00'],
    ]);
    expect(bySubscription(pro)).toEqual([['transfer-in', '40.00']]);

    area.clock.setToday('2016-03-10');
    await area.area.runInvoices('2016-02');
    const [first, second] = await area.invoicesOf('acme', '2016-02');
    // 9 of 29 days of Standard at 10.34; 20 of 29 days of Pro at 20.69.
    expect([first.subscriptionId, first.total, first.creditApplied]).toEqual([
      standard,
      '93.06',
      '0.00',
    ]);
    expect([second.subscriptionId, second.subtotal, second.total]).toEqual([
      pro,
      '413.80',
      '373.80',
    ]);
    expect(second.lines[0].creditApplied).toBe('40.00');
  });

  it('gives a cancelled scheduled subscription’s credits back to the one before', async () => {
    const area = await invoiceTestArea(await databases.init(databaseId));
    const pro = await area.subscribe({
      tenantId: 'clinic',
      planId: 'pro',
      startDate: '2016-03-01',
    });
    // Within 30 days: a scheduled downgrade, whose new row exists at once.
    const change = await area
      .as(MANAGER)
      .post(`/v1/billing/subscriptions/${pro}/change`, { planId: 'standard' });
    expect(change.body.scheduled).toBe(true);
    const next = change.body.next.id;
    await credit(area, {
      accountId: 'acme',
      subscriptionId: pro,
      scope: 'plan',
      amount: '10.00',
    });
    // Granted after the change: a later change moves it again, a cancel back.
    await credit(area, {
      accountId: 'acme',
      subscriptionId: next,
      scope: 'users',
      amount: '7.00',
    });
    const cancelled = await area
      .as(MANAGER)
      .post(`/v1/billing/subscriptions/${next}/cancel`, {});
    expect(cancelled.status).toBe(200);
    const lines = (
      await area.as(READER).get('/v1/billing/credits?accountId=acme')
    ).body.items.map(
      (line: { subscriptionId: string; scope: string; balance: string }) => [
        line.subscriptionId === pro ? 'pro' : 'cancelled',
        line.scope,
        line.balance,
      ],
    );
    expect(lines).toHaveLength(3);
    expect(lines).toEqual(
      expect.arrayContaining([
        ['pro', 'plan', '10.00'],
        ['pro', 'users', '7.00'],
        ['cancelled', 'users', '0.00'],
      ]),
    );
  });

  it('spends a credit once when a run and a correction race for it', async () => {
    const area = await invoiceTestArea(await databases.init(databaseId));
    await area.subscribe({ tenantId: 'clinic', startDate: '2016-01-01' });
    await area.subscribe({ tenantId: 'lab', startDate: '2016-01-01' });
    await credit(area, {
      accountId: 'acme',
      scope: 'general',
      amount: '100.00',
    });
    const [run, correction] = await Promise.all([
      area.area.runInvoices('2016-02'),
      credit(area, { accountId: 'acme', scope: 'general', amount: '-100.00' }),
    ]);
    expect(run.created).toBe(2);
    const used = (await area.invoicesOf('acme', '2016-02')).map(
      (invoice: { creditApplied: string }) => invoice.creditApplied,
    );
    // Either the correction came first and the run found nothing, or the
    // first invoice took it all and the correction was refused.
    expect([correction.status, used]).toEqual(
      correction.status === 201
        ? [201, ['0.00', '0.00']]
        : [409, ['100.00', '0.00']],
    );
    expect(await balances(area, 'acme')).toEqual(['general@account: 0.00']);
  });

  it('answers the credit routes with exact status codes, changing nothing when refused', async () => {
    const area = await invoiceTestArea(await databases.init(databaseId));
    const clinic = await area.subscribe({
      tenantId: 'clinic',
      startDate: '2016-01-01',
    });
    const main = await area.subscribe({
      tenantId: 'main',
      startDate: '2016-01-01',
    });
    const post = (body: Record<string, unknown>, user = MANAGER) =>
      area.as(user).post('/v1/billing/credits', {
        accountId: 'acme',
        scope: 'general',
        amount: '10.00',
        note: 'n',
        ...body,
      });
    expect((await post({}, READER)).status).toBe(403);
    expect((await post({}, NO_PERMISSIONS)).status).toBe(403);
    expect((await post({ accountId: 'nope' })).status).toBe(404);
    // Another account's subscription is answered like an unknown one.
    const foreign = await post({ subscriptionId: main });
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.message).toBe(
      `Subscription ${main} not found in account acme`,
    );
    expect(
      (await post({ subscriptionId: '00000000-0000-4000-8000-000000000000' }))
        .status,
    ).toBe(404);
    for (const [body, message] of [
      [{ amount: '10.005' }, 'amount must be an amount with two decimals'],
      [{ amount: '0.00' }, 'amount must not be 0.00'],
      // Never handed on to arithmetic (once a 500).
      [{ amount: '' }, 'amount must be an amount with two decimals'],
      [{ amount: 10 }, 'amount Expected string, received number'],
      [{ amount: '1e3' }, 'amount must be an amount with two decimals'],
      [{ amount: '99999999999999.99' }, 'amount must be an amount'],
      [{ scope: 'discount' }, 'scope Invalid enum value'],
      [{ note: '' }, 'note String must contain at least 1 character'],
      [{ note: 'a\u0000b' }, 'note must not contain NUL characters'],
      [{ note: 'a\u0007b' }, 'note must not contain control characters'],
      [{ subscriptionId: 'x' }, 'subscriptionId Invalid uuid'],
      [{ extra: 1 }, 'unknown field extra'],
    ] as const) {
      const res = await post(body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
      expect(res.body.error.message).toContain(message);
    }
    // An adjustment may not take the line below zero.
    expect((await post({ amount: '10.00' })).status).toBe(201);
    const below = await post({ amount: '-10.01' });
    expect(below.status).toBe(409);
    expect(below.body.error.message).toBe(
      'The general credit line has 10.00; an entry of -10.01 would take it below zero',
    );
    const corrected = await post({ amount: '-4.00', note: 'Typo' });
    expect(corrected.status).toBe(201);
    expect(corrected.body.balance).toBe('6.00');
    expect(corrected.body.entries.map((e: any) => e.reason)).toEqual([
      'grant',
      'adjustment',
    ]);
    // The largest amount fits once; beyond it the line refuses.
    expect(
      (await post({ subscriptionId: clinic, amount: '9999999999999.99' }))
        .status,
    ).toBe(201);
    expect(
      (await post({ subscriptionId: clinic, amount: '0.01' })).status,
    ).toBe(409);
    // A new line with a correction first is refused and not created.
    expect((await post({ scope: 'sms', amount: '-1.00' })).status).toBe(409);
    expect(await balances(area, 'acme')).toEqual([
      'general@account: 6.00',
      'general@subscription: 9999999999999.99',
    ]);
    expect(area.auditor.createEvent).toHaveBeenCalledWith(
      expect.objectContaining({ eventId: 'billing-credit' }),
    );

    const get = (query: string, user = READER) =>
      area.as(user).get(`/v1/billing/credits${query}`);
    expect((await get('?accountId=acme', NO_PERMISSIONS)).status).toBe(403);
    expect((await get('')).status).toBe(400);
    expect((await get('?accountId=acme&x=1')).status).toBe(400);
    expect((await get('?accountId=nope')).status).toBe(404);
    expect((await get('?accountId=%00')).status).toBe(400);
    expect((await get('?accountId=big')).body).toEqual({ items: [] });
  });
});
