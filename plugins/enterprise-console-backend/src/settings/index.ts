import {
  PermissionsService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { AccountStore } from '../tenants/AccountStore';
import { TenantStore } from '../tenants/TenantStore';
import { SettingsService } from './SettingsService';
import { SettingsStore } from './SettingsStore';
import { TenantCreation } from './TenantCreation';

export { createSettingsRouter } from './createSettingsRouter';
export { SettingsService } from './SettingsService';
export { TenantCreation } from './TenantCreation';

/** The identity providers of the portal: the keys of `auth.providers`. */
export function readAuthProviderIds(config: RootConfigService): string[] {
  return config.getOptionalConfig('auth.providers')?.keys() ?? [];
}

/** Builds the settings area's services over the plugin's database. */
export function createSettingsServices(options: {
  db: Knex;
  config: RootConfigService;
  permissions: PermissionsService;
  accounts: AccountStore;
  tenants: TenantStore;
}): { settings: SettingsService; tenantCreation: TenantCreation } {
  const settings = new SettingsService({
    permissions: options.permissions,
    accounts: options.accounts,
    store: new SettingsStore(options.db),
    authProviderIds: readAuthProviderIds(options.config),
  });
  const tenantCreation = new TenantCreation({
    db: options.db,
    permissions: options.permissions,
    accounts: options.accounts,
    tenants: options.tenants,
    settings,
  });
  return { settings, tenantCreation };
}
