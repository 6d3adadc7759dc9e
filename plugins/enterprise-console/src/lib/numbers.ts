/** A count with thousands separators: `12,345`. */
export function formatCount(value: number): string {
  return new Intl.NumberFormat('en-US').format(value);
}

/**
 * A money amount as a decimal string with exactly four places, the precision
 * of per-message SMS charges; the API's decimal strings are padded or rounded
 * without going through floating point where they are exact already.
 */
export function formatCharge(value: string): string {
  const match = /^(-?)(\d+)(?:\.(\d*))?$/.exec(value.trim());
  if (!match) return value;
  const [, sign, whole, fraction = ''] = match;
  if (fraction.length <= 4) {
    return `${sign}${whole}.${fraction.padEnd(4, '0')}`;
  }
  return Number(value).toFixed(4);
}
