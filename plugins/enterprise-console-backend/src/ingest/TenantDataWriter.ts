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
import { refuseAccountMove, refuseAdminChange } from './reassignment';

/**
 * What an upsert may do beyond writing data. Seeders and other backend
 * modules are trusted code and may; the HTTP routes pass the caller's
 * enterprise-console.account.admins.manage decision.
 */
export interface UpsertAuthority {
  /**
   * Whether the upsert may change the admins of a stored account or move a
   * stored tenant to another account (403 otherwise). Creating an account
   * with admins, or a tenant in any account, takes nobody's place.
   */
  mayReassign: boolean;
}

const TRUSTED: UpsertAuthority = { mayReassign: true };

/**
 * The check a stored row must pass before it is replaced: none for a caller
 * that may reassign, `refuse` for one that may not.
 */
function beforeReplaceFor<T>(
  authority: UpsertAuthority,
  refuse: (current: T) => void,
): ((current: T) => void) | undefined {
  return authority.mayReassign ? undefined : refuse;
}

/**
 * Validates and writes accounts, tenants and tenant data. The HTTP routes
 * and startup seeders share it, so seeded data is exactly what the API
 * would accept. Seeders get it together with billing's writer.
 */
export class TenantDataWriter
  implements Omit<EnterpriseConsoleDataWriter, 'billing'>
{
  constructor(
    private readonly accounts: AccountStore,
    private readonly tenants: TenantStore,
    private readonly ingestion: IngestionService,
  ) {}

  async upsertAccount(
    input: AccountInput | unknown,
    authority: UpsertAuthority = TRUSTED,
  ): Promise<UpsertOutcome> {
    const account = parseInput(accountSchema, input, 'account');
    return this.accounts.upsert(
      account,
      beforeReplaceFor(authority, current =>
        refuseAdminChange(current, account),
      ),
    );
  }

  async upsertTenant(
    input: TenantInput | unknown,
    authority: UpsertAuthority = TRUSTED,
  ): Promise<UpsertOutcome> {
    const tenant = parseInput(tenantSchema, input, 'tenant');
    if (!(await this.accounts.exists(tenant.accountId))) {
      throw new InputError(
        `Invalid tenant: accountId ${tenant.accountId} does not exist`,
      );
    }
    return this.tenants.upsert(
      tenant,
      beforeReplaceFor(authority, current =>
        refuseAccountMove(current, tenant),
      ),
    );
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
