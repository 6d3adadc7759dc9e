import { screen } from '@testing-library/react';
import { acme, accountsApi } from '../../__fixtures__/accounts';
import { smsMessage } from '../../__fixtures__/reports';
import {
  CONSOLE_READ,
  renderWithApis,
  REPORT_EXPORT,
} from '../../__testUtils__/renderWithApis';
import { EnterpriseConsoleApi } from '../../api';
import { SmsTab } from './SmsTab';

jest.setTimeout(30_000);

// usePermission caches answers per permission and resource for the whole
// file, so each test is about an account of its own.
const globex = { ...acme, id: 'globex', name: 'Globex' };

describe('SmsTab permissions', () => {
  it('shows the report without its export to a user without report.export', async () => {
    const api: EnterpriseConsoleApi = {
      ...accountsApi([acme]),
      listTenants: async () => ({ items: [], totalCount: 0 }),
      listSmsGateways: async () => [],
      listSmsMessages: async () => ({ items: [smsMessage()], totalCount: 1 }),
    };
    await renderWithApis(<SmsTab />, { api, granted: [CONSOLE_READ] });
    expect(await screen.findByText('msg-1')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Email report/ })).toBeNull();
  });

  it('shows the access-denied page without console.read', async () => {
    const listSmsMessages = jest.fn(async () => {
      throw new Error('listSmsMessages was not expected');
    });
    await renderWithApis(<SmsTab />, {
      api: { ...accountsApi([globex]), listSmsMessages },
      granted: [REPORT_EXPORT],
    });
    expect(
      await screen.findByText('You do not have access'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('enterprise-console.console.read'),
    ).toBeInTheDocument();
    expect(listSmsMessages).toHaveBeenCalledTimes(0);
  });
});
