import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  enterpriseConsoleBillingReadPermission,
  isValidSlug,
} from '@internal/plugin-enterprise-console-common';
import { Request } from 'express';
import { rejectUnknownQuery } from '../lib/validation';
import { Authorizer } from '../permissions/authorize';
import { AccountStore } from '../tenants';

/**
 * The account of a billing list's `?accountId` (its only query), when the
 * caller holds billing.read on it: 403 without billing.read anywhere, 404
 * for an account it may not read (filtered in SQL, answered like a
 * missing one so ids do not leak), 400 without the query.
 */
export async function readableAccount(
  req: Request,
  deps: { authorizer: Authorizer; accounts: AccountStore },
) {
  const decision = await deps.authorizer.authorizeList(
    req,
    enterpriseConsoleBillingReadPermission,
  );
  if (decision.result === 'deny') {
    throw new NotAllowedError(
      `Not allowed: ${enterpriseConsoleBillingReadPermission.name} is required`,
    );
  }
  rejectUnknownQuery(req.query, ['accountId']);
  const { accountId } = req.query;
  if (accountId === undefined) {
    throw new InputError('Invalid query: accountId is required');
  }
  const account =
    typeof accountId === 'string' && isValidSlug(accountId)
      ? await deps.accounts.get(accountId, decision.filter)
      : undefined;
  if (!account) {
    throw new NotFoundError(
      `Account ${String(accountId).slice(0, 100)} not found`,
    );
  }
  return account;
}
