import { EnterpriseConsoleApiComponents } from '@internal/plugin-enterprise-console-common';
import { Knex } from 'knex';
import { readTimestamp } from '../../database/columns';
import { TimeColumn } from '../../database/timeColumn';
import { formatMoney, fromCents } from '../../lib/money';

const PAYMENTS = 'billing_payments';
const ALLOCATIONS = 'billing_payment_allocations';

/** A payment as the API sends it. */
export type Payment =
  EnterpriseConsoleApiComponents['schemas']['BillingPayment'];

interface PaymentRow {
  id: string;
  account_id: string;
  invoice_id: string | null;
  method: Payment['method'];
  amount_cents: number | string;
  reference: string;
  received_at: string;
  payer: string;
  created_at: TimeColumn;
}

interface AllocationRow {
  payment_id: string;
  invoice_id: string;
  amount_cents: number | string;
}

/** A payment to record, and how it was applied. */
export interface NewPayment {
  id: string;
  accountId: string;
  invoiceId?: string;
  method: Payment['method'];
  amountCents: bigint;
  reference: string;
  receivedAt: string;
  payer: string;
  createdAt: Date;
  allocations: Array<{ invoiceId: string; amountCents: bigint }>;
}

const money = (cents: bigint) => formatMoney(fromCents(cents));

/**
 * The payments (`billing_payments`) and what each paid of which invoice
 * (`billing_payment_allocations`). A payment's excess is not stored here
 * but as a general credit entry naming the payment, so
 * amount = Σ allocations + creditCreated.
 */
export class PaymentStore {
  constructor(private readonly db: Knex) {}

  /** Records a payment and its allocations inside the caller's transaction. */
  async insert(tx: Knex.Transaction, payment: NewPayment): Promise<void> {
    const row: PaymentRow = {
      id: payment.id,
      account_id: payment.accountId,
      invoice_id: payment.invoiceId ?? null,
      method: payment.method,
      amount_cents: payment.amountCents.toString(),
      reference: payment.reference,
      received_at: payment.receivedAt,
      payer: payment.payer,
      created_at: payment.createdAt,
    };
    await tx(PAYMENTS).insert(row);
    if (payment.allocations.length > 0) {
      await tx(ALLOCATIONS).insert(
        payment.allocations.map(
          (allocation): AllocationRow => ({
            payment_id: payment.id,
            invoice_id: allocation.invoiceId,
            amount_cents: allocation.amountCents.toString(),
          }),
        ),
      );
    }
  }

  async get(id: string, db: Knex = this.db): Promise<Payment | undefined> {
    const rows: PaymentRow[] = await db<PaymentRow>(PAYMENTS).where({ id });
    return (await this.withAllocations(db, rows))[0];
  }

  /** An account's payments, newest received first (then newest recorded). */
  async list(accountId: string): Promise<Payment[]> {
    const rows: PaymentRow[] = await this.db<PaymentRow>(PAYMENTS)
      .where({ account_id: accountId })
      .orderBy('received_at', 'desc')
      .orderBy('created_at', 'desc')
      .orderBy('id', 'asc');
    return this.withAllocations(this.db, rows);
  }

  private async withAllocations(
    db: Knex,
    rows: PaymentRow[],
  ): Promise<Payment[]> {
    const allocations: Array<AllocationRow & { number: number | string }> =
      rows.length === 0
        ? []
        : await db(`${ALLOCATIONS} as a`)
            .join('billing_invoices as i', 'i.id', 'a.invoice_id')
            .whereIn(
              'a.payment_id',
              rows.map(row => row.id),
            )
            .orderBy('i.period', 'asc')
            .orderBy('i.number', 'asc')
            .select('a.*', 'i.number');
    return rows.map(row => {
      const own = allocations.filter(a => a.payment_id === row.id);
      const amount = BigInt(row.amount_cents);
      const excess = own.reduce(
        (left, a) => left - BigInt(a.amount_cents),
        amount,
      );
      return {
        id: row.id,
        accountId: row.account_id,
        ...(row.invoice_id === null ? {} : { invoiceId: row.invoice_id }),
        method: row.method,
        amount: money(amount),
        reference: row.reference,
        receivedAt: row.received_at,
        payer: row.payer,
        applied: own.map(a => ({
          invoiceId: a.invoice_id,
          number: Number(a.number),
          amount: money(BigInt(a.amount_cents)),
        })),
        ...(excess > 0n ? { creditCreated: money(excess) } : {}),
        createdAt: readTimestamp(row.created_at),
      };
    });
  }
}
