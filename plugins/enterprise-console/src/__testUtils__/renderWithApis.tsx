import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  MockPermissionApi,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { ReactElement } from 'react';
import { EnterpriseConsoleApi, enterpriseConsoleApiRef } from '../api';
import { rootRouteRef } from '../routes';

/**
 * Renders a console component with the given API and the permissions it
 * grants (by permission name), mounted at /enterprise-console. Remember that
 * usePermission caches answers per permission and resource for a whole test
 * file: deny cases belong in files of their own or ask about other accounts.
 */
export function renderWithApis(
  element: ReactElement,
  options: {
    api: EnterpriseConsoleApi;
    granted: string[];
    initialEntries?: string[];
  },
) {
  const permissionApi = new MockPermissionApi(request =>
    options.granted.includes(request.permission.name)
      ? AuthorizeResult.ALLOW
      : AuthorizeResult.DENY,
  );
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [enterpriseConsoleApiRef, options.api],
        [permissionApiRef, permissionApi],
      ]}
    >
      {element}
    </TestApiProvider>,
    {
      mountedRoutes: { '/enterprise-console': rootRouteRef },
      routeEntries: options.initialEntries,
    },
  );
}

export const CONSOLE_READ = 'enterprise-console.console.read';
export const REPORT_EXPORT = 'enterprise-console.report.export';
