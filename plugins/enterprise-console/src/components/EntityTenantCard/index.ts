export { EntityTenantCard } from './EntityTenantCard';
export { isEnterpriseConsoleTenantAvailable } from './isTenantLinked';
