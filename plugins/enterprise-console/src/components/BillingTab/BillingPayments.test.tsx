import { fireEvent, screen, waitFor, within } from '@testing-library/react';
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
        recorded
          ? acmeInvoices.map(invoice =>
              invoice.id === octoberAlpha.id
                ? {
                    ...invoice,
                    paid: '72.38',
                    balance: '0.00',
                    status: 'paid' as const,
                  }
                : invoice.id === 'inv-1004'
                ? { ...invoice, paid: '27.62', balance: '1172.38' }
                : invoice,
            )
          : acmeInvoices,
      ),
    });
    await renderBillingSection('section=payments', {
      api,
      granted: [BILLING_READ, BILLING_MANAGE],
    });
    await waitFor(() =>
      expect(
        screen.getByRole('button', { name: 'Record payment' }),
      ).toBeEnabled(),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Record payment' }));
    const dialog = await screen.findByRole('dialog', {
      name: 'Record payment',
    });
    expect(within(dialog).getByLabelText('Statement')).toHaveTextContent(
      'Oldest open statements first',
    );
    fireEvent.change(within(dialog).getByLabelText('Amount'), {
      target: { value: '100' },
    });
    fireEvent.change(within(dialog).getByLabelText('Reference'), {
      target: { value: 'EFT 2026-11-30' },
    });
    fireEvent.change(within(dialog).getByLabelText('Received on (UTC)'), {
      target: { value: '2026-11-30' },
    });
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Record payment' }),
    );

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
    await waitFor(() =>
      expect(
        screen.getByRole('button', { name: 'Record payment' }),
      ).toBeEnabled(),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Record payment' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.mouseDown(within(dialog).getByLabelText('Statement'));
    fireEvent.click(
      await screen.findByRole('option', {
        name: 'Statement 1012 (2026-11), balance $1,010.00',
      }),
    );
    fireEvent.mouseDown(within(dialog).getByLabelText('Method'));
    fireEvent.click(await screen.findByRole('option', { name: 'Card' }));
    fireEvent.change(within(dialog).getByLabelText('Amount'), {
      target: { value: '10.5' },
    });
    fireEvent.change(within(dialog).getByLabelText('Reference'), {
      target: { value: 'Receipt 4411' },
    });
    fireEvent.change(within(dialog).getByLabelText('Received on (UTC)'), {
      target: { value: '2026-11-29' },
    });
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Record payment' }),
    );
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
