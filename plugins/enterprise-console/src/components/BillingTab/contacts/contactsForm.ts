import { BillingContact } from '@internal/plugin-enterprise-console-common';

// A plain shape check: the server validates the address itself.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export type ContactProblems = Partial<Record<keyof BillingContact, string>>;

/** What is wrong with each contact row, by row; all empty when it can be saved. */
export function contactsProblems(
  contacts: BillingContact[],
): ContactProblems[] {
  const seen = new Set<string>();
  return contacts.map(contact => {
    const problems: ContactProblems = {};
    if (!contact.name.trim()) problems.name = 'Enter a name.';
    const email = contact.email.trim().toLowerCase();
    if (!EMAIL.test(email)) problems.email = 'Enter an email address.';
    else if (seen.has(email)) problems.email = 'This email is listed twice.';
    seen.add(email);
    return problems;
  });
}

/** The contacts as they are sent: trimmed. */
export function trimContacts(contacts: BillingContact[]): BillingContact[] {
  return contacts.map(contact => ({
    name: contact.name.trim(),
    email: contact.email.trim(),
    role: contact.role.trim(),
  }));
}
