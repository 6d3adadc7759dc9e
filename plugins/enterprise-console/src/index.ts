/**
 * The Enterprise Console frontend plugin (legacy frontend system). The new
 * frontend system plugin is the default export of `./alpha`.
 *
 * @packageDocumentation
 */

export {
  enterpriseConsolePlugin,
  EnterpriseConsolePage,
  EntityEnterpriseConsoleTenantCard,
} from './plugin';
export { isEnterpriseConsoleTenantAvailable } from './components/EntityTenantCard/isTenantLinked';
export { rootRouteRef } from './routes';
export * from './api';
