import {
  createApiFactory,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { EnterpriseConsoleClient, enterpriseConsoleApiRef } from './api';
import { rootRouteRef } from './routes';

/**
 * The Enterprise Console plugin for apps on the legacy frontend system.
 * Apps on the new frontend system use the default export of `./alpha`.
 *
 * @public
 */
export const enterpriseConsolePlugin = createPlugin({
  id: 'enterprise-console',
  routes: { root: rootRouteRef },
  apis: [
    createApiFactory({
      api: enterpriseConsoleApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new EnterpriseConsoleClient(deps),
    }),
  ],
});

/**
 * The Enterprise Console page, for the legacy frontend system.
 *
 * @public
 */
export const EnterpriseConsolePage = enterpriseConsolePlugin.provide(
  createRoutableExtension({
    name: 'EnterpriseConsolePage',
    component: () =>
      import('./components/EnterpriseConsolePage').then(
        m => m.EnterpriseConsolePage,
      ),
    mountPoint: rootRouteRef,
  }),
);
