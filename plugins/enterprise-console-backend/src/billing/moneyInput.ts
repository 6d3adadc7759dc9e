import { z } from 'zod';
import { parseMoney } from '../lib/money';

/**
 * An amount field of a billing body: a two-decimal string (never a
 * number), at most 13 integer digits; negative only with `allowNegative`,
 * and not 0.00 with `nonZero`. One check, so a malformed amount is never
 * handed on to arithmetic.
 */
export const moneyInput = (
  options: { allowNegative?: boolean; nonZero?: boolean } = {},
) =>
  z
    .string()
    .max(17)
    .superRefine((value, ctx) => {
      const amount = parseMoney(value, options);
      if (amount === undefined) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: options.allowNegative
            ? 'must be an amount with two decimals, such as "25.00" or "-5.00"'
            : 'must be an amount with two decimals, such as "300.00"',
        });
      } else if (options.nonZero && amount.eq(0)) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: options.allowNegative
            ? 'must not be 0.00'
            : 'must be more than 0.00',
        });
      }
    });
