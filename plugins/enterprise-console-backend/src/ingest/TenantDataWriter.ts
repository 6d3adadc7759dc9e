import { InputError } from '@backstage/errors';
import {
  IngestResult,
  TenantDataRecord,
} from '@internal/plugin-enterprise-console-common';
import {
  AccountInput,
  EnterpriseConsoleDataWriter,
  TenantInput,
  UpsertOutcome,
} from '@internal/plugin-enterprise-console-node';
import { parseInput } from '../lib/validation';
import {
  accountSchema,
  AccountStore,
  tenantSchema,
  TenantStore,
} from '../tenants';
import { IngestionService } from './IngestionService';

/**
 * Validates and writes accounts, tenants and tenant data. The HTTP routes
 * and startup seeders share it, so seeded data is exactly what the API
 * would accept.
 */
export class TenantDataWriter implements EnterpriseConsoleDataWriter {
  constructor(
    private readonly accounts: AccountStore,
    private readonly tenants: TenantStore,
    private readonly ingestion: IngestionService,
  ) {}

  async upsertAccount(input: AccountInput | unknown): Promise<UpsertOutcome> {
    const account = parseInput(accountSchema, input, 'account');
    return this.accounts.upsert(account);
  }

  async upsertTenant(input: TenantInput | unknown): Promise<UpsertOutcome> {
    const tenant = parseInput(tenantSchema, input, 'tenant');
    if (!(await this.accounts.exists(tenant.accountId))) {
      throw new InputError(
        `Invalid tenant: accountId ${tenant.accountId} does not exist`,
      );
    }
    return this.tenants.upsert(tenant);
  }

  /** As `POST /v1/ingest` with a JSON body: one transaction for the call. */
  async ingest(
    records: readonly TenantDataRecord[] | readonly unknown[],
  ): Promise<IngestResult> {
    return this.ingestion.ingest(
      records.map(value => ({ value })),
      { atomic: true },
    );
  }
}
