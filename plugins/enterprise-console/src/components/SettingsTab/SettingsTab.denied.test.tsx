import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  MockPermissionApi,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { acme, accountsApi } from '../../__fixtures__/accounts';
import { enterpriseConsoleApiRef } from '../../api';
import { SettingsTab } from './SettingsTab';

jest.setTimeout(30_000);

describe('SettingsTab for a user without settings.read', () => {
  it('shows the access-denied page and never asks for the settings', async () => {
    const getAccountSettings = jest.fn(async () => {
      throw new Error('getAccountSettings was not expected');
    });
    const api = { ...accountsApi([acme]), getAccountSettings };
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [enterpriseConsoleApiRef, api],
          [permissionApiRef, new MockPermissionApi(() => AuthorizeResult.DENY)],
        ]}
      >
        <SettingsTab />
      </TestApiProvider>,
    );
    expect(
      await screen.findByText('You do not have access'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('enterprise-console.settings.read'),
    ).toBeInTheDocument();
    expect(
      screen.queryByText(/Enterprise settings of/),
    ).not.toBeInTheDocument();
    expect(getAccountSettings).toHaveBeenCalledTimes(0);
  });
});
