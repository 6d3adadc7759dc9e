/**
 * Annotation that links any catalog entity to a tenant by its id.
 *
 * @public
 */
export const TENANT_ANNOTATION = 'enterprise-console.io/tenant';

/**
 * Annotation on the tenant entities the catalog module publishes, naming the
 * tenant's account.
 *
 * @public
 */
export const ACCOUNT_ANNOTATION = 'enterprise-console.io/account';

/**
 * `spec.type` of the `Resource` entities that represent tenants.
 *
 * @public
 */
export const TENANT_RESOURCE_TYPE = 'tenant';
