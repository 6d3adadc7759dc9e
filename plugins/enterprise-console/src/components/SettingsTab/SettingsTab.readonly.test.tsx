import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  MockPermissionApi,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { DEFAULT_ENTERPRISE_SETTINGS } from '@internal/plugin-enterprise-console-common';
import { screen } from '@testing-library/react';
import { acme, accountsApi } from '../../__fixtures__/accounts';
import { enterpriseConsoleApiRef } from '../../api';
import { SettingsTab } from './SettingsTab';

jest.setTimeout(30_000);

// A file of its own: usePermission caches answers for the whole file.
describe('SettingsTab for a user who may only read', () => {
  it('shows the settings disabled and no save button', async () => {
    const api = {
      ...accountsApi([acme]),
      getAccountSettings: async () => ({
        ...DEFAULT_ENTERPRISE_SETTINGS,
        restrictTenantCreation: true,
        accountId: acme.id,
        updatedAt: null,
        updatedBy: null,
        domainBindings: [],
      }),
    };
    const permissionApi = new MockPermissionApi(request =>
      request.permission.name === 'enterprise-console.settings.read'
        ? AuthorizeResult.ALLOW
        : AuthorizeResult.DENY,
    );
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [enterpriseConsoleApiRef, api],
          [permissionApiRef, permissionApi],
        ]}
      >
        <SettingsTab />
      </TestApiProvider>,
    );
    const toggle = await screen.findByLabelText(
      'Restrict tenant creation to enterprise admins',
    );
    expect(toggle).toBeChecked();
    expect(toggle).toBeDisabled();
    expect(
      screen.getByText(/none of your roles lets you change them/),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Save settings' }),
    ).not.toBeInTheDocument();
  });
});
