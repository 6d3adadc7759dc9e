import { fireEvent, screen, within } from '@testing-library/react';
import { billingPlans } from '../../__fixtures__/billingPlans';
import { acmeTenants } from '../../__fixtures__/billingSubscriptions';
import { fakeConsoleApi } from '../../__fixtures__/fakeConsoleApi';
import { renderWithApis } from '../../__testUtils__/renderWithApis';
import { BillingTab } from './BillingTab';

jest.setTimeout(30_000);

describe('BillingTab application form without tenant.plan.change', () => {
  it('says the chosen tenant refuses the user and sends nothing', async () => {
    const createBillingApplication = jest.fn();
    await renderWithApis(<BillingTab />, {
      api: fakeConsoleApi({
        listBillingPlans: async () => billingPlans,
        listBillingApplications: async () => [],
        listTenants: async () => ({
          items: acmeTenants.map(t => ({ ...t, canRead: true })),
          totalCount: 3,
        }),
        createBillingApplication,
      }),
      granted: ['enterprise-console.tenant.read'],
      initialEntries: ['/enterprise-console/billing?section=applications'],
    });
    expect(
      await screen.findByText(/No applications yet\./),
    ).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Apply for a plan' }));
    const dialog = await screen.findByRole('dialog');
    // No tenant chosen yet: nothing to refuse.
    expect(
      within(dialog).queryByText(/You may not apply for this tenant/),
    ).not.toBeInTheDocument();
    fireEvent.mouseDown(within(dialog).getByLabelText(/^Tenant/));
    fireEvent.click(
      await screen.findByRole('option', { name: 'Beta Clinic (beta)' }),
    );
    expect(
      await within(dialog).findByText(/You may not apply for this tenant/),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByRole('button', { name: 'Submit application' }),
    ).toBeDisabled();
    expect(createBillingApplication).not.toHaveBeenCalled();
  });
});
