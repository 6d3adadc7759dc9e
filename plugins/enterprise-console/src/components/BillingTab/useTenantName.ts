import { useAccountTenants } from '../SmsTab/useAccountTenants';

/**
 * A tenant's name by id among an account's tenants; the id itself until
 * they are loaded or when the user may not list them (names only: the id
 * still says which tenant).
 */
export function useTenantName(accountId: string): (tenantId: string) => string {
  const tenants = useAccountTenants(accountId);
  return tenantId =>
    tenants.value?.find(tenant => tenant.id === tenantId)?.name ?? tenantId;
}
