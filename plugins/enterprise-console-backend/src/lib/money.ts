import Big from 'big.js';

/*
 * Fees and quantities travel as decimal strings and are stored as whole
 * ten-thousandths, so no value ever passes through a float and sums in SQL
 * stay exact on SQLite as on PostgreSQL.
 */

/** A non-negative decimal with up to nine integer digits and four decimals. */
export const DECIMAL_PATTERN = /^\d{1,9}(\.\d{1,4})?$/;

/** Whole ten-thousandths of a decimal string that matches DECIMAL_PATTERN. */
export function toTenThousandths(decimal: string): number {
  const [whole, fraction = ''] = decimal.split('.');
  return Number(whole) * 10_000 + Number(fraction.padEnd(4, '0'));
}

/**
 * The decimal string of whole ten-thousandths: with all four decimals
 * (fees, "0.0075"), or without trailing zeros (quantities, "12.5", "3").
 */
export function fromTenThousandths(
  value: number | string | bigint,
  decimals: 'four' | 'trimmed',
): string {
  const digits = BigInt(value).toString().padStart(5, '0');
  const whole = digits.slice(0, -4);
  const fraction = digits.slice(-4);
  if (decimals === 'four') {
    return `${whole}.${fraction}`;
  }
  const trimmed = fraction.replace(/0+$/, '');
  return trimmed ? `${whole}.${trimmed}` : whole;
}

/** The canonical form of a decimal string: the same value always gives the same string. */
export function canonicalDecimal(
  decimal: string,
  decimals: 'four' | 'trimmed',
): string {
  return fromTenThousandths(toTenThousandths(decimal), decimals);
}

/*
 * Billing's money: big.js decimals for every sum, product and rounding, so
 * no amount ever passes through a float; stored as whole cents and sent as
 * two-decimal strings. Every rounding is to the cent, half away from zero
 * (billing.md), and happens only where a caller asks for it.
 */

/** An amount in the API: two decimals, optionally negative ("72.38", "-5.00"). */
export const MONEY_PATTERN = /^-?\d{1,13}\.\d{2}$/;

/**
 * The amount of a two-decimal money string, or undefined for anything else
 * ("1e3", "12.345", "12.3", " 1.00"); `allowNegative` for credits and
 * adjustments.
 */
export function parseMoney(
  text: string,
  options: { allowNegative?: boolean } = {},
): Big | undefined {
  if (!MONEY_PATTERN.test(text)) {
    return undefined;
  }
  if (text.startsWith('-') && !options.allowNegative) {
    return undefined;
  }
  return new Big(text);
}

/** To the cent, half away from zero: 10.345 → 10.35, -2.5 cents → -3 cents. */
export function roundToCent(value: Big): Big {
  return value.round(2, Big.roundHalfUp);
}

/** The two-decimal string of an amount, rounded to the cent: "72.38", "-0.05". */
export function formatMoney(value: Big): string {
  const rounded = roundToCent(value);
  // big.js keeps the sign of zero; an amount of zero is "0.00".
  return rounded.eq(0) ? '0.00' : rounded.toFixed(2);
}

/** Whole cents of an amount, for storage (rounded to the cent first). */
export function toCents(value: Big): bigint {
  return BigInt(roundToCent(value).times(100).toFixed(0));
}

/** The amount of a stored whole-cents column (bigint, number or string). */
export function fromCents(cents: bigint | number | string): Big {
  return new Big(String(cents)).div(100);
}

/** The amount of stored whole ten-thousandths (SMS fees), unrounded. */
export function fromTenThousandthsAmount(value: bigint | number | string): Big {
  return new Big(String(value)).div(10_000);
}
