import { ConflictError } from '@backstage/errors';
import { Knex } from 'knex';
import { isUniqueViolation } from '../../database/isUniqueViolation';

const CONTACTS = 'billing_account_contacts';

/** A billing contact of an account (api.md, BillingContact). */
export type BillingContact = {
  name: string;
  email: string;
  role: string;
};

interface ContactRow {
  account_id: string;
  position: number | string;
  name: string;
  email: string;
  email_key: string;
  role: string;
}

/** The key emails are unique by in an account. */
export const emailKey = (email: string) => email.toLowerCase();

/**
 * The billing contacts of accounts (`billing_account_contacts`), in the
 * order the account gave them. A write replaces an account's whole list.
 */
export class ContactStore {
  constructor(private readonly db: Knex) {}

  async list(accountId: string, tx?: Knex): Promise<BillingContact[]> {
    const rows: ContactRow[] = await (tx ?? this.db)<ContactRow>(CONTACTS)
      .where({ account_id: accountId })
      .orderBy('position');
    return rows.map(row => ({
      name: row.name,
      email: row.email,
      role: row.role,
    }));
  }

  /**
   * Replaces the account's contacts (emails already unique by
   * {@link emailKey}); returns the list before and after, read in the same
   * transaction so that the audit shows what this write replaced.
   */
  async replace(
    accountId: string,
    contacts: BillingContact[],
    tx?: Knex.Transaction,
  ): Promise<{ before: BillingContact[]; after: BillingContact[] }> {
    const write = async (trx: Knex.Transaction) => {
      const before = await this.list(accountId, trx);
      await trx(CONTACTS).where({ account_id: accountId }).delete();
      if (contacts.length > 0) {
        await trx(CONTACTS).insert(
          contacts.map(
            (contact, index): ContactRow => ({
              account_id: accountId,
              position: index + 1,
              name: contact.name,
              email: contact.email,
              email_key: emailKey(contact.email),
              role: contact.role,
            }),
          ),
        );
      }
      return { before, after: await this.list(accountId, trx) };
    };
    if (tx) {
      return write(tx);
    }
    try {
      return await this.db.transaction(write);
    } catch (error) {
      // Two replacements at once on PostgreSQL: the later one lost.
      if (isUniqueViolation(error)) {
        throw new ConflictError(
          `The billing contacts of ${accountId} were changed at the same time; try again`,
        );
      }
      throw error;
    }
  }
}
