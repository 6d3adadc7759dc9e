import { AccountSummary } from '@internal/plugin-enterprise-console-common';
import { EnterpriseConsoleApi } from './EnterpriseConsoleApi';

/** Accounts are few (tens), so pages read them all, 1,000 at a time. */
export async function loadAllAccounts(
  api: EnterpriseConsoleApi,
): Promise<{ accounts: AccountSummary[]; totalCount: number }> {
  const accounts: AccountSummary[] = [];
  let cursor: string | undefined;
  let totalCount = 0;
  do {
    const page = await api.listAccounts({ limit: 1000, cursor });
    accounts.push(...page.items);
    totalCount = page.totalCount;
    cursor = page.nextCursor;
  } while (cursor);
  return { accounts, totalCount };
}
