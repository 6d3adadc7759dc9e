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
 * Billing's money: whole cents as bigint, so sums and products of any size
 * stay exact. Every rounding is to the cent, half away from zero
 * (billing.md), and happens only where a caller asks for it.
 */

/** An amount in the API: two decimals, optionally negative ("72.38", "-5.00"). */
export const MONEY_PATTERN = /^-?\d{1,13}\.\d{2}$/;

/**
 * Whole cents of a two-decimal money string, or undefined for anything
 * else ("1e3", "12.345", "12.3", " 1.00"); `allowNegative` for credits and
 * adjustments.
 */
export function parseCents(
  text: string,
  options: { allowNegative?: boolean } = {},
): bigint | undefined {
  if (!MONEY_PATTERN.test(text)) {
    return undefined;
  }
  const negative = text.startsWith('-');
  if (negative && !options.allowNegative) {
    return undefined;
  }
  const cents = BigInt(text.replace('-', '').replace('.', ''));
  return negative ? -cents : cents;
}

/** The two-decimal string of whole cents: 7238n → "72.38", -5n → "-0.05". */
export function formatCents(cents: bigint): string {
  const digits = (cents < 0n ? -cents : cents).toString().padStart(3, '0');
  return `${cents < 0n ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/** numerator / denominator rounded to a whole number, half away from zero. */
export function divideRounded(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) {
    throw new RangeError('Division by zero');
  }
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  // floor(n / d + 1/2), in integers.
  const rounded = (2n * n + d) / (2n * d);
  return negative ? -rounded : rounded;
}

/** cents × numerator / denominator, rounded to the cent half away from zero. */
export function multiplyCents(
  cents: bigint,
  numerator: bigint | number,
  denominator: bigint | number = 1n,
): bigint {
  return divideRounded(cents * BigInt(numerator), BigInt(denominator));
}

/** Whole ten-thousandths (SMS fees) to whole cents, half away from zero. */
export function tenThousandthsToCents(value: bigint): bigint {
  return divideRounded(value, 100n);
}
