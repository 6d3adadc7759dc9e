import { Knex } from 'knex';
import { DateTime } from 'luxon';
import { BILLING_MANAGER, BILLING_READER } from './__testUtils__/billingGrants';
import { invoiceTestArea } from './__testUtils__/invoiceTestArea';
import { seededRandom } from '../__testUtils__/seededRandom';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { formatMoney, fromCents } from '../lib/money';

const databases = createTestDatabases({ testTimeoutMs: 600_000 });

const STEPS = 200;

/** The generator, and an amount of 0.01 up to `maxCents` as the API writes it. */
function prng(seed: number) {
  const random = seededRandom(seed);
  return {
    ...random,
    amount: (maxCents: number) =>
      formatMoney(fromCents(1 + random.int(maxCents))),
  };
}

const big = (value: unknown) => BigInt(String(value ?? 0));

/**
 * The ledger's invariants, read straight from the tables: every line's
 * balance (the sum of its entries) within [0, max]; every invoice's
 * credit within its lines and its total, never below zero; payments
 * never more than an invoice's total; status paid exactly when settled;
 * every payment's amount = its allocations + its excess credit; every
 * invoice's credit = what its entries took (given back when void).
 */
async function checkInvariants(knex: Knex, step: string) {
  const problems: string[] = [];
  const sums = await knex('billing_credit_entries')
    .groupBy('line_id')
    .select('line_id', knex.raw('sum(amount_cents) as cents'));
  for (const row of sums) {
    if (big(row.cents) < 0n || big(row.cents) > 999_999_999_999_999n) {
      problems.push(`line ${row.line_id} balance ${row.cents}`);
    }
  }
  const invoices = await knex('billing_invoices').select();
  const lines = await knex('billing_invoice_lines').select();
  const allocations = await knex('billing_payment_allocations').select();
  const entries = await knex('billing_credit_entries').select();
  for (const invoice of invoices) {
    const own = lines.filter(line => line.invoice_id === invoice.id);
    const subtotal = own.reduce((s, l) => s + big(l.amount_cents), 0n);
    const lineCredit = own.reduce(
      (s, l) => s + big(l.credit_applied_cents),
      0n,
    );
    const credit = big(invoice.credit_applied_cents);
    const total = big(invoice.total_cents);
    const paid = allocations
      .filter(a => a.invoice_id === invoice.id)
      .reduce((s, a) => s + big(a.amount_cents), 0n);
    const taken = entries
      .filter(e => e.invoice_id === invoice.id)
      .reduce((s, e) => s - big(e.amount_cents), 0n);
    const label = `invoice ${invoice.number}`;
    for (const line of own) {
      const cents = big(line.credit_applied_cents);
      if (cents < 0n || (cents > 0n && cents > big(line.amount_cents))) {
        problems.push(`${label} line ${line.position} credit ${cents}`);
      }
    }
    if (
      big(invoice.subtotal_cents) !== subtotal ||
      total !== subtotal - credit ||
      total < 0n ||
      lineCredit > credit
    ) {
      problems.push(`${label}: ${subtotal} - ${credit} = ${total}`);
    }
    if (paid > total) {
      problems.push(`${label}: paid ${paid} > total ${total}`);
    }
    if (invoice.status === 'void') {
      if (paid !== 0n || taken !== 0n) {
        problems.push(`${label}: void with paid ${paid}, credit kept ${taken}`);
      }
    } else {
      if ((invoice.status === 'paid') !== (paid === total)) {
        problems.push(`${label}: ${invoice.status} with ${paid}/${total}`);
      }
      if (taken !== credit) {
        problems.push(`${label}: entries took ${taken}, credit ${credit}`);
      }
    }
  }
  for (const payment of await knex('billing_payments').select()) {
    const allocated = allocations
      .filter(a => a.payment_id === payment.id)
      .reduce((s, a) => s + big(a.amount_cents), 0n);
    const excess = entries
      .filter(e => e.payment_id === payment.id)
      .reduce((s, e) => s + big(e.amount_cents), 0n);
    if (allocated + excess !== big(payment.amount_cents)) {
      problems.push(
        `payment ${payment.reference}: ${allocated} + ${excess} != ${payment.amount_cents}`,
      );
    }
  }
  expect({ step, problems }).toEqual({ step, problems: [] });
}

describe.each(databases.eachSupportedId())('the ledger on %p', databaseId => {
  it(`keeps its invariants over ${STEPS} random credits, payments, runs and voids`, async () => {
    const knex = await databases.init(databaseId);
    const area = await invoiceTestArea(knex);
    const random = prng(20261201);
    const subscriptions: Record<string, string[]> = { acme: [], big: [] };
    subscriptions.acme.push(
      await area.subscribe({ tenantId: 'clinic', startDate: '2016-01-01' }),
      await area.subscribe({
        tenantId: 'lab',
        planId: 'pro',
        startDate: '2016-01-01',
      }),
    );
    subscriptions.big.push(
      await area.subscribe({ tenantId: 'main', startDate: '2016-01-01' }),
      await area.subscribe({
        tenantId: 'second',
        startDate: '2016-01-01',
        doNotInvoice: true,
        doNotInvoiceReason: 'Covered',
      }),
    );
    let month = DateTime.fromISO('2016-01-01', { zone: 'utc' });
    area.clock.setToday('2016-01-20');
    const manager = area.as(BILLING_MANAGER);
    const invoiceIds = async (accountId: string): Promise<string[]> =>
      (
        await area
          .as(BILLING_READER)
          .get(`/v1/billing/invoices?accountId=${accountId}`)
      ).body.items.map((item: { id: string }) => item.id);
    const seen: Record<string, number> = {};

    for (let step = 0; step < STEPS; step++) {
      const accountId = random.pick(['acme', 'big'] as const);
      const action = random.pick([
        'grant',
        'grant',
        'adjust',
        'pay',
        'pay',
        'run',
        'void',
      ] as const);
      let status: number;
      if (action === 'grant' || action === 'adjust') {
        const level = random.int(3);
        const res = await manager.post('/v1/billing/credits', {
          accountId,
          ...(level === 0
            ? {}
            : { subscriptionId: subscriptions[accountId][level - 1] }),
          scope: random.pick(['plan', 'users', 'sms', 'general']),
          amount:
            action === 'grant'
              ? random.amount(40000)
              : `-${random.amount(30000)}`,
          note: `step ${step}`,
        });
        status = res.status;
      } else if (action === 'pay') {
        const ids = await invoiceIds(accountId);
        const named = ids.length > 0 && random.int(2) === 0;
        const res = await manager.post('/v1/billing/payments', {
          accountId,
          ...(named ? { invoiceId: random.pick(ids) } : {}),
          method: random.pick(['card', 'eft', 'check']),
          amount: random.amount(90000),
          reference: `step ${step}`,
          receivedAt: area.clock.now().toISOString().slice(0, 10),
        });
        status = res.status;
      } else if (action === 'run') {
        const result = await area.area.runInvoices(month.toFormat('yyyy-MM'));
        status = result.failed === 0 ? 200 : 500;
        month = month.plus({ months: 1 });
        area.clock.setToday(month.plus({ days: 19 }).toISODate()!);
      } else {
        const ids = await invoiceIds(accountId);
        if (ids.length === 0) {
          continue;
        }
        const res = await manager.post(
          `/v1/billing/invoices/${random.pick(ids)}/void`,
          { reason: `step ${step}` },
        );
        status = res.status;
      }
      // Refusals are conflicts (below zero, paid, void); never anything else.
      expect({
        step,
        action,
        refusedOrDone: [200, 201, 409].includes(status),
      }).toEqual({ step, action, refusedOrDone: true });
      seen[`${action} ${status}`] = (seen[`${action} ${status}`] ?? 0) + 1;
      await checkInvariants(knex, `${step} ${action} ${status}`);
    }
    // The sequence reached each kind of outcome, not only the easy ones.
    expect(Object.keys(seen).sort()).toEqual(
      expect.arrayContaining([
        'adjust 201',
        'adjust 409',
        'grant 201',
        'pay 201',
        'pay 409',
        'run 200',
        'void 200',
        'void 409',
      ]),
    );
    // Every line's API balance is the sum of its entries.
    for (const accountId of ['acme', 'big']) {
      const lines = (
        await area
          .as(BILLING_READER)
          .get(`/v1/billing/credits?accountId=${accountId}`)
      ).body.items;
      for (const line of lines) {
        const [row] = await knex('billing_credit_entries')
          .where({ line_id: line.id })
          .select(knex.raw('sum(amount_cents) as cents'));
        expect(line.balance).toBe(formatMoney(fromCents(big(row.cents))));
      }
    }
  });
});
