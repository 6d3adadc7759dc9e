import { renderTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { acme, accountsApi } from './__fixtures__/accounts';
import { enterpriseConsoleApiRef } from './api';
import enterpriseConsolePlugin from './alpha';

describe('enterprise console plugin (new frontend system)', () => {
  it('mounts the console page at /enterprise-console', async () => {
    renderTestApp({
      features: [enterpriseConsolePlugin],
      apis: [[enterpriseConsoleApiRef, accountsApi([acme])]],
      initialRouteEntries: ['/enterprise-console'],
    });
    expect(
      await screen.findByText('Accounts (1)', {}, { timeout: 10_000 }),
    ).toBeInTheDocument();
    expect(screen.getByText('Acme Health')).toBeInTheDocument();
  });
});
