import { ResponseError } from '@backstage/errors';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { acme, accountsApi, initech } from '../../__fixtures__/accounts';
import { fakeConsoleApi } from '../../__fixtures__/fakeConsoleApi';
import { EnterpriseConsoleApi, enterpriseConsoleApiRef } from '../../api';
import { EnterpriseConsolePage } from './EnterpriseConsolePage';

function renderPage(api: EnterpriseConsoleApi) {
  return renderInTestApp(
    <TestApiProvider apis={[[enterpriseConsoleApiRef, api]]}>
      <EnterpriseConsolePage />
    </TestApiProvider>,
  );
}

describe('EnterpriseConsolePage (legacy frontend system)', () => {
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
