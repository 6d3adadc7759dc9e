import { Knex } from 'knex';
import {
  Account,
  AccountSummary,
  Page,
} from '@internal/plugin-enterprise-console-common';
import {
  readBoolean,
  readCount,
  readStringArray,
  readTimestamp,
} from '../database/columns';
import { decodeCursor, encodeCursor } from '../lib/cursor';
import { allowAll, PermissionFilter } from '../permissions/criteriaToKnex';
import { ValidAccount } from './schemas';
import { TimeColumn } from '../database/timeColumn';

interface AccountRow {
  id: string;
  name: string;
  enterprise: boolean | number;
  admin_refs: string;
  admin_emails: string;
  invoicing: Account['invoicing'];
  currency: string;
  autopay: boolean | number;
  created_at: TimeColumn;
  updated_at: TimeColumn;
}

function toAccount(row: AccountRow): Account {
  return {
    id: row.id,
    name: row.name,
    enterprise: readBoolean(row.enterprise),
    adminRefs: readStringArray(row.admin_refs),
    adminEmails: readStringArray(row.admin_emails),
    invoicing: row.invoicing,
    currency: row.currency,
    autopay: readBoolean(row.autopay),
    createdAt: readTimestamp(row.created_at),
    updatedAt: readTimestamp(row.updated_at),
  };
}

/**
 * Keeps account_admins, the filterable copy of admin_refs that the
 * IS_ACCOUNT_ADMIN rule queries, equal to the account's admin refs.
 */
async function replaceAdmins(
  tx: Knex.Transaction,
  accountId: string,
  adminRefs: string[],
): Promise<void> {
  await tx('account_admins').where({ account_id: accountId }).delete();
  const refs = [...new Set(adminRefs.map(ref => ref.toLowerCase()))];
  if (refs.length > 0) {
    await tx('account_admins').insert(
      refs.map(ref => ({ account_id: accountId, ref })),
    );
  }
}

/** Billing accounts, the level above tenants. */
export class AccountStore {
  constructor(
    private readonly db: Knex,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Creates or replaces an account. Fields left out of the input fall back to
   * their defaults, so a PUT always describes the whole account.
   * Returns whether anything changed. `beforeReplace` sees the stored
   * account inside the transaction and may refuse the change by throwing.
   */
  async upsert(
    account: ValidAccount,
    beforeReplace?: (current: Account) => void,
  ): Promise<'created' | 'updated' | 'unchanged'> {
    const values = {
      name: account.name,
      enterprise: account.enterprise,
      admin_refs: JSON.stringify(account.adminRefs),
      admin_emails: JSON.stringify(account.adminEmails),
      invoicing: account.invoicing,
      currency: account.currency,
      autopay: account.autopay,
    };
    return this.db.transaction(async tx => {
      const existing = await tx<AccountRow>('accounts')
        .where({ id: account.id })
        .first();
      const now = this.now();
      if (!existing) {
        await tx('accounts').insert({
          id: account.id,
          ...values,
          created_at: now,
          updated_at: now,
        });
        await replaceAdmins(tx, account.id, account.adminRefs);
        return 'created';
      }
      const current = toAccount(existing);
      beforeReplace?.(current);
      const same =
        current.name === account.name &&
        current.enterprise === account.enterprise &&
        JSON.stringify(current.adminRefs) === values.admin_refs &&
        JSON.stringify(current.adminEmails) === values.admin_emails &&
        current.invoicing === account.invoicing &&
        current.currency === account.currency &&
        current.autopay === account.autopay;
      if (same) {
        return 'unchanged';
      }
      await tx('accounts')
        .where({ id: account.id })
        .update({ ...values, updated_at: now });
      await replaceAdmins(tx, account.id, account.adminRefs);
      return 'updated';
    });
  }

  /** One account, if it exists and passes `filter` (the caller's permission). */
  async get(
    id: string,
    filter: PermissionFilter = allowAll,
  ): Promise<Account | undefined> {
    const query = this.db<AccountRow>('accounts')
      .select('accounts.*')
      .where('accounts.id', id);
    filter(query, 'accounts');
    const row = await query.first();
    return row ? toAccount(row) : undefined;
  }

  async exists(id: string): Promise<boolean> {
    const row = await this.db('accounts').select('id').where({ id }).first();
    return Boolean(row);
  }

  /**
   * Accounts in id order, each with its number of tenants, one page at a
   * time; `filter` (the caller's permission) applies inside the query, so
   * pages are full and the total counts only what the caller may see.
   */
  async listSummaries(options: {
    limit: number;
    cursor?: string;
    filter?: PermissionFilter;
  }): Promise<Page<AccountSummary>> {
    const filter = options.filter ?? allowAll;
    const tenantCounts = this.db('tenants')
      .select('account_id')
      .count({ tenant_count: '*' })
      .groupBy('account_id')
      .as('tc');

    let query = this.db<AccountRow & { tenant_count: number | string | null }>(
      'accounts as a',
    )
      .leftJoin(tenantCounts, 'tc.account_id', 'a.id')
      .select('a.*', 'tc.tenant_count')
      .orderBy('a.id')
      .limit(options.limit + 1);
    filter(query, 'a');
    if (options.cursor) {
      const { id } = decodeCursor(options.cursor, ['id'] as const);
      query = query.where('a.id', '>', id);
    }

    const count = this.db('accounts as a').count({ total: '*' });
    filter(count, 'a');
    const [rows, [{ total }]] = await Promise.all([query, count]);
    const page = rows.slice(0, options.limit);
    return {
      items: page.map(row => ({
        ...toAccount(row),
        tenantCount: readCount(row.tenant_count),
      })),
      nextCursor:
        rows.length > options.limit
          ? encodeCursor({ id: page[page.length - 1].id })
          : undefined,
      totalCount: readCount(total),
    };
  }
}
