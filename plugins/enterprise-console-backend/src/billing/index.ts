import {
  AuditorService,
  HttpAuthService,
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import Router from 'express-promise-router';
import { Knex } from 'knex';
import { Area } from '../lib/Area';
import { Authorizer } from '../permissions/authorize';
import { createPlansRouter } from './plans/createPlansRouter';
import { PlanCatalogue } from './plans/PlanCatalogue';
import { PlanStore } from './plans/PlanStore';
import { readPlanCatalogueConfig } from './plans/readPlanCatalogueConfig';

export { PlanCatalogue } from './plans/PlanCatalogue';

/** The billing area, with the catalogue other areas price by. */
export interface BillingArea extends Area {
  plans: PlanCatalogue;
}

/**
 * Billing (billing.md): so far the plan catalogue, whose config is read at
 * construction (a mistake fails startup) and upserted at start.
 * `PlanStore` owns `billing_plans`; the invoice arithmetic is the pure
 * module `proration.ts`.
 */
export function createBillingArea(deps: {
  db: Knex;
  config: RootConfigService;
  logger: LoggerService;
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  authorizer: Authorizer;
}): BillingArea {
  const { db, config, logger, httpAuth, auditor, authorizer } = deps;
  const catalogue = readPlanCatalogueConfig(config);
  const plans = new PlanCatalogue({
    store: new PlanStore(db),
    authorizer,
    logger,
  });
  const router = Router();
  router.use(createPlansRouter({ httpAuth, auditor, authorizer, plans }));
  return {
    router,
    plans,
    async start() {
      await plans.applyConfig(catalogue);
    },
  };
}
