import {
  AccountSummary,
  Page,
} from '@internal/plugin-enterprise-console-common';
import { EnterpriseConsoleApi } from '../api';
import { fakeConsoleApi } from './fakeConsoleApi';

function account(
  id: string,
  name: string,
  enterprise: boolean,
  tenantCount: number,
): AccountSummary {
  return {
    id,
    name,
    enterprise,
    adminRefs: [],
    adminEmails: [],
    invoicing: 'per-tenant',
    currency: 'USD',
    autopay: false,
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
    tenantCount,
  };
}

export const acme = account('acme-health', 'Acme Health', true, 18);
export const initech = account('initech-field', 'Initech Field', false, 6);

/** An in-memory API that serves the given accounts, in pages of `pageSize`. */
export function accountsApi(
  accounts: AccountSummary[],
  pageSize = 1000,
): EnterpriseConsoleApi & { calls: Array<string | undefined> } {
  const calls: Array<string | undefined> = [];
  const api = fakeConsoleApi({
    async listAccounts(options = {}): Promise<Page<AccountSummary>> {
      calls.push(options.cursor);
      const start = options.cursor ? Number(options.cursor) : 0;
      const end = start + pageSize;
      return {
        items: accounts.slice(start, end),
        nextCursor: end < accounts.length ? String(end) : undefined,
        totalCount: accounts.length,
      };
    },
  });
  return Object.assign(api, { calls });
}
