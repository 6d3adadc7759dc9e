import { fireEvent, screen } from '@testing-library/react';
import { Route, Routes, useLocation } from 'react-router-dom';
import { acme, accountsApi, initech } from '../../__fixtures__/accounts';
import { renderWithApis } from '../../__testUtils__/renderWithApis';
import { AccountsTab } from './AccountsTab';

/** Shows where a click led, so the test reads the address it opened. */
function OpenedConsole() {
  const location = useLocation();
  return <p>Opened {`${location.pathname}${location.search}`}</p>;
}

function renderAccounts() {
  return renderWithApis(
    <Routes>
      <Route path="/enterprise-console/accounts" element={<AccountsTab />} />
      <Route path="/enterprise-console/console" element={<OpenedConsole />} />
    </Routes>,
    {
      api: accountsApi([acme, initech]),
      granted: [],
      initialEntries: ['/enterprise-console/accounts'],
    },
  );
}

describe('AccountsTab', () => {
  it("links an enterprise account's name to its console", async () => {
    await renderAccounts();
    expect(
      (await screen.findByRole('link', { name: 'Acme Health' })).getAttribute(
        'href',
      ),
    ).toBe('/enterprise-console/console?account=acme-health');
  });

  it('opens the console of the account whose row is clicked', async () => {
    await renderAccounts();
    fireEvent.click(await screen.findByText('18'));
    expect(
      await screen.findByText(
        'Opened /enterprise-console/console?account=acme-health',
      ),
    ).toBeInTheDocument();
  });

  it('leaves standard accounts, which have no console, as plain rows', async () => {
    await renderAccounts();
    await screen.findByText('Initech Field');
    expect(screen.queryByRole('link', { name: 'Initech Field' })).toBeNull();
    fireEvent.click(screen.getByText('Initech Field'));
    expect(screen.queryByText(/^Opened/)).toBeNull();
    expect(screen.getByText('Initech Field')).toBeInTheDocument();
  });
});
