import { AuditorService } from '@backstage/backend-plugin-api';
import { UsageMeter } from '@internal/plugin-enterprise-console-common';
import Router from 'express-promise-router';
import { Knex } from 'knex';
import { Area } from '../lib/Area';
import { Authorizer } from '../permissions/authorize';
import { AccountStore, TenantStore } from '../tenants';
import { createIngestRouter } from './createIngestRouter';
import { createUpsertRouter } from './createUpsertRouter';
import { IngestionService } from './IngestionService';
import { TenantDataStore } from './TenantDataStore';
import { TenantDataWriter } from './TenantDataWriter';

export { IngestionService } from './IngestionService';
export { TenantDataStore } from './TenantDataStore';
export { TenantDataWriter } from './TenantDataWriter';
export { RECORD_TYPES } from './recordTypes';
export { readUsageMeterConfig } from './readUsageMeterConfig';

/** The ingest area, with the writer that seeders use. */
export interface IngestArea extends Area {
  /** Validates and writes exactly what the API accepts; seeders use it. */
  writer: TenantDataWriter;
  /** The configured usage meters, in config order (the report's columns). */
  usageMeters: readonly UsageMeter[];
}

/**
 * Ingestion: the upserts of accounts and tenants, and tenant data records
 * as JSON, NDJSON or CSV. `TenantDataStore` owns the tenant data tables;
 * usage events must name a meter of `enterpriseConsole.usageMeters`.
 */
export function createIngestArea(deps: {
  db: Knex;
  /** `enterpriseConsole.usageMeters`, read once by `readUsageMeterConfig`. */
  usageMeters: readonly UsageMeter[];
  authorizer: Authorizer;
  auditor: AuditorService;
  accounts: AccountStore;
  tenants: TenantStore;
}): IngestArea {
  const { db, authorizer, auditor, accounts, tenants, usageMeters } = deps;
  const ingestion = new IngestionService(
    db,
    new TenantDataStore(db),
    usageMeters,
  );
  const writer = new TenantDataWriter(accounts, tenants, ingestion);
  const router = Router();
  // Ingestion reads its own bodies (streams, larger JSON) after authorization.
  router.use(createIngestRouter({ authorizer, auditor, ingestion }));
  router.use(
    createUpsertRouter({ authorizer, auditor, accounts, tenants, writer }),
  );
  return { router, writer, usageMeters };
}
