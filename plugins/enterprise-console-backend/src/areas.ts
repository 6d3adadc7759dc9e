import express from 'express';
import { createBillingArea, FeatureRegistrationEntry } from './billing';
import { createHealthRouter } from './health/createHealthRouter';
import { EnterpriseConsoleDataWriter } from '@internal/plugin-enterprise-console-node';
import { createIngestArea, readUsageMeterConfig } from './ingest';
import { Area } from './lib/Area';
import { createReportsArea, ReportsAreaDeps } from './reports';
import { createApiRouter } from './schema/createApiRouter';
import { createSchedulesArea } from './schedules';
import { createSettingsArea } from './settings';
import { createTenantsArea } from './tenants';

/**
 * What the areas are built from: the plugin's services and database. The
 * reports area takes every one of them, besides what other areas make;
 * `now` is the clock scheduled reports come due by (tests set it).
 */
export type AreaDeps = Omit<ReportsAreaDeps, 'accounts' | 'definitions'> & {
  now?: () => Date;
  /** Feature usage providers and hooks of modules (billing entitlements). */
  features?: readonly FeatureRegistrationEntry[];
};

/**
 * Builds every area of the plugin, each from its `index.ts`. Areas reach
 * each other only through what these calls return.
 */
export async function createAreas(
  deps: AreaDeps,
): Promise<{ areas: Area[]; writer: EnterpriseConsoleDataWriter }> {
  const { db, config, logger, scheduler, auditor, httpAuth, authorizer } = deps;
  // Config first: a mistake there stops the plugin before anything starts.
  const usageMeters = readUsageMeterConfig(config);
  const tenants = createTenantsArea({
    db,
    authorizer,
    scheduler,
    logger,
    usageMeters,
  });
  const { accounts } = tenants;
  const ingest = createIngestArea({
    db,
    usageMeters,
    authorizer,
    auditor,
    accounts,
    tenants: tenants.tenants,
  });
  const settings = createSettingsArea({
    db,
    config,
    httpAuth,
    authorizer,
    auditor,
    accounts,
    tenants: tenants.tenants,
  });
  const reports = await createReportsArea({
    ...deps,
    accounts,
    usageMeters: ingest.usageMeters,
  });
  const schedules = createSchedulesArea({ ...deps, accounts, reports });
  const billing = createBillingArea({
    db,
    config,
    logger,
    httpAuth,
    auditor,
    authorizer,
    accounts,
    tenants: tenants.tenants,
    notifications: deps.notifications,
    scheduler,
    features: deps.features,
    now: deps.now,
  });
  // Ingestion first: it reads its own request bodies.
  return {
    areas: [ingest, tenants, settings, reports, schedules, billing],
    writer: {
      upsertAccount: account => ingest.writer.upsertAccount(account),
      upsertTenant: tenant => ingest.writer.upsertTenant(tenant),
      ingest: records => ingest.writer.ingest(records),
      billing: billing.writer,
    },
  };
}

/**
 * The plugin's HTTP API, mounted at /api/enterprise-console: every area's
 * routes behind one validation against openapi.yaml.
 */
export async function mountAreas(areas: Area[]): Promise<express.Router> {
  const router = await createApiRouter();
  router.use(createHealthRouter());
  for (const area of areas) {
    router.use(area.router);
  }
  return router;
}
