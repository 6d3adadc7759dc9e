import { screen } from '@testing-library/react';
import { acme, accountsApi } from '../../__fixtures__/accounts';
import {
  renderWithApis,
  REPORT_EXPORT,
} from '../../__testUtils__/renderWithApis';
import { ConsoleTab } from './ConsoleTab';

jest.setTimeout(30_000);

describe('ConsoleTab for a user without console.read', () => {
  it('shows the access-denied page and never asks for the tiles', async () => {
    const getTiles = jest.fn(async () => {
      throw new Error('getTiles was not expected');
    });
    await renderWithApis(<ConsoleTab />, {
      api: { ...accountsApi([acme]), getTiles },
      granted: [REPORT_EXPORT],
    });
    expect(
      await screen.findByText('You do not have access'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('enterprise-console.console.read'),
    ).toBeInTheDocument();
    expect(screen.queryByText('# of Web Users')).toBeNull();
    expect(getTiles).toHaveBeenCalledTimes(0);
  });
});
