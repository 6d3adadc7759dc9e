import { screen, waitFor } from '@testing-library/react';
import {
  BILLING_READ,
  billingApi,
  renderBillingSection,
} from '../../__testUtils__/renderBillingSection';
import { tableRows } from '../../__testUtils__/tableRows';

jest.setTimeout(30_000);

// billing.read only: every section reads, none offers an action.
describe('BillingTab payments, credits and contacts without billing.manage', () => {
  it('lists the payments with no way to record one', async () => {
    await renderBillingSection('section=payments', {
      api: billingApi(),
      granted: [BILLING_READ],
    });
    await screen.findByText('Payments of Acme Health');
    await waitFor(() => expect(tableRows()).toHaveLength(1));
    expect(
      screen.queryByRole('button', { name: 'Record payment' }),
    ).not.toBeInTheDocument();
  });

  it('lists the credit lines with no way to add credit', async () => {
    await renderBillingSection('section=credits', {
      api: billingApi(),
      granted: [BILLING_READ],
    });
    expect(
      await screen.findByRole('button', {
        name: 'Account, General: balance $25.50',
      }),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Add credit' }),
    ).not.toBeInTheDocument();
  });

  it('lists the contacts with no way to edit them', async () => {
    await renderBillingSection('section=contacts', {
      api: billingApi(),
      granted: [BILLING_READ],
    });
    await waitFor(() =>
      expect(tableRows()).toEqual([
        ['Dana Payable', 'ap@acme.example', 'Accounts payable'],
      ]),
    );
    expect(
      screen.queryByRole('button', { name: 'Edit contacts' }),
    ).not.toBeInTheDocument();
  });
});
