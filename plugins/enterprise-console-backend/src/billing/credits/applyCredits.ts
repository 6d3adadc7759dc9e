/*
 * The application order of billing.md ("Credits, payments, balance") as a
 * pure function over whole cents: for each line item, credits of the
 * matching scope, subscription level first, then account level; then
 * general credits, subscription level then account level, against what
 * remains of the whole invoice. No credit drives a line or the invoice
 * below zero (a discount line lowers what the invoice can take).
 */

/** A credit line's scope: the kind of invoice line it pays, or any. */
export type CreditScope = 'plan' | 'users' | 'sms' | 'general';

/** The scopes, in the order lines are listed. */
export const CREDIT_SCOPES: readonly CreditScope[] = [
  'plan',
  'users',
  'sms',
  'general',
];

/** A credit line with a balance, as the invoice finds it. */
export interface AvailableCredit {
  lineId: string;
  scope: CreditScope;
  level: 'subscription' | 'account';
  balanceCents: bigint;
}

/** An invoice line before credits. */
export interface ChargedLine {
  kind: 'plan' | 'users' | 'sms' | 'discount';
  amountCents: bigint;
}

/** What the credits paid of an invoice. */
export interface CreditApplication {
  /** Per invoice line, in its order, the scoped credit it took. */
  lineCents: bigint[];
  /** The general credit taken against the rest of the invoice. */
  generalCents: bigint;
  /** All credit taken: Σ lineCents + generalCents. */
  totalCents: bigint;
  /** Per credit line used (each once), how much, in the order used. */
  uses: Array<{ lineId: string; amountCents: bigint }>;
}

const min = (a: bigint, b: bigint) => (a < b ? a : b);

/**
 * Applies `credits` to `lines`. Credits of one level keep the order given
 * (the caller's: for a statement, the subscriptions it bills in order).
 */
export function applyCredits(
  lines: readonly ChargedLine[],
  credits: readonly AvailableCredit[],
): CreditApplication {
  const ordered = [
    ...credits.filter(credit => credit.level === 'subscription'),
    ...credits.filter(credit => credit.level === 'account'),
  ];
  const left = new Map(ordered.map(c => [c.lineId, c.balanceCents]));
  const used = new Map<string, bigint>();
  let invoiceLeft = lines.reduce((sum, line) => sum + line.amountCents, 0n);

  /** Takes up to `want` from the credits of `scope`, in order. */
  const take = (scope: CreditScope, want: bigint): bigint => {
    let taken = 0n;
    for (const credit of ordered) {
      if (credit.scope !== scope || taken >= want) {
        continue;
      }
      const part = min(want - taken, left.get(credit.lineId)!);
      if (part > 0n) {
        left.set(credit.lineId, left.get(credit.lineId)! - part);
        used.set(credit.lineId, (used.get(credit.lineId) ?? 0n) + part);
        taken += part;
      }
    }
    return taken;
  };

  const lineCents = lines.map(line => {
    if (line.kind === 'discount') {
      return 0n;
    }
    const want = min(line.amountCents, invoiceLeft);
    const taken = want > 0n ? take(line.kind, want) : 0n;
    invoiceLeft -= taken;
    return taken;
  });
  const generalCents = invoiceLeft > 0n ? take('general', invoiceLeft) : 0n;
  return {
    lineCents,
    generalCents,
    totalCents: lineCents.reduce((sum, cents) => sum + cents, generalCents),
    uses: [...used].map(([lineId, amountCents]) => ({ lineId, amountCents })),
  };
}
