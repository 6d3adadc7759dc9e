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
