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
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { acme, accountsApi } from '../../__fixtures__/accounts';
import { innermostText } from '../../__testUtils__/innermostText';
import { EnterpriseConsoleApi, enterpriseConsoleApiRef } from '../../api';
import { SettingsTab } from './SettingsTab';

jest.setTimeout(30_000);

function settingsApi(options: { failSave?: string } = {}) {
  const saved: EnterpriseSettings[] = [];
  let current: EnterpriseSettingsResponse = {
    ...DEFAULT_ENTERPRISE_SETTINGS,
    accountId: acme.id,
    updatedAt: null,
    updatedBy: null,
    domainBindings: [],
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
      current = {
        ...settings,
        accountId: acme.id,
        updatedAt: '2026-11-22T09:00:00.000Z',
        updatedBy: 'user:default/guest',
        domainBindings: [],
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
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(
      await screen.findByText(
        'Invalid settings: restrictSignupDomains.0 must be a domain',
      ),
    ).toBeInTheDocument();
  });
});
