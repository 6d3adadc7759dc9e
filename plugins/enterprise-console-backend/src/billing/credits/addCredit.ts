import { NotFoundError } from '@backstage/errors';
import { AccountStore } from '../../tenants';
import { requireAccount } from '../existingAccount';
import { utcDate } from '../../lib/utcDate';
import { SubscriptionStore } from '../subscriptions/SubscriptionStore';
import { parseCreditInput } from './creditInput';
import { CreditLine, CreditStore } from './CreditStore';

/**
 * A credit grant or adjustment as `POST /v1/billing/credits` makes it:
 * the body parsed, the account existing and a named subscription its own
 * (another account's is answered like a missing one).
 */
export async function addCredit(
  deps: {
    credits: CreditStore;
    subscriptions: SubscriptionStore;
    accounts: AccountStore;
  },
  body: unknown,
  options: { actor: string; now: Date },
): Promise<CreditLine> {
  const input = parseCreditInput(body);
  await requireAccount(deps.accounts, input.accountId);
  if (input.subscriptionId !== undefined) {
    const subscription = await deps.subscriptions.get(
      input.subscriptionId,
      utcDate(options.now),
    );
    if (subscription?.accountId !== input.accountId) {
      throw new NotFoundError(
        `Subscription ${input.subscriptionId} not found in account ${input.accountId}`,
      );
    }
  }
  const { amountCents, note, ...where } = input;
  return deps.credits.add(where, {
    amountCents,
    note,
    author: options.actor,
    at: options.now,
  });
}
