import { InputError } from '@backstage/errors';
import {
  AccountInput,
  EnterpriseConsoleDataWriter,
  TenantInput,
} from '@internal/plugin-enterprise-console-node';
import { AccountStore } from './AccountStore';
import { TenantStore } from './TenantStore';
import { accountSchema, parseInput, tenantSchema } from './validation';

/**
 * Validates and writes accounts and tenants. The HTTP routes and startup
 * seeders share it, so seeded data is exactly what the API would accept.
 */
export class TenantDataWriter implements EnterpriseConsoleDataWriter {
  constructor(
    private readonly accounts: AccountStore,
    private readonly tenants: TenantStore,
  ) {}

  async upsertAccount(input: AccountInput | unknown): Promise<void> {
    const account = parseInput(accountSchema, input, 'account');
    await this.accounts.upsert(account);
  }

  async upsertTenant(input: TenantInput | unknown): Promise<void> {
    const tenant = parseInput(tenantSchema, input, 'tenant');
    if (!(await this.accounts.exists(tenant.accountId))) {
      throw new InputError(
        `Invalid tenant: accountId ${tenant.accountId} does not exist`,
      );
    }
    await this.tenants.upsert(tenant);
  }
}
