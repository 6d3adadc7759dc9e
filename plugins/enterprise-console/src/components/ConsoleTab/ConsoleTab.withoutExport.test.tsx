import { screen, within } from '@testing-library/react';
import { acme, accountsApi } from '../../__fixtures__/accounts';
import {
  CONSOLE_READ,
  renderWithApis,
} from '../../__testUtils__/renderWithApis';
import { tilesOf } from '../../__fixtures__/reports';
import { ConsoleTab } from './ConsoleTab';

jest.setTimeout(30_000);

describe('ConsoleTab for a user without report.export', () => {
  it('shows the tiles but no way to email a report', async () => {
    const api = {
      ...accountsApi([acme]),
      getTiles: async (accountId: string) => tilesOf(accountId),
    };
    await renderWithApis(<ConsoleTab />, { api, granted: [CONSOLE_READ] });

    const card = (await screen.findByText('# of Web Users')).closest(
      '.MuiCard-root',
    ) as HTMLElement;
    expect(within(card).getByText('1,234')).toBeInTheDocument();
    expect(screen.queryAllByRole('button', { name: /Email report/ })).toEqual(
      [],
    );
    // Browsing the SMS report needs only console.read.
    expect(
      screen.getByRole('button', { name: 'Open SMS report' }),
    ).toBeInTheDocument();
  });
});
