import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { UsageMeter } from '@internal/plugin-enterprise-console-common';
import Router from 'express-promise-router';
import { Knex } from 'knex';
import { Area } from '../lib/Area';
import { Authorizer } from '../permissions/authorize';
import { AccountStore } from './AccountStore';
import { createAccountsRouter } from './createAccountsRouter';
import { createTenantsRouter } from './createTenantsRouter';
import { TenantOverviewStore } from './TenantOverviewStore';
import { TenantStore } from './TenantStore';
import { TenantUsageStore } from './TenantUsageStore';
import {
  scheduleUserCountSnapshots,
  UserCountSnapshots,
} from './UserCountSnapshots';

export { AccountStore } from './AccountStore';
export { TenantStore } from './TenantStore';
export {
  applyTenantListFilter,
  tenantListFilterSchema,
  toTenantFilter,
} from './tenantListFilter';
export type { TenantListFilter } from './tenantListFilter';
export { accountSchema, tenantSchema } from './schemas';
export type { ValidAccount, ValidTenant } from './schemas';
export { UserCountSnapshots } from './UserCountSnapshots';

/** The tenants area: what other areas read of accounts and tenants. */
export interface TenantsArea extends Area {
  accounts: AccountStore;
  tenants: TenantStore;
}

/**
 * Accounts and tenants: their stores (the owners of `accounts`,
 * `account_admins`, `tenants` and the user-count snapshots), the list,
 * detail and daily-usage routes, and the daily snapshot task. The usage
 * route charts `usageMeters`, which ingestion accepts events of.
 */
export function createTenantsArea(deps: {
  db: Knex;
  authorizer: Authorizer;
  scheduler: SchedulerService;
  logger: LoggerService;
  usageMeters: readonly UsageMeter[];
}): TenantsArea {
  const { db, authorizer, scheduler, logger } = deps;
  const accounts = new AccountStore(db);
  const tenants = new TenantStore(db);
  const router = Router();
  router.use(createAccountsRouter({ authorizer, accounts }));
  router.use(
    createTenantsRouter({
      authorizer,
      accounts,
      tenants,
      overviews: new TenantOverviewStore(db),
      usage: new TenantUsageStore(db, deps.usageMeters),
    }),
  );
  return {
    router,
    accounts,
    tenants,
    start: () =>
      scheduleUserCountSnapshots({
        scheduler,
        snapshots: new UserCountSnapshots(db),
        logger,
      }),
  };
}
