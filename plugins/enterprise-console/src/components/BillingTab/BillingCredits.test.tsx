import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { alphaUsersCredit } from '../../__fixtures__/billingStatements';
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

jest.setTimeout(30_000);

async function renderCredits(methods: Partial<EnterpriseConsoleApi> = {}) {
  const api = billingApi(methods);
  await renderBillingSection('section=credits', {
    api,
    granted: [BILLING_READ, BILLING_MANAGE],
  });
  await screen.findByText('Credits of Acme Health');
  return api;
}

describe('BillingTab credits', () => {
  it('lists the credit lines with their balances and opens a ledger', async () => {
    const api = await renderCredits();
    expect(api.listBillingCredits).toHaveBeenCalledWith('acme-health');
    const general = await screen.findByRole('button', {
      name: 'Account, General: balance $25.50',
    });
    const users = await screen.findByRole('button', {
      name: 'Subscription of Alpha Clinic, Extra users: balance $1.00',
    });
    expect(general).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByRole('table')).not.toBeInTheDocument();

    fireEvent.click(users);
    expect(users).toHaveAttribute('aria-expanded', 'true');
    await waitFor(() =>
      expect(tableRows(screen.getByRole('table'))).toEqual([
        [
          '2026-10-05 09:00:00',
          '$2.00',
          'Grant',
          'user:default/billing-admin',
          'Goodwill for the outage',
          '—',
        ],
        [
          '2026-12-01 02:00:00',
          '-$1.00',
          'Applied to a statement',
          'system',
          'Invoice 1012',
          'Statement 1012',
        ],
      ]),
    );
  });

  it('checks the amount before sending a credit', async () => {
    const addBillingCredit = jest.fn();
    await renderCredits({ addBillingCredit });
    const dialog = await openDialog('Add credit');
    const amount = within(dialog).getByLabelText('Amount');
    const add = within(dialog).getByRole('button', { name: 'Add credit' });
    for (const [value, message] of [
      ['', 'Enter an amount.'],
      ['2.005', 'Enter an amount with at most two decimals, e.g. 120.50.'],
      ['1,5', 'Enter an amount with at most two decimals, e.g. 120.50.'],
      ['0.00', 'The amount cannot be zero.'],
    ]) {
      fireEvent.change(amount, { target: { value } });
      fireEvent.click(add);
      expect(within(dialog).getByText(message)).toBeInTheDocument();
    }
    expect(
      within(dialog).getByText('Say why the credit is given.'),
    ).toBeInTheDocument();
    expect(addBillingCredit).not.toHaveBeenCalled();
  });

  it('adds a subscription-level credit and shows the new balance', async () => {
    const updated = {
      ...alphaUsersCredit,
      balance: '3.50',
      entries: [
        ...alphaUsersCredit.entries,
        {
          amount: '2.50',
          reason: 'grant' as const,
          author: 'user:default/billing-admin',
          note: 'SLA breach',
          at: '2026-12-01T09:00:00.000Z',
        },
      ],
    };
    const addBillingCredit = jest.fn(async () => updated);
    const api = await renderCredits({ addBillingCredit });
    const dialog = await openDialog('Add credit');
    fireEvent.mouseDown(within(dialog).getByLabelText('Level'));
    // An ended subscription takes no credit.
    expect(
      (await screen.findAllByRole('option')).map(option => option.textContent),
    ).toEqual([
      'Account',
      'Subscription of Alpha Clinic (standard, from 2026-12-15)',
      'Subscription of Alpha Clinic (pro, from 2026-11-15)',
      'Subscription of Gamma Clinic (standard, from 2026-10-01)',
      'Subscription of Beta Clinic (advanced, from 2026-06-01)',
    ]);
    fireEvent.click(
      await screen.findByRole('option', {
        name: 'Subscription of Alpha Clinic (pro, from 2026-11-15)',
      }),
    );
    await chooseOption(dialog, 'Scope', 'Extra users');
    typeInto(dialog, { Amount: '2.5' });
    typeInto(dialog, { Note: ' SLA breach ' });
    press(dialog, 'Add credit');
    expect(
      await screen.findByText(
        'Subscription of Alpha Clinic, Extra users: the balance is now $3.50.',
      ),
    ).toBeInTheDocument();
    expect(addBillingCredit).toHaveBeenCalledWith({
      accountId: 'acme-health',
      subscriptionId: 'sub-alpha-pro',
      scope: 'users',
      amount: '2.50',
      note: 'SLA breach',
    });
    await waitFor(() =>
      expect(api.listBillingCredits).toHaveBeenCalledTimes(2),
    );
  });

  it('sends an account-level correction and shows a refusal in the dialog', async () => {
    const addBillingCredit = jest.fn(async () => {
      throw Object.assign(new Error('Request failed with 409'), {
        body: { error: { message: 'The credit line would go below zero' } },
      });
    });
    await renderCredits({ addBillingCredit });
    const dialog = await openDialog('Add credit');
    typeInto(dialog, { Amount: '-30' });
    typeInto(dialog, { Note: 'Granted twice' });
    press(dialog, 'Add credit');
    expect(
      await within(dialog).findByText('The credit line would go below zero'),
    ).toBeInTheDocument();
    expect(addBillingCredit).toHaveBeenCalledWith({
      accountId: 'acme-health',
      scope: 'general',
      amount: '-30.00',
      note: 'Granted twice',
    });
  });
});
