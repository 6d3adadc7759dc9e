import { discoveryApiRef, fetchApiRef } from '@backstage/core-plugin-api';
import { Content } from '@backstage/core-components';
import {
  ApiBlueprint,
  createFrontendPlugin,
  PageBlueprint,
  SubPageBlueprint,
} from '@backstage/frontend-plugin-api';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import BusinessIcon from '@material-ui/icons/Business';
import {
  EnterpriseConsoleFrontendClient,
  enterpriseConsoleApiRef,
} from './api';
import { consoleTabs } from './components/consoleTabs';
import { isEnterpriseConsoleTenantAvailable } from './components/EntityTenantCard/isTenantLinked';
import { rootRouteRef } from './routes';

/** The API client, shared with the legacy plugin. */
const enterpriseConsoleApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: enterpriseConsoleApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new EnterpriseConsoleFrontendClient(deps),
    }),
});

/** The console page: the app draws its header and one tab per sub-page. */
const enterpriseConsolePage = PageBlueprint.make({
  params: {
    path: '/enterprise-console',
    routeRef: rootRouteRef,
    title: 'Enterprise Console',
    icon: <BusinessIcon />,
  },
});

/** The same tabs as the legacy page, as sub-pages of the console page. */
const consoleSubPages = consoleTabs.map(tab =>
  SubPageBlueprint.make({
    name: tab.path,
    attachTo: { id: 'page:enterprise-console', input: 'pages' },
    params: {
      path: tab.path,
      title: tab.title,
      loader: async () => (
        <Content>
          <tab.Component />
        </Content>
      ),
    },
  }),
);

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
  extensions: [
    enterpriseConsoleApi,
    enterpriseConsolePage,
    ...consoleSubPages,
    entityTenantCard,
  ],
});

export { rootRouteRef } from './routes';
