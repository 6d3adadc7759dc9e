import {
  AuditorService,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import express from 'express';
import Router from 'express-promise-router';
import { createHealthRouter } from './health/createHealthRouter';
import { createIngestRouter } from './ingest/createIngestRouter';
import { IngestionService } from './ingest/IngestionService';
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
  /** The reports area's routes (createReportsArea). */
  reports: express.Router;
}): Promise<express.Router> {
  const router = Router();
  // Ingestion reads its own bodies (streams, larger JSON), after authorization.
  router.use(createIngestRouter(options));
  router.use(express.json({ limit: '1mb' }));
  router.use(createHealthRouter());
  router.use(createAccountsRouter(options));
  router.use(createTenantsRouter(options));
  router.use(createPutRouter(options));
  router.use(createSettingsRouter(options));
  router.use(options.reports);
  return router;
}
