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

/**
 * A money amount of the API (a decimal string) in dollars: `$1,200.00`.
 * Display only: the digits are regrouped and padded as text, never parsed
 * to a float; an amount with more than two places keeps them all.
 */
export function formatMoney(value: string): string {
  const match = /^(-?)(\d+)(?:\.(\d*))?$/.exec(value.trim());
  if (!match) return value;
  const [, sign, whole, fraction = ''] = match;
  const grouped = whole
    .replace(/^0+(?=\d)/, '')
    .replace(/\B(?=(\d{3})+$)/g, ',');
  return `${sign}$${grouped}.${fraction.padEnd(2, '0')}`;
}
