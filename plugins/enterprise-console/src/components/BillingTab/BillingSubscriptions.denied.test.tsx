import { screen } from '@testing-library/react';
import { acme, accountsApi } from '../../__fixtures__/accounts';
import { renderWithApis } from '../../__testUtils__/renderWithApis';
import { BillingTab } from './BillingTab';

jest.setTimeout(30_000);

describe('BillingTab subscriptions without billing.read', () => {
  it('shows the access-denied page for the account and asks for no subscription', async () => {
    const listBillingSubscriptions = jest.fn();
    await renderWithApis(<BillingTab />, {
      api: Object.assign(accountsApi([acme]), { listBillingSubscriptions }),
      granted: ['enterprise-console.console.read'],
      initialEntries: ['/enterprise-console/billing?section=subscriptions'],
    });
    expect(
      await screen.findByText('You do not have access'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('enterprise-console.billing.read'),
    ).toBeInTheDocument();
    expect(listBillingSubscriptions).not.toHaveBeenCalled();
  });
});
