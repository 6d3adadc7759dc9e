import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { octoberStatement } from '../../__fixtures__/billingStatements';
import {
  BILLING_MANAGE,
  BILLING_READ,
  billingApi,
  renderBillingSection,
} from '../../__testUtils__/renderBillingSection';
import { tableRows } from '../../__testUtils__/tableRows';
import { lastMonthUtc } from '../../lib/dates';

jest.setTimeout(30_000);

async function renderStatements(api = billingApi()) {
  await renderBillingSection('section=statements', {
    api,
    granted: [BILLING_READ, BILLING_MANAGE],
  });
  await screen.findByText('Statements of Acme Health');
  await waitFor(() => expect(tableRows()).toHaveLength(5));
  return api;
}

describe('BillingTab statements', () => {
  it('lists the statements of the account, the overdue ones standing out', async () => {
    const api = await renderStatements();
    expect(api.listBillingInvoices).toHaveBeenCalledWith({
      accountId: 'acme-health',
    });
    await waitFor(() => expect(tableRows()[2][2]).toBe('Alpha Clinic'));
    expect(tableRows()).toEqual([
      [
        '1012',
        '2026-11',
        'Consolidated',
        '$1,210.00',
        '$1,010.00',
        '2026-12-30',
        'Open',
        'PDF',
      ],
      [
        '1004',
        '2026-10',
        'Consolidated',
        '$1,200.00',
        '$1,200.00',
        '2026-11-30',
        'Overdue',
        'PDF',
      ],
      [
        '1003',
        '2026-10',
        'Alpha Clinic',
        '$72.38',
        '$72.38',
        '2026-11-30',
        'Overdue',
        'PDF',
      ],
      [
        '1001',
        '2026-09',
        'Consolidated',
        '$1,200.00',
        '$0.00',
        '2026-10-30',
        'Paid',
        'PDF',
      ],
      [
        '1000',
        '2026-09',
        'Alpha Clinic',
        '$10.34',
        '$10.34',
        '—',
        'Void',
        'PDF',
      ],
    ]);
    expect(screen.getByLabelText('Overdue statements').textContent).toBe(
      '2 overdue, $1,272.38 due',
    );
    const bodyRows = within(screen.getAllByRole('table').at(-1)!)
      .getAllByRole('row')
      .filter(row => row.querySelector('td'));
    const highlighted = bodyRows.map(row => row.style.backgroundColor !== '');
    expect(highlighted).toEqual([false, true, true, false, false]);
    // The overdue chip is the error-coloured one, not the shared outlined chip.
    const overdueChip = within(bodyRows[1]).getByText('Overdue').parentElement!;
    expect(overdueChip.className).toMatch(/overdue/);
    expect(
      within(bodyRows[0]).getByText('Open').parentElement!.className,
    ).not.toMatch(/overdue/);
    expect(
      screen.getByRole('link', { name: 'Open Statement 1004' }),
    ).toHaveAttribute(
      'href',
      '/enterprise-console/billing?section=statements&account=acme-health&statement=inv-1004',
    );
  });

  it('runs the invoices of the month chosen and shows what the run did', async () => {
    const runBillingInvoices = jest.fn(async () => ({
      created: 3,
      existing: 1,
      failed: 0,
    }));
    const api = await renderStatements(billingApi({ runBillingInvoices }));
    const month = screen.getByLabelText('Month to invoice (UTC)');
    expect(month).toHaveValue(lastMonthUtc());

    // The current month is not over: it cannot be run.
    fireEvent.change(month, {
      target: { value: new Date().toISOString().slice(0, 7) },
    });
    expect(screen.getByRole('button', { name: 'Run invoices' })).toBeDisabled();
    expect(
      screen.getByText(
        `Choose a month that is over (${lastMonthUtc()} or earlier).`,
      ),
    ).toBeInTheDocument();

    fireEvent.change(month, { target: { value: '2026-10' } });
    fireEvent.click(screen.getByRole('button', { name: 'Run invoices' }));
    expect(
      (await screen.findByLabelText('Invoice run result')).textContent,
    ).toBe('2026-10: Created 3 · Existing 1 · Failed 0');
    expect(runBillingInvoices).toHaveBeenCalledTimes(1);
    expect(runBillingInvoices).toHaveBeenCalledWith({ period: '2026-10' });
    await waitFor(() =>
      expect(api.listBillingInvoices).toHaveBeenCalledTimes(2),
    );
  });

  it("shows the server's refusal of a run", async () => {
    const runBillingInvoices = jest.fn(async () => {
      throw Object.assign(new Error('Request failed with 400'), {
        body: { error: { message: 'period 2026-13 is not a month' } },
      });
    });
    await renderStatements(billingApi({ runBillingInvoices }));
    fireEvent.click(screen.getByRole('button', { name: 'Run invoices' }));
    expect(
      (await screen.findByLabelText('Invoice run result')).textContent,
    ).toBe('period 2026-13 is not a month');
  });

  it("downloads a statement's PDF through the API, as a blob", async () => {
    const blob = new Blob(['%PDF-1.7'], { type: 'application/pdf' });
    const getBillingInvoicePdf = jest.fn(async () => ({
      blob,
      filename: 'statement-1004.pdf',
    }));
    const createObjectURL = jest.fn(() => 'blob:statement-1004');
    const revokeObjectURL = jest.fn();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    const clicked: Array<{ href: string; download: string }> = [];
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function record(this: HTMLAnchorElement) {
        clicked.push({ href: this.href, download: this.download });
      });
    try {
      await renderStatements(billingApi({ getBillingInvoicePdf }));
      fireEvent.click(
        screen.getByRole('button', {
          name: `Download the PDF of Statement ${octoberStatement.number}`,
        }),
      );
      await waitFor(() => expect(clicked).toHaveLength(1));
      expect(getBillingInvoicePdf).toHaveBeenCalledWith('inv-1004');
      expect(createObjectURL).toHaveBeenCalledWith(blob);
      expect(clicked).toEqual([
        { href: 'blob:statement-1004', download: 'statement-1004.pdf' },
      ]);
      await waitFor(() =>
        expect(revokeObjectURL).toHaveBeenCalledWith('blob:statement-1004'),
      );
    } finally {
      click.mockRestore();
    }
  });

  it('says so when the account has no statement yet', async () => {
    await renderBillingSection('section=statements', {
      api: billingApi({ listBillingInvoices: jest.fn(async () => []) }),
      granted: [BILLING_READ, BILLING_MANAGE],
    });
    expect(
      await screen.findByText(
        'No statements yet. The invoice run makes them after each month.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByLabelText('Overdue statements'),
    ).not.toBeInTheDocument();
  });
});
