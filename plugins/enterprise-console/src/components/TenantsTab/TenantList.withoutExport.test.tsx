import { screen } from '@testing-library/react';
import { acme, accountsApi } from '../../__fixtures__/accounts';
import { tenant } from '../../__fixtures__/reports';
import { renderWithApis } from '../../__testUtils__/renderWithApis';
import { TenantList } from './TenantList';

jest.setTimeout(30_000);

it('shows a user without report.export the tenants and no report action', async () => {
  await renderWithApis(<TenantList />, {
    api: {
      ...accountsApi([acme]),
      async listTenants() {
        return {
          items: [tenant('north', 'North Clinic', acme.id)],
          totalCount: 1,
        };
      },
    },
    // tenant.read alone, as an auditor of the tenants holds it.
    granted: ['enterprise-console.tenant.read'],
    initialEntries: ['/enterprise-console/tenants?account=acme-health'],
  });
  expect(await screen.findByText('North Clinic')).toBeInTheDocument();
  // Let the permission answers arrive before looking for what they hide.
  await new Promise(resolve => setTimeout(resolve, 50));
  expect(screen.queryByRole('button', { name: /usage report/i })).toBeNull();
  expect(screen.queryByText(/choose an account/)).toBeNull();
});
