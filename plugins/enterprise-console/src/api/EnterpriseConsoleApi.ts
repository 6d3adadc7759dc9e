import { createApiRef } from '@backstage/core-plugin-api';
import {
  AccountSummary,
  EnterpriseSettings,
  EnterpriseSettingsResponse,
  Page,
  SsoProviderInfo,
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

  /** The enterprise settings of an account (defaults until first saved). */
  getAccountSettings(accountId: string): Promise<EnterpriseSettingsResponse>;

  /** Replaces the enterprise settings of an account. */
  updateAccountSettings(
    accountId: string,
    settings: EnterpriseSettings,
  ): Promise<EnterpriseSettingsResponse>;

  /** The portal's identity providers and the domains an account binds to each. */
  listSsoProviders(accountId: string): Promise<SsoProviderInfo[]>;
}

/**
 * @public
 */
export const enterpriseConsoleApiRef = createApiRef<EnterpriseConsoleApi>({
  id: 'plugin.enterprise-console.api',
});
