import { NotAllowedError } from '@backstage/errors';
import {
  Account,
  enterpriseConsoleAccountAdminsManagePermission,
  Tenant,
} from '@internal/plugin-enterprise-console-common';

/*
 * Who administers an account is not tenant data: changing an account's
 * admins, or moving a tenant (and with it its data) to another account's
 * admins, needs account.admins.manage on top of data.ingest, so that an
 * ingestion token or an admin who may ingest cannot take over an account.
 */

const required = enterpriseConsoleAccountAdminsManagePermission.name;

/** Refs and emails compare as sets, case-insensitively, as they are matched. */
function sameMembers(a: readonly string[], b: readonly string[]): boolean {
  const normalise = (values: readonly string[]) =>
    JSON.stringify([...new Set(values.map(v => v.toLowerCase()))].sort());
  return normalise(a) === normalise(b);
}

/** Refuses (403) a change of who administers a stored account. */
export function refuseAdminChange(
  current: Pick<Account, 'id' | 'adminRefs' | 'adminEmails'>,
  next: Pick<Account, 'adminRefs' | 'adminEmails'>,
): void {
  if (
    !sameMembers(current.adminRefs, next.adminRefs) ||
    !sameMembers(current.adminEmails, next.adminEmails)
  ) {
    throw new NotAllowedError(
      `Not allowed: ${required} is required to change the admins of account ${current.id}`,
    );
  }
}

/** Refuses (403) moving a stored tenant to another account. */
export function refuseAccountMove(
  current: Pick<Tenant, 'id' | 'accountId'>,
  next: Pick<Tenant, 'accountId'>,
): void {
  if (current.accountId !== next.accountId) {
    throw new NotAllowedError(
      `Not allowed: ${required} is required to move tenant ${current.id} from account ${current.accountId} to account ${next.accountId}`,
    );
  }
}
