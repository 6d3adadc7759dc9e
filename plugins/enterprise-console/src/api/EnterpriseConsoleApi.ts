import { createApiRef } from '@backstage/core-plugin-api';
import {
  AccountSummary,
  Page,
  TenantDetail,
} from '@internal/plugin-enterprise-console-common';

/**
 * Client of the Enterprise Console backend.
 *
 * @public
 */
export interface EnterpriseConsoleApi {
  /** One page of the accounts the caller may see, with their tenant counts. */
  listAccounts(options?: {
    limit?: number;
    cursor?: string;
  }): Promise<Page<AccountSummary>>;

  /** A tenant with its account's name and what exists in it. */
  getTenant(tenantId: string): Promise<TenantDetail>;
}

/**
 * @public
 */
export const enterpriseConsoleApiRef = createApiRef<EnterpriseConsoleApi>({
  id: 'plugin.enterprise-console.api',
});
