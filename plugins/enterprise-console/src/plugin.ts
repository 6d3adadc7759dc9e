import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import {
  EnterpriseConsoleFrontendClient,
  enterpriseConsoleApiRef,
} from './api';
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
      factory: deps => new EnterpriseConsoleFrontendClient(deps),
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

/**
 * The Enterprise Console tenant card for entity pages, for the legacy
 * frontend system; place it behind `isEnterpriseConsoleTenantAvailable`.
 *
 * @public
 */
export const EntityEnterpriseConsoleTenantCard =
  enterpriseConsolePlugin.provide(
    createComponentExtension({
      name: 'EntityEnterpriseConsoleTenantCard',
      component: {
        lazy: () =>
          import('./components/EntityTenantCard').then(m => m.EntityTenantCard),
      },
    }),
  );
