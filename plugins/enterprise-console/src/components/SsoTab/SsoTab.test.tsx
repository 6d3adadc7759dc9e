import { DEFAULT_ENTERPRISE_SETTINGS } from '@internal/plugin-enterprise-console-common';
import { screen, within } from '@testing-library/react';
import { acme, accountsApi } from '../../__fixtures__/accounts';
import { renderWithApis } from '../../__testUtils__/renderWithApis';
import { SsoTab } from './SsoTab';

jest.setTimeout(30_000);

describe('SsoTab', () => {
  it('shows each bound domain with its approval state', async () => {
    const api = {
      ...accountsApi([acme]),
      listSsoProviders: async () => [
        {
          providerId: 'google',
          configured: true,
          domains: ['acme.example', 'new.example'],
        },
        { providerId: 'okta', configured: false, domains: ['taken.example'] },
        { providerId: 'github', configured: true, domains: [] },
      ],
      getAccountSettings: async () => ({
        ...DEFAULT_ENTERPRISE_SETTINGS,
        accountId: acme.id,
        updatedAt: null,
        updatedBy: null,
        domainBindings: [
          { domain: 'acme.example', status: 'approved' as const },
          { domain: 'new.example', status: 'pending' as const },
          {
            domain: 'taken.example',
            status: 'rejected' as const,
            reason: 'Owned by another organisation',
          },
        ],
      }),
    };
    await renderWithApis(<SsoTab />, {
      api,
      granted: ['enterprise-console.settings.read'],
    });

    const google = (await screen.findByText('google')).closest('tr')!;
    expect(
      within(within(google).getByTestId('domain-acme.example')).getByText(
        'Approved',
      ),
    ).toBeInTheDocument();
    expect(
      within(within(google).getByTestId('domain-new.example')).getByText(
        'Pending approval',
      ),
    ).toBeInTheDocument();
    const okta = screen.getByText('okta').closest('tr')!;
    expect(within(okta).getByText('Rejected')).toBeInTheDocument();
    expect(
      within(okta).getByText('Owned by another organisation'),
    ).toBeInTheDocument();
    const github = screen.getByText('github').closest('tr')!;
    expect(within(github).getByText('None')).toBeInTheDocument();
    expect(
      screen.getByText(
        'A domain binds its users to a provider only once a platform admin approves it.',
      ),
    ).toBeInTheDocument();
  });
});
