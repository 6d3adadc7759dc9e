import { NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  Account,
  enterpriseConsoleBillingReadPermission,
  isValidSlug,
} from '@internal/plugin-enterprise-console-common';
import { Request } from 'express';
import { Authorizer, ListAuthorization } from '../permissions/authorize';
import { AccountStore } from '../tenants';

/**
 * The caller's billing.read as a filter over accounts: a caller denied
 * outright gets a 403; a conditional decision filters in SQL.
 */
export async function billingReadDecision(
  req: Request,
  authorizer: Authorizer,
): Promise<ListAuthorization> {
  const decision = await authorizer.authorizeList(
    req,
    enterpriseConsoleBillingReadPermission,
  );
  if (decision.result === 'deny') {
    throw new NotAllowedError(
      `Not allowed: ${enterpriseConsoleBillingReadPermission.name} is required`,
    );
  }
  return decision;
}

/**
 * The account whose billing the caller reads: one the caller may not read
 * is answered like a missing one (404), so account ids do not leak.
 */
export async function billingReadableAccount(
  req: Request,
  accountId: string,
  options: {
    authorizer: Authorizer;
    accounts: AccountStore;
  },
): Promise<Account> {
  const decision = await billingReadDecision(req, options.authorizer);
  const account = isValidSlug(accountId)
    ? await options.accounts.get(accountId, decision.filter)
    : undefined;
  if (!account) {
    throw new NotFoundError(`Account ${accountId} not found`);
  }
  return account;
}
