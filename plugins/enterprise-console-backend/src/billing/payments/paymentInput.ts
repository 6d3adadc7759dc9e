import { InputError } from '@backstage/errors';
import Big from 'big.js';
import { z } from 'zod';
import { toCents } from '../../lib/money';
import { parseInput, slug } from '../../lib/validation';
import { moneyInput } from '../moneyInput';
import { text } from '../plans/planInput';
import { calendarDate } from '../subscriptions/subscriptionInput';
import { PaymentInput } from './recordPayment';

const paymentInputSchema = z
  .object({
    accountId: slug,
    invoiceId: z.string().uuid().optional(),
    method: z.enum(['card', 'eft', 'check']),
    amount: moneyInput({ nonZero: true }),
    reference: text(200, 1),
    receivedAt: calendarDate,
  })
  .strict();

/**
 * A payment's body, amount in cents, or a 400 naming each bad field; a
 * payment received after `today` (UTC) is refused.
 */
export function parsePaymentInput(body: unknown, today: string): PaymentInput {
  const { amount, ...input } = parseInput(paymentInputSchema, body, 'payment');
  if (input.receivedAt > today) {
    throw new InputError(
      `Invalid payment: receivedAt ${input.receivedAt} is after today (${today})`,
    );
  }
  return { ...input, amountCents: toCents(new Big(amount)) };
}
