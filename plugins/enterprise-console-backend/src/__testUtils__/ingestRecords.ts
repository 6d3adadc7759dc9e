import { TenantDataRecord } from '@internal/plugin-enterprise-console-common';
import { Knex } from 'knex';
import { IngestionService } from '../ingest/IngestionService';
import { TenantDataStore } from '../ingest/TenantDataStore';
import { TEST_USAGE_METERS } from './usageMeters';

/**
 * Writes records as `POST /v1/ingest` does (one atomic call through the
 * ingestion service, so every trigger fires); throws naming the refused
 * records if any is refused.
 */
export async function ingestRecords(
  knex: Knex,
  records: readonly TenantDataRecord[],
): Promise<void> {
  const result = await new IngestionService(
    knex,
    new TenantDataStore(knex),
    TEST_USAGE_METERS,
  ).ingest(
    records.map(value => ({ value })),
    { atomic: true },
  );
  if (result.rejectedCount > 0) {
    throw new Error(`Records refused: ${JSON.stringify(result.rejected)}`);
  }
}
