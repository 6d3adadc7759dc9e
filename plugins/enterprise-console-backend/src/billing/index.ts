import {
  AuditorService,
  HttpAuthService,
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import Router from 'express-promise-router';
import { Knex } from 'knex';
import { Area } from '../lib/Area';
import { BillingDataWriter } from './BillingDataWriter';
import { Authorizer } from '../permissions/authorize';
import { AccountStore, TenantStore } from '../tenants';
import {
  ApplicationNotices,
  readApplicationReviewers,
} from './applications/ApplicationNotices';
import { ApplicationStore } from './applications/ApplicationStore';
import { createApplicationsRouter } from './applications/createApplicationsRouter';
import { createPlansRouter } from './plans/createPlansRouter';
import { PlanCatalogue } from './plans/PlanCatalogue';
import { PlanStore } from './plans/PlanStore';
import { readPlanCatalogueConfig } from './plans/readPlanCatalogueConfig';
import { createSubscriptionsRouter } from './subscriptions/createSubscriptionsRouter';
import { SubscriptionStore } from './subscriptions/SubscriptionStore';

export { PlanCatalogue } from './plans/PlanCatalogue';

/** The billing area, with the catalogue other areas price by. */
export interface BillingArea extends Area {
  plans: PlanCatalogue;
  /** Billing writes of seeders, by the API's rules. */
  writer: BillingDataWriter;
}

/**
 * Billing (billing.md): so far the plan catalogue, whose config is read at
 * construction (a mistake fails startup) and upserted at start, and
 * subscriptions. `PlanStore` owns `billing_plans`, `SubscriptionStore`
 * owns `billing_subscriptions` (and writes a tenant's plan, edition and
 * status through the tenants area's store); the invoice arithmetic is the
 * pure module `proration.ts`. `ApplicationStore` owns
 * `billing_applications` (pro-bono and developer plan applications, whose
 * approval creates a subscription through `SubscriptionStore`). `now` is
 * the clock subscription dates are counted by (tests set it).
 * `notifications` tells billing admins of applications and applicants of
 * decisions; the plugin always gives it (tests of other routes may not,
 * and then nobody is told).
 */
export function createBillingArea(deps: {
  db: Knex;
  config: RootConfigService;
  logger: LoggerService;
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  authorizer: Authorizer;
  accounts: AccountStore;
  tenants: TenantStore;
  notifications?: NotificationService;
  now?: () => Date;
  /**
   * A tenant's features in use, which a change's preview lists when the
   * new plan lacks them. Until entitlements report them, none (tests give
   * their own).
   */
  featuresInUse?: (tenantId: string) => Promise<string[]>;
}): BillingArea {
  const { db, config, logger, httpAuth, auditor, authorizer } = deps;
  const now = deps.now ?? (() => new Date());
  const catalogue = readPlanCatalogueConfig(config);
  const planStore = new PlanStore(db);
  const plans = new PlanCatalogue({
    store: planStore,
    authorizer,
    logger,
  });
  // Once, before the first subscription is written: seeders run before
  // the areas start, and a subscription needs its plan in the database.
  let catalogueApplied: Promise<void> | undefined;
  const catalogueReady = () => {
    catalogueApplied ??= plans.applyConfig(catalogue);
    return catalogueApplied;
  };
  const subscriptions = new SubscriptionStore(db, {
    plans: planStore,
    tenants: deps.tenants,
  });
  const notices = new ApplicationNotices({
    notifications: deps.notifications ?? { send: async () => {} },
    logger,
    reviewers: deps.notifications ? readApplicationReviewers(config) : [],
  });
  const applications = new ApplicationStore(db);
  const router = Router();
  router.use(createPlansRouter({ httpAuth, auditor, authorizer, plans }));
  router.use(
    createSubscriptionsRouter({
      httpAuth,
      auditor,
      authorizer,
      subscriptions,
      accounts: deps.accounts,
      tenants: deps.tenants,
      featuresInUse: deps.featuresInUse ?? (async () => []),
      now,
    }),
  );
  router.use(
    createApplicationsRouter({
      httpAuth,
      auditor,
      authorizer,
      applications,
      subscriptions,
      plans,
      planStore,
      tenants: deps.tenants,
      notices,
      now,
    }),
  );
  return {
    router,
    plans,
    writer: new BillingDataWriter({
      subscriptions,
      applications,
      plans: planStore,
      tenants: deps.tenants,
      catalogueReady,
      now,
    }),
    async start() {
      await catalogueReady();
    },
  };
}
