import {
  IngestResult,
  TenantDataRecord,
} from '@internal/plugin-enterprise-console-common';
import {
  AccountInput,
  EnterpriseConsoleDataWriter,
  TenantInput,
  UpsertOutcome,
} from '../dataWriter';
import { RecordingBillingWriter } from './RecordingBillingWriter';

function outcomeOf(previous: unknown, next: unknown): UpsertOutcome {
  if (previous === undefined) return 'created';
  return JSON.stringify(previous) === JSON.stringify(next)
    ? 'unchanged'
    : 'updated';
}

/**
 * A data writer for unit tests of seeders and other modules: it keeps what
 * was written, last write wins per id, as the real store's upsert does.
 * It checks references (account of a tenant, tenant of a record) but not
 * field formats; the plugin's own tests cover those.
 *
 * @public
 */
export class RecordingDataWriter implements EnterpriseConsoleDataWriter {
  readonly accounts = new Map<string, AccountInput>();
  readonly tenants = new Map<string, TenantInput>();
  /** Ingested records keyed by `type/tenantId/id`. */
  readonly records = new Map<string, TenantDataRecord>();
  /** Billing writes in order; each must name a written tenant. */
  readonly billing = new RecordingBillingWriter(this.tenants);

  async upsertAccount(account: AccountInput): Promise<UpsertOutcome> {
    const outcome = outcomeOf(this.accounts.get(account.id), account);
    this.accounts.set(account.id, account);
    return outcome;
  }

  async upsertTenant(tenant: TenantInput): Promise<UpsertOutcome> {
    if (!this.accounts.has(tenant.accountId)) {
      // The real store refuses a tenant of an unknown account; so does this.
      throw new Error(
        `Tenant ${tenant.id} refers to unknown account ${tenant.accountId}`,
      );
    }
    const outcome = outcomeOf(this.tenants.get(tenant.id), tenant);
    this.tenants.set(tenant.id, tenant);
    return outcome;
  }

  async ingest(records: TenantDataRecord[]): Promise<IngestResult> {
    const result: IngestResult = {
      accepted: 0,
      unchanged: 0,
      rejected: [],
      rejectedCount: 0,
    };
    records.forEach((record, index) => {
      if (!this.tenants.has(record.tenantId)) {
        result.rejected.push({
          index,
          id: record.id,
          message: `tenantId ${record.tenantId} does not exist`,
        });
        result.rejectedCount += 1;
        return;
      }
      const key = `${record.type}/${record.tenantId}/${record.id}`;
      const previous = this.records.get(key);
      if (previous && JSON.stringify(previous) === JSON.stringify(record)) {
        result.unchanged += 1;
        return;
      }
      this.records.set(key, record);
      result.accepted += 1;
    });
    return result;
  }

  /** Tenant ids per account id, in write order. */
  tenantsByAccount(): Map<string, string[]> {
    const result = new Map<string, string[]>();
    for (const tenant of this.tenants.values()) {
      const list = result.get(tenant.accountId) ?? [];
      list.push(tenant.id);
      result.set(tenant.accountId, list);
    }
    return result;
  }

  /** Ingested records of one type, in write order. */
  recordsOfType<T extends TenantDataRecord['type']>(
    type: T,
  ): Extract<TenantDataRecord, { type: T }>[] {
    return [...this.records.values()].filter(
      (record): record is Extract<TenantDataRecord, { type: T }> =>
        record.type === type,
    );
  }
}
