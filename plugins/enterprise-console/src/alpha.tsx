import { discoveryApiRef, fetchApiRef } from '@backstage/core-plugin-api';
import {
  ApiBlueprint,
  createFrontendPlugin,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import BusinessIcon from '@material-ui/icons/Business';
import { EnterpriseConsoleClient, enterpriseConsoleApiRef } from './api';
import { isEnterpriseConsoleTenantAvailable } from './components/EntityTenantCard/isTenantLinked';
import { rootRouteRef } from './routes';

/** The API client, shared with the legacy plugin. */
const enterpriseConsoleApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: enterpriseConsoleApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new EnterpriseConsoleClient(deps),
    }),
});

/** The console page; it draws its own header, as in the legacy system. */
const enterpriseConsolePage = PageBlueprint.make({
  params: {
    path: '/enterprise-console',
    routeRef: rootRouteRef,
    title: 'Enterprise Console',
    icon: <BusinessIcon />,
    noHeader: true,
    loader: () =>
      import('./components/EnterpriseConsolePage').then(m => (
        <m.EnterpriseConsolePage />
      )),
  },
});

/** The tenant card, on the pages of entities linked to a tenant. */
const entityTenantCard = EntityCardBlueprint.make({
  name: 'tenant',
  params: {
    filter: isEnterpriseConsoleTenantAvailable,
    loader: () =>
      import('./components/EntityTenantCard').then(m => <m.EntityTenantCard />),
  },
});

/**
 * The Enterprise Console plugin for the new frontend system.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'enterprise-console',
  title: 'Enterprise Console',
  icon: <BusinessIcon />,
  routes: { root: rootRouteRef },
  extensions: [enterpriseConsoleApi, enterpriseConsolePage, entityTenantCard],
});

export { rootRouteRef } from './routes';
