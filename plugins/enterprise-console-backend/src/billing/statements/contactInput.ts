import { InputError } from '@backstage/errors';
import { z } from 'zod';
import { emailAddress, parseInput } from '../../lib/validation';
import { BillingContact, emailKey } from './ContactStore';

/** At most this many contacts per account (api.md, BillingContacts). */
export const MAX_CONTACTS = 20;

const contactSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    email: emailAddress,
    role: z.string().trim().min(1).max(100),
  })
  .strict();

const contactsSchema = z
  .object({ items: z.array(contactSchema).max(MAX_CONTACTS) })
  .strict();

/**
 * The body of `PUT …/contacts`: every contact valid, at most
 * {@link MAX_CONTACTS}, each email once (case-insensitively); a 400 names
 * each offending field, or the repeated email.
 */
export function parseContacts(body: unknown): BillingContact[] {
  const { items } = parseInput(contactsSchema, body, 'billing contacts');
  const seen = new Map<string, number>();
  items.forEach((contact, index) => {
    const key = emailKey(contact.email);
    const first = seen.get(key);
    if (first !== undefined) {
      throw new InputError(
        `Invalid billing contacts: items.${index}.email ${contact.email} repeats items.${first}.email (emails are unique, case-insensitively)`,
      );
    }
    seen.set(key, index);
  });
  return items;
}
