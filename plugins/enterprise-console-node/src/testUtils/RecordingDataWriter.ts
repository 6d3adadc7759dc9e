import {
  AccountInput,
  EnterpriseConsoleDataWriter,
  TenantInput,
} from '../dataWriter';

/**
 * A data writer for unit tests of seeders and other modules: it keeps what
 * was written, last write wins per id, as the real store's upsert does.
 *
 * @public
 */
export class RecordingDataWriter implements EnterpriseConsoleDataWriter {
  readonly accounts = new Map<string, AccountInput>();
  readonly tenants = new Map<string, TenantInput>();

  async upsertAccount(account: AccountInput): Promise<void> {
    this.accounts.set(account.id, account);
  }

  async upsertTenant(tenant: TenantInput): Promise<void> {
    if (!this.accounts.has(tenant.accountId)) {
      // The real store refuses a tenant of an unknown account; so does this.
      throw new Error(
        `Tenant ${tenant.id} refers to unknown account ${tenant.accountId}`,
      );
    }
    this.tenants.set(tenant.id, tenant);
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
}
