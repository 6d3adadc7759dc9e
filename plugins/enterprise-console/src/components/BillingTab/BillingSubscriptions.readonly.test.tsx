import { screen, waitFor } from '@testing-library/react';
import { acme, accountsApi } from '../../__fixtures__/accounts';
import { billingPlans } from '../../__fixtures__/billingPlans';
import {
  acmeSubscriptions,
  acmeTenants,
} from '../../__fixtures__/billingSubscriptions';
import { renderWithApis } from '../../__testUtils__/renderWithApis';
import { BillingTab } from './BillingTab';

jest.setTimeout(30_000);

describe('BillingTab subscriptions without billing.manage', () => {
  it('shows the subscriptions and the scheduled downgrade, with no action', async () => {
    const api = Object.assign(accountsApi([acme]), {
      listBillingPlans: async () => billingPlans,
      listTenants: async () => ({
        items: acmeTenants.map(t => ({ ...t, canRead: true })),
        totalCount: acmeTenants.length,
      }),
      listBillingSubscriptions: async () => acmeSubscriptions,
    });
    await renderWithApis(<BillingTab />, {
      api,
      granted: ['enterprise-console.billing.read'],
      initialEntries: ['/enterprise-console/billing?section=subscriptions'],
    });
    expect(
      await screen.findByText('Subscriptions of Acme Health'),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(screen.getAllByText('Alpha Clinic').length).toBeGreaterThan(0),
    );
    expect(
      (await screen.findByLabelText('Scheduled changes')).textContent,
    ).toBe(
      'Scheduled changesAlpha Clinic: Downgrade to Standard on 2026-12-15',
    );
    expect(
      screen.queryByRole('columnheader', { name: 'Actions' }),
    ).not.toBeInTheDocument();
    for (const name of [
      /^Cancel/,
      /^Change the plan/,
      /^End the subscription/,
      /^Extend/,
    ]) {
      expect(screen.queryByRole('button', { name })).not.toBeInTheDocument();
    }
  });
});
