import { ResponseError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  MockPermissionApi,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import {
  DEFAULT_ENTERPRISE_SETTINGS,
  EnterpriseSettings,
  EnterpriseSettingsResponse,
} from '@internal/plugin-enterprise-console-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { acme, accountsApi } from '../../__fixtures__/accounts';
import { innermostText } from '../../__testUtils__/innermostText';
import { EnterpriseConsoleApi, enterpriseConsoleApiRef } from '../../api';
import { SettingsTab } from './SettingsTab';

jest.setTimeout(30_000);

function settingsApi(
  options: {
    failSave?: string;
    initial?: Partial<EnterpriseSettingsResponse>;
  } = {},
) {
  const saved: EnterpriseSettings[] = [];
  let current: EnterpriseSettingsResponse = {
    ...DEFAULT_ENTERPRISE_SETTINGS,
    accountId: acme.id,
    updatedAt: null,
    updatedBy: null,
    domainBindings: [],
    ...options.initial,
  };
  const api: EnterpriseConsoleApi = {
    ...accountsApi([acme]),
    async getAccountSettings() {
      return current;
    },
    async updateAccountSettings(_accountId, settings) {
      if (options.failSave) {
        throw await ResponseError.fromResponse(
          new Response(
            JSON.stringify({
              error: { name: 'InputError', message: options.failSave },
              request: { method: 'PUT', url: '/' },
              response: { statusCode: 400 },
            }),
            { status: 400, headers: { 'Content-Type': 'application/json' } },
          ),
        );
      }
      saved.push(settings);
      // Like the backend: known domains keep their state, new ones wait.
      const known = current.domainBindings;
      current = {
        ...settings,
        accountId: acme.id,
        updatedAt: '2026-11-22T09:00:00.000Z',
        updatedBy: 'user:default/guest',
        domainBindings: settings.restrictSignupDomains.map(
          domain =>
            known.find(binding => binding.domain === domain) ?? {
              domain,
              status: 'pending',
            },
        ),
      };
      return current;
    },
  };
  return { api, saved };
}

// usePermission caches answers per permission and resource for the whole
// file, so each test grants on an account object of its own.
async function renderTab(api: EnterpriseConsoleApi, granted: string[]) {
  const permissionApi = new MockPermissionApi(request =>
    granted.includes(request.permission.name)
      ? AuthorizeResult.ALLOW
      : AuthorizeResult.DENY,
  );
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [enterpriseConsoleApiRef, api],
        [permissionApiRef, permissionApi],
      ]}
    >
      <SettingsTab />
    </TestApiProvider>,
  );
}

const READ = 'enterprise-console.settings.read';
const UPDATE = 'enterprise-console.settings.update';

describe('SettingsTab', () => {
  it('saves restricted sign-ups with their domains and message', async () => {
    const { api, saved } = settingsApi();
    await renderTab(api, [READ, UPDATE]);

    expect(
      await screen.findByText('Enterprise settings of Acme Health'),
    ).toBeInTheDocument();
    expect(screen.getByText('Defaults: never saved')).toBeInTheDocument();
    // The form is editable once settings.update has been answered.
    await screen.findByRole('button', { name: 'Save settings' });

    fireEvent.click(
      screen.getByLabelText('Refuse sign-ups from these email domains'),
    );
    fireEvent.change(screen.getByLabelText('Email domains'), {
      target: { value: 'Contractor.example, *.temp.example' },
    });
    // Saving waits for the required message.
    expect(
      screen.getByRole('button', { name: 'Save settings' }),
    ).toBeDisabled();
    expect(
      screen.getByText('Enter the message refused users will see.'),
    ).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText(/Message shown to refused users/), {
      target: { value: 'Ask IT for an account.' },
    });
    fireEvent.mouseDown(screen.getByLabelText('File type'));
    fireEvent.click(
      await screen.findByRole('option', { name: 'Excel-friendly CSV' }),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));

    expect(await screen.findByText('Saved.')).toBeInTheDocument();
    expect(saved).toEqual([
      {
        ...DEFAULT_ENTERPRISE_SETTINGS,
        exportDefaults: {
          ...DEFAULT_ENTERPRISE_SETTINGS.exportDefaults,
          fileType: 'excel-csv',
        },
        restrictSignups: true,
        restrictSignupDomains: ['contractor.example', '*.temp.example'],
        restrictSignupMessage: 'Ask IT for an account.',
      },
    ]);
    await waitFor(() =>
      // Without the catalog's presentation API a user shows by name; the
      // browser test sees the catalog's display name.
      expect(
        screen.getByText(innermostText(/^Last saved .* UTC by guest$/)),
      ).toBeInTheDocument(),
    );
    // New domains wait for a platform admin.
    for (const domain of ['contractor.example', '*.temp.example']) {
      expect(
        within(screen.getByTestId(`domain-${domain}`)).getByText(
          'Pending approval',
        ),
      ).toBeInTheDocument();
    }
  });

  it('shows each saved domain with its approval state and a rejection reason', async () => {
    const { api } = settingsApi({
      initial: {
        restrictSignups: true,
        restrictSignupDomains: ['acme.example', 'new.example', 'taken.example'],
        restrictSignupMessage: 'Ask IT.',
        domainBindings: [
          { domain: 'acme.example', status: 'approved' },
          { domain: 'new.example', status: 'pending' },
          {
            domain: 'taken.example',
            status: 'rejected',
            reason: 'Owned by another organisation',
          },
          // Bound to SSO only: the SSO tab shows it.
          { domain: 'sso.example', status: 'approved' },
        ],
      },
    });
    // Both permissions, as the other cases: usePermission keeps its answers
    // for the whole file (read-only cases have a file of their own).
    await renderTab(api, [READ, UPDATE]);

    const approved = await screen.findByTestId('domain-acme.example');
    expect(within(approved).getByText('acme.example')).toBeInTheDocument();
    expect(within(approved).getByText('Approved')).toBeInTheDocument();
    expect(
      within(screen.getByTestId('domain-new.example')).getByText(
        'Pending approval',
      ),
    ).toBeInTheDocument();
    const rejected = screen.getByTestId('domain-taken.example');
    expect(within(rejected).getByText('Rejected')).toBeInTheDocument();
    expect(
      within(rejected).getByText('Owned by another organisation'),
    ).toBeInTheDocument();
    expect(screen.queryByTestId('domain-sso.example')).not.toBeInTheDocument();
    expect(
      screen.getByText(
        'A domain applies only once a platform admin approves it: until then sign-ups from it are not refused.',
      ),
    ).toBeInTheDocument();
  });

  it("shows the server's reason when it refuses", async () => {
    const { api } = settingsApi({
      failSave: 'Invalid settings: restrictSignupDomains.0 must be a domain',
    });
    await renderTab(api, [READ, UPDATE]);
    fireEvent.click(
      await screen.findByLabelText(
        'Restrict tenant creation to enterprise admins',
      ),
    );
    // The button comes once settings.update has been answered.
    fireEvent.click(
      await screen.findByRole('button', { name: 'Save settings' }),
    );
    expect(
      await screen.findByText(
        'Invalid settings: restrictSignupDomains.0 must be a domain',
      ),
    ).toBeInTheDocument();
  });
});
