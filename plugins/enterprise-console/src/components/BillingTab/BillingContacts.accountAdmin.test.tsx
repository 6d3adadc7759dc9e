import { screen, waitFor } from '@testing-library/react';
import {
  BILLING_READ,
  SETTINGS_UPDATE,
  billingApi,
  renderBillingSection,
} from '../../__testUtils__/renderBillingSection';

jest.setTimeout(30_000);

describe('BillingTab contacts for an account admin', () => {
  it('offers the edit to settings.update on the account without billing.manage', async () => {
    await renderBillingSection('section=contacts', {
      api: billingApi(),
      granted: [BILLING_READ, SETTINGS_UPDATE],
    });
    await screen.findByText('Billing contacts of Acme Health');
    await waitFor(() =>
      expect(
        screen.getByRole('button', { name: 'Edit contacts' }),
      ).toBeEnabled(),
    );
  });
});
