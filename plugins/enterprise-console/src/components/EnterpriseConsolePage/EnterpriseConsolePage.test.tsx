import { ResponseError } from '@backstage/errors';
import { screen, within } from '@testing-library/react';
import { acme, accountsApi, initech } from '../../__fixtures__/accounts';
import { fakeConsoleApi } from '../../__fixtures__/fakeConsoleApi';
import { tilesOf } from '../../__fixtures__/reports';
import { tenantOf, tenantUsageOf } from '../../__fixtures__/tenants';
import {
  CONSOLE_READ,
  renderWithApis,
} from '../../__testUtils__/renderWithApis';
import { EnterpriseConsoleApi } from '../../api';
import { EnterpriseConsolePage } from './EnterpriseConsolePage';

jest.setTimeout(30_000);

/** The page on its Accounts tab. */
function renderPage(api: EnterpriseConsoleApi) {
  return renderWithApis(<EnterpriseConsolePage />, {
    api,
    granted: [],
    initialEntries: ['/accounts'],
  });
}

describe('EnterpriseConsolePage (legacy frontend system)', () => {
  it('opens on the Console tab, followed by the other tabs', async () => {
    await renderWithApis(<EnterpriseConsolePage />, {
      api: {
        ...accountsApi([acme]),
        getTiles: async accountId => tilesOf(accountId),
      },
      granted: [CONSOLE_READ],
    });
    expect(await screen.findByText('# of Mobile Workers')).toBeInTheDocument();
    expect(screen.getByText('56,789')).toBeInTheDocument();
    expect(screen.getAllByRole('tab').map(tab => tab.textContent)).toEqual([
      'Console',
      'Reports',
      'Tenants',
      'Schedules',
      'Billing',
      'SMS report',
      'Accounts',
      'Settings',
      'Single sign-on',
      'Domain approvals',
    ]);
  });

  it('opens a tenant page at tenants/<id>', async () => {
    await renderWithApis(<EnterpriseConsolePage />, {
      api: fakeConsoleApi({
        getTenant: async tenantId => tenantOf(tenantId),
        getTenantUsage: async tenantId => tenantUsageOf(tenantId),
      }),
      granted: ['enterprise-console.tenant.read'],
      initialEntries: ['/tenants/alpha'],
    });
    expect(
      await screen.findByRole('heading', { name: 'Tenant alpha' }),
    ).toBeInTheDocument();
    expect(await screen.findByText('Form submissions')).toBeInTheDocument();
  });

  it('lists accounts with their type and tenant count', async () => {
    await renderPage(accountsApi([acme, initech]));

    expect(
      screen.getByRole('heading', { name: 'Enterprise Console' }),
    ).toBeInTheDocument();
    expect(await screen.findByText('Accounts (2)')).toBeInTheDocument();
    const acmeRow = screen.getByText('Acme Health').closest('tr')!;
    expect(within(acmeRow).getByText('Enterprise')).toBeInTheDocument();
    expect(within(acmeRow).getByText('18')).toBeInTheDocument();
    const initechRow = screen.getByText('Initech Field').closest('tr')!;
    expect(within(initechRow).getByText('Standard')).toBeInTheDocument();
    expect(within(initechRow).getByText('6')).toBeInTheDocument();
  });

  it('follows cursors until every account is loaded', async () => {
    const api = accountsApi([acme, initech], 1);
    await renderPage(api);
    expect(await screen.findByText('Initech Field')).toBeInTheDocument();
    expect(api.calls).toEqual([undefined, '1']);
  });

  it('explains an empty console', async () => {
    await renderPage(accountsApi([]));
    expect(await screen.findByText('No accounts yet')).toBeInTheDocument();
  });

  it('shows the backend error', async () => {
    const failing: EnterpriseConsoleApi = fakeConsoleApi({
      async listAccounts() {
        throw await ResponseError.fromResponse(
          new Response(
            JSON.stringify({
              error: { name: 'NotAllowedError', message: 'Access denied' },
              request: { method: 'GET', url: '/v1/accounts' },
              response: { statusCode: 403 },
            }),
            {
              status: 403,
              headers: { 'Content-Type': 'application/json' },
            },
          ),
        );
      },
    });
    await renderPage(failing);
    expect(
      await screen.findByText(/Request failed with 403/),
    ).toBeInTheDocument();
  });
});
