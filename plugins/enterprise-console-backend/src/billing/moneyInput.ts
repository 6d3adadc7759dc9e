import { z } from 'zod';
import { parseMoney } from '../lib/money';

/**
 * An amount field of a billing body: a two-decimal string (never a
 * number), at most 13 integer digits; negative only with `allowNegative`.
 */
export const moneyInput = (options: { allowNegative?: boolean } = {}) =>
  z
    .string()
    .max(17)
    .refine(value => parseMoney(value, options) !== undefined, {
      message: options.allowNegative
        ? 'must be an amount with two decimals, such as "25.00" or "-5.00"'
        : 'must be an amount with two decimals, such as "300.00"',
    });
