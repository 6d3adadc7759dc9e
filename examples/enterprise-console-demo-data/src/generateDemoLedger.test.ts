import { BillingInvoice } from '@internal/plugin-enterprise-console-common';
import {
  generateDemoLedgerActions,
  generateDemoLedgerSetup,
} from './generateDemoLedger';

const ACCOUNTS = new Set([
  'acme-health',
  'globex-logistics',
  'initech-field',
  'umbrella-ngo',
  'stark-labs',
]);

const LAST_DAY: Record<string, string> = {
  '2026-09': '2026-09-30',
  '2026-10': '2026-10-31',
  '2026-11': '2026-11-30',
};

function invoice(
  id: string,
  number: number,
  period: string,
  balance: string,
  status: BillingInvoice['status'] = 'open',
): BillingInvoice {
  return {
    id,
    number,
    accountId: 'x',
    period,
    periodStart: `${period}-01`,
    periodEnd: LAST_DAY[period],
    lines: [],
    subtotal: balance,
    creditApplied: '0.00',
    total: balance,
    paid: '0.00',
    balance,
    status,
    createdAt: '2026-12-01T00:00:00.000Z',
  };
}

describe('generateDemoLedgerSetup', () => {
  it('invoices the three months before the reference date, across a year end', () => {
    expect(
      generateDemoLedgerSetup(new Date('2027-01-15T10:00:00Z'), ACCOUNTS)
        .periods,
    ).toEqual(['2026-10', '2026-11', '2026-12']);
  });

  it('credits and contacts only accounts that exist', () => {
    const setup = generateDemoLedgerSetup(
      new Date('2026-12-01T00:00:00Z'),
      new Set(['acme-health']),
    );
    expect(setup.credits.map(c => [c.accountId, c.scope, c.amount])).toEqual([
      ['acme-health', 'users', '25.00'],
    ]);
    expect(setup.contacts.map(c => c.accountId)).toEqual(['acme-health']);
  });
});

describe('generateDemoLedgerActions', () => {
  const periods = ['2026-09', '2026-10', '2026-11'];

  it('leaves the first of the oldest month overdue, pays the rest, half of the middle month, and keeps the newest open', () => {
    const actions = generateDemoLedgerActions(
      new Map([
        [
          'initech-field',
          [
            invoice('a', 1, '2026-09', '300.00'),
            invoice('b', 2, '2026-09', '120.50'),
            invoice('c', 3, '2026-10', '300.01'),
            invoice('d', 4, '2026-11', '300.00'),
            invoice('e', 5, '2026-09', '0.00', 'paid'),
          ],
        ],
      ]),
      periods,
    );
    expect(actions.voids).toEqual([]);
    expect(actions.payments).toEqual([
      {
        accountId: 'initech-field',
        invoiceId: 'b',
        method: 'card',
        amount: '120.50',
        reference: 'DEMO-2',
        receivedAt: '2026-10-01',
      },
      {
        accountId: 'initech-field',
        invoiceId: 'c',
        method: 'eft',
        amount: '150.00',
        reference: 'DEMO-3',
        receivedAt: '2026-11-01',
      },
    ]);
  });

  it("voids Globex's first invoice of the middle month and part-pays the next; Stark Labs pays 500.00 ahead", () => {
    const actions = generateDemoLedgerActions(
      new Map([
        [
          'stark-labs',
          [
            invoice('s1', 1, '2026-09', '900.00'),
            invoice('s2', 2, '2026-11', '1000.00'),
          ],
        ],
        [
          'globex-logistics',
          [
            invoice('g1', 3, '2026-10', '200.00'),
            invoice('g2', 4, '2026-10', '0.03'),
          ],
        ],
      ]),
      periods,
    );
    expect(actions.voids).toEqual([
      {
        invoiceId: 'g1',
        reason: 'Issued for a tenant that had moved to Initech',
      },
    ]);
    expect(
      actions.payments.map(p => [p.accountId, p.invoiceId, p.method, p.amount]),
    ).toEqual([
      ['globex-logistics', 'g2', 'card', '0.01'],
      ['stark-labs', 's2', 'eft', '1500.00'],
    ]);
  });

  it('has Stark Labs, without a statement, pay 500.00 ahead on the 1st after the newest month', () => {
    const actions = generateDemoLedgerActions(
      new Map([['stark-labs', []]]),
      periods,
    );
    expect(actions.payments).toEqual([
      {
        accountId: 'stark-labs',
        method: 'card',
        amount: '500.00',
        reference: 'DEMO-PREPAYMENT',
        receivedAt: '2026-12-01',
      },
    ]);
    expect(actions.voids).toEqual([]);
  });
});
