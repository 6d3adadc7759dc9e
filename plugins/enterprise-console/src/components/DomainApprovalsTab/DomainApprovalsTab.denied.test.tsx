import { screen } from '@testing-library/react';
import { fakeConsoleApi } from '../../__fixtures__/fakeConsoleApi';
import { renderWithApis } from '../../__testUtils__/renderWithApis';
import { DomainApprovalsTab } from './DomainApprovalsTab';

jest.setTimeout(30_000);

describe('DomainApprovalsTab for a user without domain.approve', () => {
  it('shows the access-denied page and never asks the backend', async () => {
    const listDomainBindings = jest.fn(async () => []);
    const listAccounts = jest.fn(async () => ({ items: [], totalCount: 0 }));
    const api = fakeConsoleApi({ listDomainBindings, listAccounts });
    // Enterprise admins hold settings.update, but not domain.approve.
    await renderWithApis(<DomainApprovalsTab />, {
      api,
      granted: [
        'enterprise-console.settings.read',
        'enterprise-console.settings.update',
      ],
    });
    expect(
      await screen.findByText('You do not have access'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('enterprise-console.domain.approve'),
    ).toBeInTheDocument();
    expect(screen.queryByText('Domain approvals')).not.toBeInTheDocument();
    expect(listDomainBindings).toHaveBeenCalledTimes(0);
    expect(listAccounts).toHaveBeenCalledTimes(0);
  });
});
