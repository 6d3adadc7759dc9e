import { screen } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import { fakeConsoleApi } from '../../__fixtures__/fakeConsoleApi';
import { renderWithApis } from '../../__testUtils__/renderWithApis';
import { TenantPage } from './TenantPage';

describe('TenantPage without tenant.read', () => {
  it('shows the access-denied page and asks for nothing', async () => {
    const calls: string[] = [];
    const api = fakeConsoleApi({
      getTenant: async () => {
        calls.push('getTenant');
        throw new Error('not expected');
      },
      getTenantUsage: async () => {
        calls.push('getTenantUsage');
        throw new Error('not expected');
      },
    });
    await renderWithApis(
      <Routes>
        <Route path="/tenants/:tenantId" element={<TenantPage />} />
      </Routes>,
      {
        api,
        granted: ['enterprise-console.console.read'],
        initialEntries: ['/tenants/alpha'],
      },
    );
    expect(
      await screen.findByText('You do not have access'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('enterprise-console.tenant.read'),
    ).toBeInTheDocument();
    expect(screen.getByText(/on tenant alpha/)).toBeInTheDocument();
    expect(calls).toEqual([]);
  });
});
