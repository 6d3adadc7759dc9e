/**
 * Catalog module that publishes Enterprise Console tenants as `Resource`
 * entities of type `tenant`.
 *
 * @packageDocumentation
 */

export { catalogModuleEnterpriseConsoleTenants as default } from './module';
export { TenantEntityProvider } from './TenantEntityProvider';
export { tenantToEntity, tenantOwner } from './tenantToEntity';
