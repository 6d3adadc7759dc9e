import { ConflictError, NotFoundError } from '@backstage/errors';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { CreditStore } from '../credits/CreditStore';
import { InvoiceStore } from '../invoices/InvoiceStore';
import { NewPayment, Payment, PaymentStore } from './PaymentStore';

/** A payment as a billing manager records it, amount in cents. */
export type PaymentInput = Pick<
  NewPayment,
  | 'accountId'
  | 'invoiceId'
  | 'method'
  | 'amountCents'
  | 'reference'
  | 'receivedAt'
>;

/**
 * Records a payment (billing.md) in one transaction: it settles the
 * invoice it names (the account's, open or overdue: else 404 or 409) or
 * else the account's oldest open invoices, partly where it falls short;
 * what is left becomes a `payment-excess` entry on the account's general
 * credit line (also how prepayment works). The invoices are locked first
 * (FOR UPDATE on PostgreSQL), so two payments never pay the same balance
 * twice and a void waits for, or sees, the payment.
 */
export async function recordPayment(
  deps: {
    db: Knex;
    invoices: InvoiceStore;
    payments: PaymentStore;
    credits: CreditStore;
  },
  input: PaymentInput,
  options: { actor: string; now: Date },
): Promise<Payment> {
  return deps.db.transaction(async tx => {
    const payable = await deps.invoices.lockPayable(
      tx,
      input.accountId,
      input.invoiceId,
    );
    if (input.invoiceId !== undefined) {
      const named = payable[0];
      if (!named) {
        throw new NotFoundError(
          `Invoice ${input.invoiceId} not found in account ${input.accountId}`,
        );
      }
      if (named.status !== 'open') {
        throw new ConflictError(
          `Invoice ${named.number} is ${named.status}; only an open or overdue invoice takes a payment`,
        );
      }
    }
    let left = input.amountCents;
    const allocations: NewPayment['allocations'] = [];
    const settled: string[] = [];
    for (const invoice of payable) {
      if (left === 0n) {
        break;
      }
      const part = left < invoice.balanceCents ? left : invoice.balanceCents;
      if (part > 0n) {
        allocations.push({ invoiceId: invoice.id, amountCents: part });
        left -= part;
        if (part === invoice.balanceCents) {
          settled.push(invoice.id);
        }
      }
    }
    const id = randomUUID();
    await deps.payments.insert(tx, {
      ...input,
      id,
      payer: options.actor,
      createdAt: options.now,
      allocations,
    });
    await deps.invoices.markPaid(tx, settled);
    if (left > 0n) {
      await deps.credits.write(
        tx,
        { accountId: input.accountId, scope: 'general' },
        {
          amountCents: left,
          reason: 'payment-excess',
          author: options.actor,
          note: `What payment ${input.reference} left over`,
          paymentId: id,
          at: options.now,
        },
      );
    }
    return (await deps.payments.get(id, tx))!;
  });
}
