import { screen, within } from '@testing-library/react';
import { billingPlans } from '../../__fixtures__/billingPlans';
import {
  pendingDeveloper,
  rejectedDeveloper,
} from '../../__fixtures__/billingSubscriptions';
import { fakeConsoleApi } from '../../__fixtures__/fakeConsoleApi';
import { renderWithApis } from '../../__testUtils__/renderWithApis';
import { BillingTab } from './BillingTab';

jest.setTimeout(30_000);

describe('BillingTab applications for a tenant admin', () => {
  it('lists their applications with the decision and offers no approval', async () => {
    await renderWithApis(<BillingTab />, {
      api: fakeConsoleApi({
        listBillingPlans: async () => billingPlans,
        listBillingApplications: async () => [
          rejectedDeveloper,
          pendingDeveloper,
        ],
      }),
      granted: ['enterprise-console.tenant.plan.change'],
      initialEntries: ['/enterprise-console/billing?section=applications'],
    });
    expect(await screen.findByText('Your applications')).toBeInTheDocument();
    const table = screen.getAllByRole('table').at(-1)!;
    expect(
      await within(table).findByText(
        'Developer plans are for integration partners.',
      ),
    ).toBeInTheDocument();
    expect(within(table).getByText('Pending')).toBeInTheDocument();
    expect(
      screen.queryByRole('columnheader', { name: 'Actions' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /^(Approve|Reject) the/ }),
    ).not.toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Apply for a plan' }),
    ).toBeInTheDocument();
  });
});
