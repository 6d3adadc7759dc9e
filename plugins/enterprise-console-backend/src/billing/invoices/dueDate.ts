import { DateTime } from 'luxon';

/** A due date applies above this balance (billing.md): 100.00. */
const DUE_ABOVE_CENTS = 10_000n;

/**
 * The due date of an invoice (billing.md): its period's last day + 30
 * days when its balance after credits exceeds 100.00 or the account pays
 * automatically, otherwise none. The one home of the rule: the invoice
 * insert calls it once the credits are applied.
 */
export function dueDateOf(
  periodEnd: string,
  balanceCents: bigint,
  autopay: boolean,
): string | undefined {
  if (balanceCents <= DUE_ABOVE_CENTS && !autopay) {
    return undefined;
  }
  return DateTime.fromISO(periodEnd, { zone: 'utc' })
    .plus({ days: 30 })
    .toISODate()!;
}
