import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  Account,
  enterpriseConsoleConsoleReadPermission,
  isValidSlug,
} from '@internal/plugin-enterprise-console-common';
import { Request } from 'express';
import { Authorizer } from './authorize';

/**
 * The account whose console (tiles, SMS table) a request reads: the caller
 * must hold console.read on it (401/403), checked first so that a denied
 * caller learns nothing about which accounts exist; then, as for enterprise
 * settings, an unknown account is 404 and one that is not an enterprise
 * account 409.
 */
export async function authorizeConsoleAccount(
  req: Request,
  accountId: string,
  options: {
    authorizer: Authorizer;
    accounts: { get(id: string): Promise<Account | undefined> };
  },
): Promise<Account> {
  await options.authorizer.authorize(
    req,
    enterpriseConsoleConsoleReadPermission,
    { resourceRef: accountId },
  );
  const account = isValidSlug(accountId)
    ? await options.accounts.get(accountId)
    : undefined;
  if (!account) {
    throw new NotFoundError(`Account ${accountId} not found`);
  }
  if (!account.enterprise) {
    throw new ConflictError(
      `Account ${accountId} is not an enterprise account; only enterprise accounts have a console`,
    );
  }
  return account;
}
