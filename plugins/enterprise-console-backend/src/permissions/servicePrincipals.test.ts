import { ConfigReader } from '@backstage/config';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  enterpriseConsoleAccountListPermission,
  enterpriseConsoleConsoleReadPermission,
  enterpriseConsoleDataIngestPermission,
  enterpriseConsoleSettingsReadPermission,
  enterpriseConsoleTenantReadPermission,
} from '@internal/plugin-enterprise-console-common';
import {
  readServicePermissions,
  restrictServicePrincipals,
} from './servicePrincipals';

describe('restrictServicePrincipals', () => {
  const inner = mockServices.permissions({ result: AuthorizeResult.ALLOW });
  const permissions = restrictServicePrincipals(
    inner,
    readServicePermissions(new ConfigReader({})),
  );
  const ask = (credentials: any) =>
    permissions.authorize(
      [
        { permission: enterpriseConsoleDataIngestPermission },
        {
          permission: enterpriseConsoleSettingsReadPermission,
          resourceRef: 'a',
        },
        { permission: enterpriseConsoleTenantReadPermission, resourceRef: 't' },
      ],
      { credentials },
    );

  it('grants services data.ingest only, by default', async () => {
    expect(
      (await ask(mockCredentials.service('external:x'))).map(d => d.result),
    ).toEqual([
      AuthorizeResult.ALLOW,
      AuthorizeResult.DENY,
      AuthorizeResult.DENY,
    ]);
  });

  it('lets the catalog plugin read tenants and list accounts, not read their consoles', async () => {
    expect(
      (await ask(mockCredentials.service('plugin:catalog'))).map(d => d.result),
    ).toEqual([
      AuthorizeResult.ALLOW,
      AuthorizeResult.DENY,
      AuthorizeResult.ALLOW,
    ]);
    const decisions = await permissions.authorize(
      [
        { permission: enterpriseConsoleAccountListPermission },
        {
          permission: enterpriseConsoleConsoleReadPermission,
          resourceRef: 'a',
        },
      ],
      { credentials: mockCredentials.service('plugin:catalog') },
    );
    expect(decisions.map(d => d.result)).toEqual([
      AuthorizeResult.ALLOW,
      AuthorizeResult.DENY,
    ]);
  });

  it('leaves users to the policy', async () => {
    expect((await ask(mockCredentials.user())).map(d => d.result)).toEqual([
      AuthorizeResult.ALLOW,
      AuthorizeResult.ALLOW,
      AuthorizeResult.ALLOW,
    ]);
  });

  it('reads configured short names and refuses unknown ones', () => {
    expect([
      ...readServicePermissions(
        new ConfigReader({
          enterpriseConsole: { servicePermissions: ['settings.read'] },
        }),
      ),
    ]).toEqual(['enterprise-console.settings.read']);
    expect(() =>
      readServicePermissions(
        new ConfigReader({
          enterpriseConsole: { servicePermissions: ['nope'] },
        }),
      ),
    ).toThrow(/unknown permission 'nope'/);
  });
});
