import {
  AuditorService,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import express from 'express';
import Router from 'express-promise-router';
import { Knex } from 'knex';
import { createHealthRouter } from './health/createHealthRouter';
import { createIngestRouter } from './ingest/createIngestRouter';
import {
  createDownloadRouter,
  DownloadRouterDeps,
} from './reports/delivery/createDownloadRouter';
import { IngestionService } from './ingest/IngestionService';
import { createReportRunsRouter, ReportRunService } from './reports/runs';
import { createSmsRouter } from './reports/sms';
import { ConsoleTileStore, createTilesRouter } from './reports/tiles';
import {
  createSettingsRouter,
  SettingsService,
  TenantCreation,
} from './settings';
import { Authorizer } from './permissions/authorize';
import { AccountStore } from './tenants/AccountStore';
import { createAccountsRouter } from './tenants/createAccountsRouter';
import { createPutRouter } from './tenants/putRoutes';
import { createTenantsRouter } from './tenants/createTenantsRouter';
import { TenantDataWriter } from './tenants/TenantDataWriter';
import { TenantOverviewStore } from './tenants/TenantOverviewStore';
import { TenantStore } from './tenants/TenantStore';

/** The plugin's HTTP API: one router per area, mounted at /api/enterprise-console. */
export async function createRouter(options: {
  httpAuth: HttpAuthService;
  /** Restricted for service principals (restrictServicePrincipals). */
  permissions: PermissionsService;
  authorizer: Authorizer;
  auditor: AuditorService;
  accounts: AccountStore;
  tenants: TenantStore;
  overviews: TenantOverviewStore;
  ingestion: IngestionService;
  writer: TenantDataWriter;
  settings: SettingsService;
  tenantCreation: TenantCreation;
  downloads: DownloadRouterDeps;
  reportRuns: ReportRunService;
  /** The plugin's database, for the tiles and the SMS table. */
  db: Knex;
}): Promise<express.Router> {
  const router = Router();
  // Signed links, no session (the plugin allows /v1/downloads unauthenticated).
  router.use(
    createDownloadRouter({ ...options.downloads, auditor: options.auditor }),
  );
  // Ingestion reads its own bodies (streams, larger JSON), after authorization.
  router.use(createIngestRouter(options));
  router.use(express.json({ limit: '1mb' }));
  router.use(createHealthRouter());
  router.use(createAccountsRouter(options));
  router.use(createTenantsRouter(options));
  router.use(createPutRouter(options));
  router.use(createSettingsRouter(options));
  router.use(createReportRunsRouter(options));
  router.use(
    createTilesRouter({ ...options, tiles: new ConsoleTileStore(options.db) }),
  );
  router.use(createSmsRouter(options));
  return router;
}
