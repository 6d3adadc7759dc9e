import { BillingInvoice } from '@internal/plugin-enterprise-console-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { novemberStatement } from '../../__fixtures__/billingStatements';
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
import { EnterpriseConsoleApi } from '../../api';
import { todayUtc } from '../../lib/dates';

jest.setTimeout(30_000);

/** The statement page of inv-1012, answering `versions[n]` on the n-th read. */
async function renderStatement(
  versions: BillingInvoice[],
  methods: Partial<EnterpriseConsoleApi> = {},
) {
  let reads = 0;
  const getBillingInvoice = jest.fn(async () => {
    const version = versions[Math.min(reads, versions.length - 1)];
    reads += 1;
    return version;
  });
  const api = billingApi({ getBillingInvoice, ...methods });
  await renderBillingSection(
    'section=statements&account=acme-health&statement=inv-1012',
    { api, granted: [BILLING_READ, BILLING_MANAGE] },
  );
  await screen.findByRole('heading', { name: 'Statement 1012' });
  return { api, getBillingInvoice };
}

/** The two-column rows of the page (facts and totals), by their title. */
function facts(): Record<string, string> {
  const entries: Record<string, string> = {};
  for (const row of screen.getAllByRole('row')) {
    const cells = row.querySelectorAll('td');
    if (cells.length === 2) {
      entries[cells[0].textContent ?? ''] = cells[1].textContent ?? '';
    }
  }
  return entries;
}

describe('BillingTab statement page', () => {
  it('shows the statement, its lines, totals and note, from a shareable link', async () => {
    const { getBillingInvoice } = await renderStatement([novemberStatement]);
    expect(getBillingInvoice).toHaveBeenCalledWith('inv-1012');
    await waitFor(() => expect(facts().Account).toBe('Acme Health'));
    expect(facts()).toMatchObject({
      Number: '1012',
      Period: '2026-11 (2026-11-01 to 2026-11-30)',
      Account: 'Acme Health',
      Tenant: 'Consolidated',
      Status: 'Open',
      'Due Date': '2026-12-30',
      Subtotal: '$1,211.00',
      Credits: '$1.00',
      Total: '$1,210.00',
      Paid: '$200.00',
      Balance: '$1,010.00',
    });
    const lines = screen.getByText('Advanced plan').closest('table')!;
    expect(tableRows(lines)).toEqual([
      ['Advanced plan', '1', '$1,200.00', '$1,200.00', '$0.00'],
      ['Extra users', '11', '$1.00', '$11.00', '$1.00'],
    ]);
    expect(
      screen.getByText('Extra users counted from the snapshot of 2026-11-30.'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Back to the statements' }),
    ).toHaveAttribute(
      'href',
      '/enterprise-console/billing?section=statements&account=acme-health',
    );
  });

  it('records a payment against the statement and shows the new balance', async () => {
    const recordBillingPayment = jest.fn(async () => ({
      id: 'pay-2',
      accountId: 'acme-health',
      invoiceId: 'inv-1012',
      method: 'check' as const,
      amount: '1100.00',
      reference: 'CHK-90',
      receivedAt: '2026-11-28',
      payer: 'user:default/billing-admin',
      applied: [{ invoiceId: 'inv-1012', number: 1012, amount: '1010.00' }],
      creditCreated: '90.00',
      createdAt: '2026-11-28T10:00:00.000Z',
    }));
    const paid: BillingInvoice = {
      ...novemberStatement,
      paid: '1210.00',
      balance: '0.00',
      status: 'paid',
    };
    const { getBillingInvoice } = await renderStatement(
      [novemberStatement, paid],
      { recordBillingPayment },
    );
    const dialog = await openDialog('Record payment');
    const amount = within(dialog).getByLabelText('Amount');
    expect(amount).toHaveValue('1010.00');
    expect(within(dialog).getByLabelText('Received on (UTC)')).toHaveValue(
      todayUtc(),
    );

    fireEvent.change(amount, { target: { value: '1100.001' } });
    press(dialog, 'Record payment');
    expect(
      within(dialog).getByText(
        'Enter an amount with at most two decimals, e.g. 120.50.',
      ),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByText(
        'Enter the reference: check number, transfer or card receipt.',
      ),
    ).toBeInTheDocument();
    expect(recordBillingPayment).not.toHaveBeenCalled();

    fireEvent.change(amount, { target: { value: '1100' } });
    await chooseOption(dialog, 'Method', 'Check');
    typeInto(dialog, { Reference: ' CHK-90 ' });
    typeInto(dialog, { 'Received on (UTC)': '2026-11-28' });
    press(dialog, 'Record payment');

    expect(
      await screen.findByText(
        'Payment of $1,100.00 recorded: applied to statement 1012 ($1,010.00); $90.00 became general account credit.',
      ),
    ).toBeInTheDocument();
    expect(recordBillingPayment).toHaveBeenCalledWith({
      accountId: 'acme-health',
      invoiceId: 'inv-1012',
      method: 'check',
      amount: '1100.00',
      reference: 'CHK-90',
      receivedAt: '2026-11-28',
    });
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    await waitFor(() => expect(facts().Balance).toBe('$0.00'));
    expect(getBillingInvoice).toHaveBeenCalledTimes(2);
    expect(facts().Status).toBe('Paid');
    // A paid statement takes no more payment.
    expect(
      screen.queryByRole('button', { name: 'Record payment' }),
    ).not.toBeInTheDocument();
  });

  it('voids the statement with the reason given', async () => {
    const voided: BillingInvoice = {
      ...novemberStatement,
      status: 'void',
      voidReason: 'Billed twice',
    };
    const voidBillingInvoice = jest.fn(async () => voided);
    await renderStatement([novemberStatement, voided], { voidBillingInvoice });
    const dialog = await openDialog('Void', 'Void Statement 1012?');
    press(dialog, 'Void statement');
    expect(
      within(dialog).getByText('Say why the statement is voided.'),
    ).toBeInTheDocument();
    expect(voidBillingInvoice).not.toHaveBeenCalled();
    typeInto(dialog, { Reason: 'Billed twice' });
    press(dialog, 'Void statement');
    expect(
      await screen.findByText('Statement 1012 is void.'),
    ).toBeInTheDocument();
    expect(voidBillingInvoice).toHaveBeenCalledWith('inv-1012', 'Billed twice');
    await waitFor(() => expect(facts()['Void Reason']).toBe('Billed twice'));
    expect(
      screen.queryByRole('button', { name: 'Void' }),
    ).not.toBeInTheDocument();
  });

  it("keeps the void dialog open with the server's refusal", async () => {
    const voidBillingInvoice = jest.fn(async () => {
      throw Object.assign(new Error('Request failed with 409'), {
        body: { error: { message: 'Invoice 1012 has payments' } },
      });
    });
    await renderStatement([novemberStatement], { voidBillingInvoice });
    const dialog = await openDialog('Void', 'Void Statement 1012?');
    typeInto(dialog, { Reason: 'Wrong period' });
    press(dialog, 'Void statement');
    expect(
      await within(dialog).findByText('Invoice 1012 has payments'),
    ).toBeInTheDocument();
  });

  it('emails the statement and says to whom', async () => {
    const emailBillingInvoice = jest.fn(async () => ({
      sentTo: ['ap@acme.example', 'cfo@acme.example'],
    }));
    await renderStatement([novemberStatement], { emailBillingInvoice });
    fireEvent.click(screen.getByRole('button', { name: 'Email statement' }));
    expect(
      await screen.findByText(
        'Statement 1012 was emailed to ap@acme.example, cfo@acme.example.',
      ),
    ).toBeInTheDocument();
    expect(emailBillingInvoice).toHaveBeenCalledWith('inv-1012');
  });

  it('shows why a statement cannot be read, with the way back', async () => {
    const getBillingInvoice = jest.fn(async () => {
      throw Object.assign(new Error('No invoice inv-9'), {
        name: 'NotFoundError',
      });
    });
    await renderBillingSection(
      'section=statements&account=acme-health&statement=inv-9',
      { api: billingApi({ getBillingInvoice }), granted: [BILLING_READ] },
    );
    expect(
      await screen.findByText('Error: No invoice inv-9'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Back to the statements' }),
    ).toBeInTheDocument();
  });
});
