import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  MockPermissionApi,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { RequireConsolePermission } from './RequireConsolePermission';

const settingsRead = createPermission({
  name: 'enterprise-console.settings.read',
  attributes: { action: 'read' },
  resourceType: 'enterprise-account',
});

// usePermission caches answers per resource for the whole test file, so
// each test asks about its own account.
function renderGate(
  accountId: string,
  allow: (resourceRef: string | undefined) => boolean,
  mode?: 'page' | 'hide',
) {
  const asked: Array<string | undefined> = [];
  const permissionApi = new MockPermissionApi(request => {
    const resourceRef = (request as { resourceRef?: string }).resourceRef;
    asked.push(resourceRef);
    return allow(resourceRef) ? AuthorizeResult.ALLOW : AuthorizeResult.DENY;
  });
  return {
    asked,
    rendered: renderInTestApp(
      <TestApiProvider apis={[[permissionApiRef, permissionApi]]}>
        <RequireConsolePermission
          permission={settingsRead}
          resourceRef={accountId}
          resourceName="Acme Health"
          mode={mode}
        >
          <p>Secret settings</p>
        </RequireConsolePermission>
      </TestApiProvider>,
    ),
  };
}

describe('RequireConsolePermission', () => {
  it('shows the page to a user who holds the permission on that account', async () => {
    const { asked, rendered } = renderGate(
      'acme-health',
      ref => ref === 'acme-health',
    );
    await rendered;
    expect(await screen.findByText('Secret settings')).toBeInTheDocument();
    expect(asked).toEqual(['acme-health']);
  });

  it('shows a clear access-denied page otherwise', async () => {
    const { rendered } = renderGate('initech', () => false);
    await rendered;
    expect(
      await screen.findByText('You do not have access'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('enterprise-console.settings.read'),
    ).toBeInTheDocument();
    expect(screen.getByText(/on Acme Health/)).toBeInTheDocument();
    expect(screen.queryByText('Secret settings')).not.toBeInTheDocument();
  });

  it('hides an action the user may not take', async () => {
    const { rendered } = renderGate('globex', () => false, 'hide');
    const { container } = await rendered;
    expect(screen.queryByText('Secret settings')).not.toBeInTheDocument();
    expect(
      screen.queryByText('You do not have access'),
    ).not.toBeInTheDocument();
    expect(container.textContent).toBe('');
  });
});
