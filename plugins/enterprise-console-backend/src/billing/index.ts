import {
  AuditorService,
  HttpAuthService,
  LoggerService,
  RootConfigService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import Router from 'express-promise-router';
import { Knex } from 'knex';
import { Area } from '../lib/Area';
import { readEmailSender } from '../mail';
import { BillingDataWriter } from './BillingDataWriter';
import { Authorizer } from '../permissions/authorize';
import { AccountStore, TenantStore, UserCountSnapshots } from '../tenants';
import {
  ApplicationNotices,
  readApplicationReviewers,
} from './applications/ApplicationNotices';
import { ApplicationStore } from './applications/ApplicationStore';
import { createApplicationsRouter } from './applications/createApplicationsRouter';
import { createCreditsRouter } from './credits/createCreditsRouter';
import { CreditStore } from './credits/CreditStore';
import { builtInFeatureUsage } from './entitlements/builtInUsage';
import { createEntitlementsRouter } from './entitlements/createEntitlementsRouter';
import { EntitlementStore } from './entitlements/EntitlementStore';
import {
  FeatureRegistrationEntry,
  FeatureRegistry,
} from './entitlements/FeatureRegistry';
import { createInvoicesRouter } from './invoices/createInvoicesRouter';
import { databaseInvoiceUsage, InvoiceUsage } from './invoices/invoiceUsage';
import { Invoice, InvoiceStore } from './invoices/InvoiceStore';
import { runInvoices, scheduleInvoiceRun } from './invoices/runInvoices';
import { createPaymentsRouter } from './payments/createPaymentsRouter';
import { PaymentStore } from './payments/PaymentStore';
import { createPlansRouter } from './plans/createPlansRouter';
import { PlanCatalogue } from './plans/PlanCatalogue';
import { PlanStore } from './plans/PlanStore';
import { readPlanCatalogueConfig } from './plans/readPlanCatalogueConfig';
import {
  applyDatedChanges,
  scheduleDatedChanges,
} from './subscriptions/applyDatedChanges';
import { createSubscriptionsRouter } from './subscriptions/createSubscriptionsRouter';
import { SubscriptionStore } from './subscriptions/SubscriptionStore';
import { ContactStore } from './statements/ContactStore';
import { createContactsRouter } from './statements/createContactsRouter';
import { createStatementsRouter } from './statements/createStatementsRouter';
import { readStatementConfig } from './statements/readStatementConfig';
import { StatementDelivery } from './statements/StatementDelivery';

export { PlanCatalogue } from './plans/PlanCatalogue';
export { checkFeatureKey } from './entitlements/FeatureRegistry';
export type { FeatureRegistrationEntry } from './entitlements/FeatureRegistry';

/** The billing area, with the catalogue other areas price by. */
export interface BillingArea extends Area {
  plans: PlanCatalogue;
  /** Billing writes of seeders, by the API's rules. */
  writer: BillingDataWriter;
  /** What tenants use of their plan's features (usage providers). */
  entitlements: {
    /** The features the tenant uses, sorted. */
    featuresInUse(tenantId: string): Promise<string[]>;
  };
  /** Runs the dated changes task once now (tests; the scheduler runs it hourly). */
  applyDatedChanges(): ReturnType<typeof applyDatedChanges>;
  /** Runs the invoice run of a month now (tests; the scheduler runs it on the 1st). */
  runInvoices(period: string): ReturnType<typeof runInvoices>;
}

/**
 * Billing (billing.md): so far the plan catalogue, whose config is read at
 * construction (a mistake fails startup) and upserted at start, and
 * subscriptions. `PlanStore` owns `billing_plans`, `SubscriptionStore`
 * owns `billing_subscriptions`, `EntitlementStore` owns `tenant_features`
 * (and writes a tenant's plan, edition and status through the tenants
 * area's store) inside the subscription transactions; the invoice
 * arithmetic is the pure module `proration.ts`. `ApplicationStore` owns
 * `billing_applications` (pro-bono and developer plan applications, whose
 * approval creates a subscription through `SubscriptionStore`). `now` is
 * the clock subscription dates are counted by (tests set it). `features`
 * are the usage providers and hooks modules registered (entitlements
 * extension point), besides the built-in providers; with a `scheduler`,
 * `start` schedules the dated changes task and the monthly invoice run.
 * `InvoiceStore` owns `billing_invoices`, their lines, the number counter
 * and the run's failures; `invoiceUsage` (tests replace it) reads the
 * users and SMS the run bills. The ledger (billing.md, "Credits,
 * payments, balance"): `CreditStore` owns `billing_credit_lines` and
 * their append-only `billing_credit_entries` (a balance is the sum of
 * its entries; `credits/applyCredits.ts` is the pure application order);
 * `PaymentStore` owns `billing_payments` and their allocations. The
 * invoice insert applies credits, a payment (`payments/recordPayment.ts`)
 * allocates and credits its excess, a void gives credits back, and a
 * subscription change moves the old subscription's credits to the next
 * one, each in the one transaction of its write. An invoice's `overdue`
 * status is worked out when read, from `now`. `notifications` tells billing
 * admins of applications and applicants of decisions; the plugin always
 * gives it (tests of other routes may not, and then nobody is told).
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
  scheduler?: SchedulerService;
  features?: readonly FeatureRegistrationEntry[];
  now?: () => Date;
  invoiceUsage?: InvoiceUsage;
}): BillingArea {
  const { db, config, logger, httpAuth, auditor, authorizer } = deps;
  const now = deps.now ?? (() => new Date());
  const catalogue = readPlanCatalogueConfig(config);
  const statementConfig = readStatementConfig(config);
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
  const entitlements = new EntitlementStore(db, deps.tenants);
  const credits = new CreditStore(db);
  const features = new FeatureRegistry(
    [...builtInFeatureUsage(db, now), ...(deps.features ?? [])],
    logger,
  );
  const subscriptions = new SubscriptionStore(db, {
    plans: planStore,
    tenants: deps.tenants,
    entitlements,
    credits,
  });
  const datedChanges = (signal?: AbortSignal) =>
    applyDatedChanges({
      subscriptions,
      features,
      auditor,
      logger,
      now,
      signal,
    });
  const notices = new ApplicationNotices({
    notifications: deps.notifications ?? { send: async () => {} },
    logger,
    reviewers: deps.notifications ? readApplicationReviewers(config) : [],
  });
  const applications = new ApplicationStore(db);
  const invoices = new InvoiceStore(db, credits);
  const payments = new PaymentStore(db);
  const contacts = new ContactStore(db);
  const statements = new StatementDelivery({
    invoices,
    contacts,
    accounts: deps.accounts,
    tenants: deps.tenants,
    seller: statementConfig.seller,
    email: readEmailSender(config, logger),
    logger,
    now,
  });
  const invoiceRun = async (period: string, signal?: AbortSignal) => {
    const created: Invoice[] = [];
    const result = await runInvoices(
      {
        invoices,
        subscriptions,
        accounts: deps.accounts,
        usage:
          deps.invoiceUsage ??
          databaseInvoiceUsage(db, new UserCountSnapshots(db, now)),
        logger,
        now,
        onCreated: invoice => created.push(invoice),
      },
      period,
      signal,
    );
    // After the run, so that a slow or failing mail server never holds up
    // or fails invoicing.
    if (statementConfig.emailAfterRun) {
      await statements.sendEach(created);
    }
    return result;
  };
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
      featuresInUse: tenantId => features.featuresInUse(tenantId),
      features,
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
  router.use(
    createInvoicesRouter({
      httpAuth,
      auditor,
      authorizer,
      invoices,
      accounts: deps.accounts,
      tenants: deps.tenants,
      run: period => invoiceRun(period),
      now,
    }),
  );
  router.use(
    createCreditsRouter({
      httpAuth,
      auditor,
      authorizer,
      credits,
      subscriptions,
      accounts: deps.accounts,
      now,
    }),
  );
  router.use(
    createPaymentsRouter({
      db,
      httpAuth,
      auditor,
      authorizer,
      payments,
      invoices,
      credits,
      accounts: deps.accounts,
      now,
    }),
  );
  router.use(
    createContactsRouter({
      httpAuth,
      auditor,
      authorizer,
      contacts,
      accounts: deps.accounts,
    }),
  );
  router.use(
    createStatementsRouter({
      httpAuth,
      auditor,
      authorizer,
      invoices,
      accounts: deps.accounts,
      statements,
      now,
    }),
  );
  router.use(
    createEntitlementsRouter({
      httpAuth,
      authorizer,
      tenants: deps.tenants,
      entitlements,
      features,
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
      accounts: deps.accounts,
      db,
      invoices,
      credits,
      payments,
      contacts,
      run: period => invoiceRun(period),
      catalogueReady,
      now,
    }),
    entitlements: {
      featuresInUse: tenantId => features.featuresInUse(tenantId),
    },
    applyDatedChanges: () => datedChanges(),
    runInvoices: period => invoiceRun(period),
    async start() {
      await catalogueReady();
      if (deps.scheduler) {
        await scheduleDatedChanges({
          scheduler: deps.scheduler,
          logger,
          run: datedChanges,
        });
        await scheduleInvoiceRun({
          scheduler: deps.scheduler,
          logger,
          auditor,
          now,
          run: invoiceRun,
        });
      }
    },
  };
}
