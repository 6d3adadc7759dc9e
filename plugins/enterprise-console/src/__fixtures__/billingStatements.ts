import {
  BillingContact,
  BillingCreditLine,
  BillingInvoice,
  BillingPayment,
} from '@internal/plugin-enterprise-console-common';

function invoice(
  fields: Partial<BillingInvoice> &
    Pick<BillingInvoice, 'id' | 'number' | 'period' | 'total' | 'status'>,
): BillingInvoice {
  const [year, month] = fields.period.split('-').map(Number);
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return {
    accountId: 'acme-health',
    periodStart: `${fields.period}-01`,
    periodEnd: `${fields.period}-${lastDay}`,
    lines: [],
    subtotal: fields.total,
    creditApplied: '0.00',
    paid: '0.00',
    balance: fields.total,
    createdAt: '2026-11-01T02:00:00.000Z',
    ...fields,
  };
}

/**
 * The invoices of acme-health, newest period first: November's consolidated
 * statement open, October's statement and Alpha Clinic's invoice overdue,
 * September's paid, and a voided one.
 */
export const novemberStatement = invoice({
  id: 'inv-1012',
  number: 1012,
  period: '2026-11',
  lines: [
    {
      kind: 'plan',
      description: 'Advanced plan',
      quantity: '1',
      unitPrice: '1200.00',
      amount: '1200.00',
      creditApplied: '0.00',
    },
    {
      kind: 'users',
      description: 'Extra users',
      quantity: '11',
      unitPrice: '1.00',
      amount: '11.00',
      creditApplied: '1.00',
    },
  ],
  subtotal: '1211.00',
  creditApplied: '1.00',
  total: '1210.00',
  paid: '200.00',
  balance: '1010.00',
  status: 'open',
  dueDate: '2026-12-30',
  note: 'Extra users counted from the snapshot of 2026-11-30.',
  createdAt: '2026-12-01T02:00:00.000Z',
});
export const octoberStatement = invoice({
  id: 'inv-1004',
  number: 1004,
  period: '2026-10',
  total: '1200.00',
  status: 'overdue',
  dueDate: '2026-11-30',
});
export const octoberAlpha = invoice({
  id: 'inv-1003',
  number: 1003,
  period: '2026-10',
  tenantId: 'alpha',
  subscriptionId: 'sub-alpha-pro',
  total: '72.38',
  status: 'overdue',
  dueDate: '2026-11-30',
});
export const septemberStatement = invoice({
  id: 'inv-1001',
  number: 1001,
  period: '2026-09',
  total: '1200.00',
  paid: '1200.00',
  balance: '0.00',
  status: 'paid',
  dueDate: '2026-10-30',
});
export const voidedAlpha = invoice({
  id: 'inv-1000',
  number: 1000,
  period: '2026-09',
  tenantId: 'alpha',
  total: '10.34',
  status: 'void',
  voidReason: 'Billed twice',
});
export const acmeInvoices: BillingInvoice[] = [
  novemberStatement,
  octoberStatement,
  octoberAlpha,
  septemberStatement,
  voidedAlpha,
];

/** A users credit on Alpha's subscription, partly used, and a general one. */
export const alphaUsersCredit: BillingCreditLine = {
  id: 'line-1',
  accountId: 'acme-health',
  subscriptionId: 'sub-alpha-pro',
  tenantId: 'alpha',
  scope: 'users',
  balance: '1.00',
  entries: [
    {
      amount: '2.00',
      reason: 'grant',
      author: 'user:default/billing-admin',
      note: 'Goodwill for the outage',
      at: '2026-10-05T09:00:00.000Z',
    },
    {
      amount: '-1.00',
      reason: 'applied',
      author: 'system',
      note: 'Invoice 1012',
      invoiceId: 'inv-1012',
      at: '2026-12-01T02:00:00.000Z',
    },
  ],
};
export const generalCredit: BillingCreditLine = {
  id: 'line-2',
  accountId: 'acme-health',
  scope: 'general',
  balance: '25.50',
  entries: [
    {
      amount: '25.50',
      reason: 'payment-excess',
      author: 'user:default/billing-admin',
      note: 'Excess of payment CHK-77',
      paymentId: 'pay-1',
      at: '2026-10-20T10:00:00.000Z',
    },
  ],
};
export const acmeCredits: BillingCreditLine[] = [
  generalCredit,
  alphaUsersCredit,
];

export const septemberPayment: BillingPayment = {
  id: 'pay-1',
  accountId: 'acme-health',
  method: 'check',
  amount: '1225.50',
  reference: 'CHK-77',
  receivedAt: '2026-10-20',
  payer: 'user:default/billing-admin',
  applied: [{ invoiceId: 'inv-1001', number: 1001, amount: '1200.00' }],
  creditCreated: '25.50',
  createdAt: '2026-10-20T10:00:00.000Z',
};
export const acmePayments: BillingPayment[] = [septemberPayment];

export const acmeContacts: BillingContact[] = [
  { name: 'Dana Payable', email: 'ap@acme.example', role: 'Accounts payable' },
];
