import {
  AuditorService,
  HttpAuthService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import Router from 'express-promise-router';
import { Knex } from 'knex';
import { Area } from '../lib/Area';
import { Authorizer } from '../permissions/authorize';
import { AccountStore, TenantStore } from '../tenants';
import { DomainBindingStore } from './DomainBindingStore';
import { createDomainBindingsRouter } from './createDomainBindingsRouter';
import { createSettingsRouter } from './createSettingsRouter';
import { SettingsService } from './SettingsService';
import { SettingsStore } from './SettingsStore';
import { TenantCreation } from './TenantCreation';

export { SettingsService } from './SettingsService';
export { TenantCreation } from './TenantCreation';

/** The identity providers of the portal: the keys of `auth.providers`. */
export function readAuthProviderIds(config: RootConfigService): string[] {
  return config.getOptionalConfig('auth.providers')?.keys() ?? [];
}

/** The settings area, with the service the sign-up check reads. */
export interface SettingsArea extends Area {
  settings: SettingsService;
}

/**
 * Enterprise settings, the sign-up check, SSO providers and tenant creation
 * by portal users. `SettingsStore` owns the settings tables,
 * `DomainBindingStore` the approval state of their domains.
 */
export function createSettingsArea(deps: {
  db: Knex;
  config: RootConfigService;
  httpAuth: HttpAuthService;
  authorizer: Authorizer;
  auditor: AuditorService;
  accounts: AccountStore;
  tenants: TenantStore;
}): SettingsArea {
  const { db, config, httpAuth, authorizer, auditor, accounts, tenants } = deps;
  const settings = new SettingsService({
    db,
    authorizer,
    accounts,
    store: new SettingsStore(db),
    bindings: new DomainBindingStore(db),
    authProviderIds: readAuthProviderIds(config),
  });
  const tenantCreation = new TenantCreation({
    authorizer,
    accounts,
    tenants,
    settings,
  });
  const router = Router();
  router.use(
    createSettingsRouter({ httpAuth, auditor, settings, tenantCreation }),
    createDomainBindingsRouter({
      httpAuth,
      auditor,
      authorizer,
      settings,
    }),
  );
  return { router, settings };
}
