import { BillingInvoice } from '@internal/plugin-enterprise-console-common';
import { screen, waitFor, within } from '@testing-library/react';
import {
  acmeInvoices,
  octoberAlpha,
  septemberPayment,
} from '../../__fixtures__/billingStatements';
import {
  BILLING_MANAGE,
  BILLING_READ,
  billingApi,
  renderBillingSection,
} from '../../__testUtils__/renderBillingSection';
import {
  chooseOption,
  openDialog,
  press,
  typeInto,
} from '../../__testUtils__/dialogInput';
import { tableRows } from '../../__testUtils__/tableRows';

jest.setTimeout(30_000);

function tableTitled(title: string) {
  return screen
    .getByText(title)
    .closest('[class*="MuiPaper-root"]')!
    .querySelector('table')!;
}

describe('BillingTab payments', () => {
  it('lists the unpaid statements oldest first and the payments', async () => {
    const api = billingApi();
    await renderBillingSection('section=payments', {
      api,
      granted: [BILLING_READ, BILLING_MANAGE],
    });
    await screen.findByText('Payments of Acme Health');
    await waitFor(() =>
      expect(tableRows(tableTitled('Payments of Acme Health'))).toHaveLength(1),
    );
    expect(api.listBillingPayments).toHaveBeenCalledWith('acme-health');
    expect(tableRows(tableTitled('Payments of Acme Health'))).toEqual([
      [
        '2026-10-20',
        'Check',
        '$1,225.50',
        'CHK-77',
        'statement 1001 ($1,200.00)',
        '$25.50',
        'user:default/billing-admin',
      ],
    ]);
    expect(tableRows(tableTitled('Unpaid statements of Acme Health'))).toEqual([
      ['Statement 1003', '2026-10', '$72.38', '2026-11-30', 'Overdue'],
      ['Statement 1004', '2026-10', '$1,200.00', '2026-11-30', 'Overdue'],
      ['Statement 1012', '2026-11', '$1,010.00', '2026-12-30', 'Open'],
    ]);
  });

  it('records a payment for the oldest open statements and shows how it was applied', async () => {
    const payment = {
      ...septemberPayment,
      id: 'pay-2',
      method: 'eft' as const,
      amount: '100.00',
      reference: 'EFT 2026-11-30',
      receivedAt: '2026-11-30',
      applied: [
        { invoiceId: 'inv-1003', number: 1003, amount: '72.38' },
        { invoiceId: 'inv-1004', number: 1004, amount: '27.62' },
      ],
      creditCreated: undefined,
    };
    // What the server holds once the payment has settled 1003 and part of 1004.
    const afterPayment: Record<string, Partial<BillingInvoice>> = {
      [octoberAlpha.id]: { paid: '72.38', balance: '0.00', status: 'paid' },
      'inv-1004': { paid: '27.62', balance: '1172.38' },
    };
    let recorded = false;
    const recordBillingPayment = jest.fn(async () => {
      recorded = true;
      return payment;
    });
    const api = billingApi({
      recordBillingPayment,
      listBillingPayments: jest.fn(async () =>
        recorded ? [payment, septemberPayment] : [septemberPayment],
      ),
      listBillingInvoices: jest.fn(async () =>
        acmeInvoices.map(invoice =>
          recorded ? { ...invoice, ...afterPayment[invoice.id] } : invoice,
        ),
      ),
    });
    await renderBillingSection('section=payments', {
      api,
      granted: [BILLING_READ, BILLING_MANAGE],
    });
    const dialog = await openDialog('Record payment');
    expect(within(dialog).getByLabelText('Statement')).toHaveTextContent(
      'Oldest open statements first',
    );
    typeInto(dialog, { Amount: '100' });
    typeInto(dialog, { Reference: 'EFT 2026-11-30' });
    typeInto(dialog, { 'Received on (UTC)': '2026-11-30' });
    press(dialog, 'Record payment');

    expect(
      await screen.findByText(
        'Payment of $100.00 recorded: applied to statement 1003 ($72.38), statement 1004 ($27.62).',
      ),
    ).toBeInTheDocument();
    expect(recordBillingPayment).toHaveBeenCalledWith({
      accountId: 'acme-health',
      method: 'eft',
      amount: '100.00',
      reference: 'EFT 2026-11-30',
      receivedAt: '2026-11-30',
    });
    await waitFor(() =>
      expect(
        tableRows(tableTitled('Unpaid statements of Acme Health')),
      ).toEqual([
        ['Statement 1004', '2026-10', '$1,172.38', '2026-11-30', 'Overdue'],
        ['Statement 1012', '2026-11', '$1,010.00', '2026-12-30', 'Open'],
      ]),
    );
    expect(tableRows(tableTitled('Payments of Acme Health'))[0][4]).toBe(
      'statement 1003 ($72.38), statement 1004 ($27.62)',
    );
  });

  it('sends the statement chosen and keeps the dialog open on a refusal', async () => {
    const recordBillingPayment = jest.fn(async () => {
      throw Object.assign(new Error('Request failed with 409'), {
        body: { error: { message: 'Invoice 1012 is void' } },
      });
    });
    await renderBillingSection('section=payments', {
      api: billingApi({ recordBillingPayment }),
      granted: [BILLING_READ, BILLING_MANAGE],
    });
    const dialog = await openDialog('Record payment');
    await chooseOption(
      dialog,
      'Statement',
      'Statement 1012 (2026-11), balance $1,010.00',
    );
    await chooseOption(dialog, 'Method', 'Card');
    typeInto(dialog, { Amount: '10.5' });
    typeInto(dialog, { Reference: 'Receipt 4411' });
    typeInto(dialog, { 'Received on (UTC)': '2026-11-29' });
    press(dialog, 'Record payment');
    expect(
      await within(dialog).findByText('Invoice 1012 is void'),
    ).toBeInTheDocument();
    expect(recordBillingPayment).toHaveBeenCalledWith({
      accountId: 'acme-health',
      invoiceId: 'inv-1012',
      method: 'card',
      amount: '10.50',
      reference: 'Receipt 4411',
      receivedAt: '2026-11-29',
    });
  });
});
