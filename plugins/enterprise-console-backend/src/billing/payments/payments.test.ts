import {
  BILLING_MANAGER,
  BILLING_READER,
  NO_PERMISSIONS,
} from '../__testUtils__/billingGrants';
import { invoiceTestArea } from '../__testUtils__/invoiceTestArea';
import { createTestDatabases } from '../../__testUtils__/testDatabases';

const databases = createTestDatabases({ testTimeoutMs: 60_000 });

const MANAGER = BILLING_MANAGER;
const READER = BILLING_READER;

type Area = Awaited<ReturnType<typeof invoiceTestArea>>;

/** Records a payment through the API; the answer. */
const pay = (area: Area, body: Record<string, unknown>, user = MANAGER) =>
  area.as(user).post('/v1/billing/payments', {
    accountId: 'acme',
    method: 'eft',
    reference: 'EFT-1',
    receivedAt: '2016-03-10',
    ...body,
  });

/** `number: status paid/balance` of each invoice. */
const states = async (area: Area) =>
  (await area.invoicesOf('acme')).map(
    (i: any) => `${i.number}: ${i.status} ${i.paid}/${i.balance}`,
  );

/** clinic on Standard since 2016-01-01, January and February invoiced (300.00 each). */
async function twoInvoices(area: Area) {
  await area.subscribe({ tenantId: 'clinic', startDate: '2016-01-01' });
  await area.area.runInvoices('2016-01');
  await area.area.runInvoices('2016-02');
  const [january, february] = await area.invoicesOf('acme');
  return { january, february };
}

describe.each(databases.eachSupportedId())('payments on %p', databaseId => {
  it('settles the oldest open invoices, and the excess is a general credit the next run uses', async () => {
    const area = await invoiceTestArea(await databases.init(databaseId));
    const { january, february } = await twoInvoices(area);
    const res = await pay(area, { amount: '700.00' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      accountId: 'acme',
      method: 'eft',
      amount: '700.00',
      reference: 'EFT-1',
      receivedAt: '2016-03-10',
      payer: MANAGER,
      applied: [
        { invoiceId: january.id, number: 1, amount: '300.00' },
        { invoiceId: february.id, number: 2, amount: '300.00' },
      ],
      creditCreated: '100.00',
      createdAt: '2016-03-10T12:00:00.000Z',
    });
    expect(await states(area)).toEqual([
      '1: paid 300.00/0.00',
      '2: paid 300.00/0.00',
    ]);
    const [line] = (
      await area.as(READER).get('/v1/billing/credits?accountId=acme')
    ).body.items;
    expect(line).toMatchObject({
      scope: 'general',
      balance: '100.00',
      entries: [
        {
          amount: '100.00',
          reason: 'payment-excess',
          author: MANAGER,
          paymentId: res.body.id,
        },
      ],
    });
    expect(
      (await area.as(READER).get('/v1/billing/payments?accountId=acme')).body,
    ).toEqual({ items: [res.body] });
    expect(area.auditor.createEvent).toHaveBeenCalledWith(
      expect.objectContaining({ eventId: 'billing-payment' }),
    );

    // Prepayment: the next run takes the 100.00 against March's invoice.
    area.clock.setToday('2016-04-10');
    await area.area.runInvoices('2016-03');
    const march = (await area.invoicesOf('acme'))[2];
    expect(march).toMatchObject({
      number: 3,
      subtotal: '300.00',
      creditApplied: '100.00',
      total: '200.00',
      balance: '200.00',
      status: 'open',
      dueDate: '2016-04-30',
    });
    expect(march.lines[0].creditApplied).toBe('0.00');
  });

  it('takes a partial payment of a named invoice, and the rest stays open', async () => {
    const area = await invoiceTestArea(await databases.init(databaseId));
    const { february } = await twoInvoices(area);
    const res = await pay(area, { invoiceId: february.id, amount: '120.50' });
    expect(res.status).toBe(201);
    expect(res.body.invoiceId).toBe(february.id);
    expect(res.body.applied).toEqual([
      { invoiceId: february.id, number: 2, amount: '120.50' },
    ]);
    expect(res.body.creditCreated).toBeUndefined();
    expect(await states(area)).toEqual([
      '1: overdue 0.00/300.00',
      '2: open 120.50/179.50',
    ]);
    // The rest, and more: the excess of a named invoice is credit, not the other invoice.
    const rest = await pay(area, {
      invoiceId: february.id,
      amount: '200.00',
      receivedAt: '2016-03-09',
    });
    expect(rest.body.applied).toEqual([
      { invoiceId: february.id, number: 2, amount: '179.50' },
    ]);
    expect(rest.body.creditCreated).toBe('20.50');
    expect(await states(area)).toEqual([
      '1: overdue 0.00/300.00',
      '2: paid 300.00/0.00',
    ]);
    // Newest received first.
    expect(
      (
        await area.as(READER).get('/v1/billing/payments?accountId=acme')
      ).body.items.map((p: { amount: string }) => p.amount),
    ).toEqual(['120.50', '200.00']);
  });

  it('is overdue only after the due date: on it the invoice is open', async () => {
    const area = await invoiceTestArea(await databases.init(databaseId));
    await area.subscribe({ tenantId: 'clinic', startDate: '2016-01-01' });
    await area.area.runInvoices('2016-02');
    const status = async () => (await area.invoicesOf('acme'))[0].status;
    expect((await area.invoicesOf('acme'))[0].dueDate).toBe('2016-03-30');
    area.clock.setToday('2016-03-30');
    expect(await status()).toBe('open');
    area.clock.setToday('2016-03-31');
    expect(await status()).toBe('overdue');
    const [invoice] = await area.invoicesOf('acme');
    // An overdue invoice takes a payment, and is paid then.
    expect(
      (
        await pay(area, {
          invoiceId: invoice.id,
          amount: '300.00',
          receivedAt: '2016-03-31',
        })
      ).status,
    ).toBe(201);
    expect(await status()).toBe('paid');
  });

  it('never pays more than an invoice’s balance when payments race', async () => {
    const area = await invoiceTestArea(await databases.init(databaseId));
    const { january } = await twoInvoices(area);
    const answers = await Promise.all(
      ['A', 'B', 'C'].map(reference =>
        pay(area, { invoiceId: january.id, amount: '250.00', reference }),
      ),
    );
    const statuses = answers.map(res => res.status).sort();
    // The third finds the invoice paid; the first two share it.
    expect(statuses).toEqual([201, 201, 409]);
    const applied = answers
      .filter(res => res.status === 201)
      .map(res => res.body.applied[0].amount)
      .sort();
    expect(applied).toEqual(['250.00', '50.00']);
    expect((await area.invoicesOf('acme'))[0]).toMatchObject({
      paid: '300.00',
      balance: '0.00',
      status: 'paid',
    });
  });

  it('answers the payment routes with exact status codes, changing nothing when refused', async () => {
    const area = await invoiceTestArea(await databases.init(databaseId));
    const { january } = await twoInvoices(area);
    await area.subscribe({ tenantId: 'main', startDate: '2016-01-01' });
    await area.area.runInvoices('2016-02');
    const [statement] = await area.invoicesOf('big');
    expect((await pay(area, { amount: '1.00' }, READER)).status).toBe(403);
    expect((await pay(area, { amount: '1.00' }, NO_PERMISSIONS)).status).toBe(
      403,
    );
    expect(
      (await pay(area, { accountId: 'nope', amount: '1.00' })).status,
    ).toBe(404);
    // Another account's invoice is answered like an unknown one.
    const foreign = await pay(area, {
      invoiceId: statement.id,
      amount: '1.00',
    });
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.message).toBe(
      `Invoice ${statement.id} not found in account acme`,
    );
    for (const [body, message] of [
      [{ amount: '-5.00' }, 'amount must be an amount with two decimals'],
      [{ amount: '0.00' }, 'amount must be more than 0.00'],
      [{ amount: '💩' }, 'amount must be an amount with two decimals'],
      [{ amount: '5.001' }, 'amount must be an amount with two decimals'],
      [{ amount: '99999999999999.99' }, 'amount must be an amount'],
      [{ amount: 5 }, 'amount Expected string, received number'],
      [{ method: 'cash', amount: '5.00' }, 'method Invalid enum value'],
      [
        { receivedAt: '2016-02-30', amount: '5.00' },
        'receivedAt must be a date',
      ],
      [
        { receivedAt: '0000-01-01', amount: '5.00' },
        'receivedAt must be a date',
      ],
      [
        { receivedAt: '2016-03-11', amount: '5.00' },
        'receivedAt 2016-03-11 is after today (2016-03-10)',
      ],
      [{ reference: '', amount: '5.00' }, 'reference String must contain'],
      [
        { reference: 'a\u0000', amount: '5.00' },
        'reference must not contain NUL',
      ],
      [{ invoiceId: 'nope', amount: '5.00' }, 'invoiceId Invalid uuid'],
      [{ payer: 'me', amount: '5.00' }, 'unknown field payer'],
    ] as const) {
      const res = await pay(area, body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
      expect(res.body.error.message).toContain(message);
    }
    expect(await states(area)).toEqual([
      '1: overdue 0.00/300.00',
      '2: open 0.00/300.00',
    ]);
    expect(
      (await area.as(READER).get('/v1/billing/payments?accountId=acme')).body,
    ).toEqual({ items: [] });

    // A paid or a void invoice takes no payment.
    await pay(area, { invoiceId: january.id, amount: '300.00' });
    const again = await pay(area, { invoiceId: january.id, amount: '1.00' });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe(
      'Invoice 1 is paid; only an open or overdue invoice takes a payment',
    );
    const february = (await area.invoicesOf('acme'))[1];
    await area
      .as(MANAGER)
      .post(`/v1/billing/invoices/${february.id}/void`, { reason: 'Wrong' });
    expect(
      (await pay(area, { invoiceId: february.id, amount: '1.00' })).status,
    ).toBe(409);
    // The largest amount: with nothing open it is all credit, once.
    expect((await pay(area, { amount: '9999999999999.99' })).status).toBe(201);
    expect((await pay(area, { amount: '0.01' })).status).toBe(409);

    const get = (query: string, user = READER) =>
      area.as(user).get(`/v1/billing/payments${query}`);
    expect((await get('?accountId=acme', NO_PERMISSIONS)).status).toBe(403);
    expect((await get('')).status).toBe(400);
    expect((await get('?accountId=acme&limit=1')).status).toBe(400);
    expect((await get('?accountId=nope')).status).toBe(404);
  });
});

describe.each(databases.eachSupportedId())('void on %p', databaseId => {
  it('voids an invoice, gives its credits back, keeps its number', async () => {
    const area = await invoiceTestArea(await databases.init(databaseId));
    const subscription = await area.subscribe({
      tenantId: 'clinic',
      startDate: '2016-01-01',
    });
    await area.as(MANAGER).post('/v1/billing/credits', {
      accountId: 'acme',
      subscriptionId: subscription,
      scope: 'plan',
      amount: '30.00',
      note: 'Outage',
    });
    await area.as(MANAGER).post('/v1/billing/credits', {
      accountId: 'acme',
      scope: 'general',
      amount: '5.00',
      note: 'Goodwill',
    });
    await area.area.runInvoices('2016-01');
    await area.area.runInvoices('2016-02');
    const [january, february] = await area.invoicesOf('acme');
    expect([january.creditApplied, january.total]).toEqual(['35.00', '265.00']);
    expect(february.creditApplied).toBe('0.00');

    area.clock.later(60);
    const res = await area
      .as(MANAGER)
      .post(`/v1/billing/invoices/${january.id}/void`, {
        reason: 'Billed twice',
      });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      ...january,
      balance: '0.00',
      status: 'void',
      voidReason: 'Billed twice',
      voidedAt: '2016-03-10T13:00:00.000Z',
    });
    expect(area.auditor.createEvent).toHaveBeenCalledWith(
      expect.objectContaining({ eventId: 'billing-invoice-void' }),
    );
    const lines = (
      await area.as(READER).get('/v1/billing/credits?accountId=acme')
    ).body.items;
    expect(
      lines.map((line: any) => [
        line.scope,
        line.balance,
        line.entries.map((e: any) => `${e.reason} ${e.amount}`),
      ]),
    ).toEqual([
      [
        'general',
        '5.00',
        ['grant 5.00', 'applied -5.00', 'void-reversal 5.00'],
      ],
      [
        'plan',
        '30.00',
        ['grant 30.00', 'applied -30.00', 'void-reversal 30.00'],
      ],
    ]);
    expect(lines[1].entries[2]).toMatchObject({
      author: MANAGER,
      invoiceId: january.id,
      note: 'Invoice 1 was voided',
    });
    // Numbers stay: the void invoice keeps 1, and a re-run makes nothing.
    expect(await area.area.runInvoices('2016-01')).toEqual({
      created: 0,
      existing: 1,
      failed: 0,
    });
    expect(await states(area)).toEqual([
      '1: void 0.00/0.00',
      '2: open 0.00/300.00',
    ]);

    const again = await area
      .as(MANAGER)
      .post(`/v1/billing/invoices/${january.id}/void`, { reason: 'Again' });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe('Invoice 1 is void already');
  });

  it('refuses to void an invoice with a payment, and answers exactly', async () => {
    const area = await invoiceTestArea(await databases.init(databaseId));
    const { january } = await twoInvoices(area);
    await pay(area, { invoiceId: january.id, amount: '1.00' });
    const post = (id: string, body: unknown, user = MANAGER) =>
      area.as(user).post(`/v1/billing/invoices/${id}/void`, body);
    const paid = await post(january.id, { reason: 'No' });
    expect(paid.status).toBe(409);
    expect(paid.body.error.message).toBe(
      'Invoice 1 has payments; it cannot be voided',
    );
    expect((await post(january.id, { reason: 'No' }, READER)).status).toBe(403);
    expect((await post('not-a-uuid', { reason: 'No' })).status).toBe(404);
    expect(
      (await post('00000000-0000-4000-8000-000000000000', { reason: 'No' }))
        .status,
    ).toBe(404);
    for (const body of [{}, { reason: '' }, { reason: 'x', extra: 1 }]) {
      expect((await post(january.id, body)).status).toBe(400);
    }
    expect(await states(area)).toEqual([
      '1: overdue 1.00/299.00',
      '2: open 0.00/300.00',
    ]);
  });
});
