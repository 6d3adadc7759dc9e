/*
 * Money the user types, checked before it is sent: amounts travel as
 * decimal strings with two places (billing.md) and are added here as whole
 * cents in BigInt, never as floats.
 */

const AMOUNT = /^(-?)(\d{1,13})(?:\.(\d{1,2}))?$/;

/**
 * Why `value` is not an amount the server takes, or nothing when it is: at
 * most two decimals, not zero, positive unless `allowNegative`.
 */
export function amountProblem(
  value: string,
  options: { allowNegative?: boolean } = {},
): string | undefined {
  const text = value.trim();
  if (!text) return 'Enter an amount.';
  const match = AMOUNT.exec(text);
  if (!match) {
    return 'Enter an amount with at most two decimals, e.g. 120.50.';
  }
  if (match[1] && !options.allowNegative) return 'Enter a positive amount.';
  if (/^-?[0.]+$/.test(text)) return 'The amount cannot be zero.';
  return undefined;
}

/** A valid amount with exactly two decimals, as the API writes money: `120.50`. */
export function normalizeAmount(value: string): string {
  return centsToMoney(moneyToCents(value.trim()));
}

function moneyToCents(value: string): bigint {
  const match = /^(-?)(\d+)(?:\.(\d{0,2}))?$/.exec(value);
  if (!match) throw new Error(`Not an amount: ${value}`);
  const [, sign, whole, fraction = ''] = match;
  const cents = BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0'));
  return sign ? -cents : cents;
}

function centsToMoney(cents: bigint): string {
  const sign = cents < 0n ? '-' : '';
  const abs = cents < 0n ? -cents : cents;
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

/** The sum of amounts of the API (two-decimal strings), exactly. */
export function sumMoney(values: string[]): string {
  return centsToMoney(
    values.reduce((total, value) => total + moneyToCents(value), 0n),
  );
}

/** Whether an amount of the API is zero (`0.00`, `-0.00`). */
export function isZeroMoney(value: string): boolean {
  return moneyToCents(value) === 0n;
}
