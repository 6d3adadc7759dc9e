import {
  BillingContact,
  BillingCreditInput,
  BillingInvoice,
  BillingPaymentInput,
} from '@internal/plugin-enterprise-console-common';

/**
 * What the demo does before its invoice runs: credits the runs apply, and
 * billing contacts who receive the statements.
 */
export interface DemoLedgerSetup {
  /** The months to invoice (YYYY-MM), oldest first. */
  periods: string[];
  credits: BillingCreditInput[];
  contacts: Array<{ accountId: string; contacts: BillingContact[] }>;
}

/** What the demo does with the invoices the runs made. */
export interface DemoLedgerActions {
  payments: BillingPaymentInput[];
  voids: Array<{ invoiceId: string; reason: string }>;
}

/** The `count` months before `referenceDate`'s, oldest first (UTC). */
function monthsBefore(referenceDate: Date, count: number): string[] {
  const periods: string[] = [];
  for (let back = count; back >= 1; back -= 1) {
    const month = new Date(
      Date.UTC(
        referenceDate.getUTCFullYear(),
        referenceDate.getUTCMonth() - back,
        1,
      ),
    );
    periods.push(month.toISOString().slice(0, 7));
  }
  return periods;
}

/**
 * Three invoiced months, account-level credits of every scope that the
 * first run uses, and billing contacts for two accounts (the others fall
 * back to their admins).
 */
export function generateDemoLedgerSetup(
  referenceDate: Date,
  accountIds: ReadonlySet<string>,
): DemoLedgerSetup {
  const credits: BillingCreditInput[] = [
    {
      accountId: 'acme-health',
      scope: 'users',
      amount: '25.00',
      note: 'Goodwill for the user-sync outage of the spring',
    },
    {
      accountId: 'globex-logistics',
      scope: 'general',
      amount: '150.00',
      note: 'Referral bonus for bringing Initech',
    },
    {
      accountId: 'stark-labs',
      scope: 'plan',
      amount: '40.00',
      note: 'Migration help took longer than promised',
    },
  ];
  const contacts = [
    {
      accountId: 'acme-health',
      contacts: [
        {
          name: 'Amara Okafor',
          email: 'accounts.payable@acme-health.example',
          role: 'Accounts payable',
        },
        {
          name: 'Jonas Berg',
          email: 'jonas.berg@acme-health.example',
          role: 'Finance director',
        },
      ],
    },
    {
      accountId: 'globex-logistics',
      contacts: [
        {
          name: 'Globex Billing',
          email: 'billing@globex.example',
          role: 'Billing office',
        },
      ],
    },
  ];
  return {
    periods: monthsBefore(referenceDate, 3),
    credits: credits.filter(credit => accountIds.has(credit.accountId)),
    contacts: contacts.filter(entry => accountIds.has(entry.accountId)),
  };
}

/** The first day of the month after `period` (YYYY-MM). */
function monthAfter(period: string): string {
  const [year, month] = period.split('-').map(Number);
  return new Date(Date.UTC(year, month, 1)).toISOString().slice(0, 10);
}

const byPeriodAndNumber = (a: BillingInvoice, b: BillingInvoice) =>
  a.period.localeCompare(b.period) || a.number - b.number;

/** Two-decimal amounts as whole cents, and back (money is never a float). */
const cents = (amount: string) => BigInt(amount.replace('.', ''));
const amount = (value: bigint) =>
  `${value / 100n}.${String(value % 100n).padStart(2, '0')}`;

/**
 * Payments and voids that leave the demo's statements in every status:
 * of each account's unpaid invoices, those of the oldest month are paid
 * in full, except every account's first, left overdue; one invoice of the
 * middle month is paid in part; the newest month stays open; Globex's
 * first invoice of the middle month is void; and Stark Labs pays its
 * newest statement with 500.00 more (or, without one, 500.00 ahead the
 * day after the newest month), which becomes a general credit for the
 * next one. Received the day after each period ended, by card, EFT or
 * check in turn.
 */
export function generateDemoLedgerActions(
  invoicesByAccount: ReadonlyMap<string, readonly BillingInvoice[]>,
  periods: readonly string[],
): DemoLedgerActions {
  const payments: BillingPaymentInput[] = [];
  const voids: DemoLedgerActions['voids'] = [];
  const methods = ['card', 'eft', 'check'] as const;
  const [oldest, middle] = periods;
  const receivedAfter = (invoice: BillingInvoice) => {
    const end = new Date(`${invoice.periodEnd}T00:00:00Z`);
    return new Date(end.getTime() + 86_400_000).toISOString().slice(0, 10);
  };
  for (const [accountId, all] of [...invoicesByAccount].sort(([a], [b]) =>
    a.localeCompare(b),
  )) {
    const unpaid = all
      .filter(
        invoice => invoice.status === 'open' || invoice.status === 'overdue',
      )
      .sort(byPeriodAndNumber);
    const pay = (invoice: BillingInvoice, paid: string) =>
      payments.push({
        accountId,
        invoiceId: invoice.id,
        method: methods[payments.length % methods.length],
        amount: paid,
        reference: `DEMO-${invoice.number}`,
        receivedAt: receivedAfter(invoice),
      });
    unpaid
      .filter(invoice => invoice.period === oldest)
      .slice(1)
      .forEach(invoice => pay(invoice, invoice.balance));
    const inMiddle = unpaid.filter(invoice => invoice.period === middle);
    if (accountId === 'globex-logistics' && inMiddle.length > 0) {
      voids.push({
        invoiceId: inMiddle[0].id,
        reason: 'Issued for a tenant that had moved to Initech',
      });
      inMiddle.shift();
    }
    const half = inMiddle.length > 0 ? cents(inMiddle[0].balance) / 2n : 0n;
    if (half > 0n) {
      pay(inMiddle[0], amount(half));
    }
    if (accountId === 'stark-labs') {
      // Its newest statement and 500.00 more: the excess is general credit.
      // Without a statement yet (no tenants), all 500.00 is paid ahead.
      const newest = unpaid[unpaid.length - 1];
      if (newest) {
        pay(newest, amount(cents(newest.balance) + 50_000n));
      } else if (periods.length > 0) {
        payments.push({
          accountId,
          method: methods[payments.length % methods.length],
          amount: '500.00',
          reference: 'DEMO-PREPAYMENT',
          receivedAt: monthAfter(periods[periods.length - 1]),
        });
      }
    }
  }
  return { payments, voids };
}
