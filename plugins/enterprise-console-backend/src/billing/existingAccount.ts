import { NotFoundError } from '@backstage/errors';
import { isValidSlug } from '@internal/plugin-enterprise-console-common';
import { AccountStore } from '../tenants';

/**
 * Refuses a billing write for an account that does not exist (404), so
 * that no ledger row ever names a missing account.
 */
export async function requireAccount(
  accounts: AccountStore,
  accountId: string,
): Promise<void> {
  if (!isValidSlug(accountId) || !(await accounts.exists(accountId))) {
    throw new NotFoundError(`Account ${accountId} not found`);
  }
}
