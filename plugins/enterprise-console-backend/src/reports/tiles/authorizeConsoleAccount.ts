import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  Account,
  enterpriseConsoleConsoleReadPermission,
  isValidSlug,
} from '@internal/plugin-enterprise-console-common';
import { Request } from 'express';
import { Authorizer } from '../../permissions/authorize';

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

/** Throws a 400 naming the first query parameter that is not `allowed`. */
export function rejectUnknownQuery(
  query: Record<string, unknown>,
  allowed: readonly string[],
): void {
  const unknown = Object.keys(query).find(key => !allowed.includes(key));
  if (unknown !== undefined) {
    throw new InputError(
      `Invalid query: unknown parameter ${unknown.slice(0, 100)}`,
    );
  }
}
