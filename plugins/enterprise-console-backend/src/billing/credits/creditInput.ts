import Big from 'big.js';
import { z } from 'zod';
import { toCents } from '../../lib/money';
import { parseInput, slug } from '../../lib/validation';
import { moneyInput } from '../moneyInput';
import { text } from '../plans/planInput';
import { CreditScope } from './applyCredits';

const creditInputSchema = z
  .object({
    accountId: slug,
    subscriptionId: z.string().uuid().optional(),
    scope: z.enum(['plan', 'users', 'sms', 'general']),
    amount: moneyInput({ allowNegative: true, nonZero: true }),
    note: text(1000, 1),
  })
  .strict();

/** A credit entry's body, amount in cents, or a 400 naming each bad field. */
export function parseCreditInput(body: unknown): {
  accountId: string;
  subscriptionId?: string;
  scope: CreditScope;
  amountCents: bigint;
  note: string;
} {
  const { amount, ...input } = parseInput(creditInputSchema, body, 'credit');
  return { ...input, amountCents: toCents(new Big(amount)) };
}
