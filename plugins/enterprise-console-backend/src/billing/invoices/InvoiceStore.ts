import { ConflictError, NotFoundError } from '@backstage/errors';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { readOptionalTimestamp, readTimestamp } from '../../database/columns';
import { isUniqueViolation } from '../../database/isUniqueViolation';
import { lockOnPg } from '../../database/lockOnPg';
import { TimeColumn } from '../../database/timeColumn';
import { formatMoney, fromCents, toCents } from '../../lib/money';
import { CreditStore } from '../credits/CreditStore';
import { InvoiceLineDraft } from '../proration';
import { dueDateOf } from './dueDate';

const INVOICES = 'billing_invoices';
const LINES = 'billing_invoice_lines';
const COUNTER = 'billing_invoice_counter';
const FAILURES = 'billing_invoice_run_failures';
const ALLOCATIONS = 'billing_payment_allocations';

/** What is stored; `overdue` is worked out when read. */
type StoredStatus = 'open' | 'paid' | 'void';

interface InvoiceRow {
  id: string;
  number: number | string;
  invoice_key: string;
  account_id: string;
  tenant_id: string | null;
  subscription_id: string | null;
  period: string;
  period_start: string;
  period_end: string;
  subtotal_cents: number | string;
  total_cents: number | string;
  credit_applied_cents: number | string;
  status: StoredStatus;
  due_date: string | null;
  note: string | null;
  emailed_at?: TimeColumn | null;
  created_at: TimeColumn;
  voided_at: TimeColumn | null;
  void_reason: string | null;
}

interface LineRow {
  invoice_id: string;
  position: number | string;
  kind: InvoiceLineDraft['kind'];
  description: string;
  quantity: number | string;
  unit_price_cents: number | string | null;
  amount_cents: number | string;
  credit_applied_cents: number | string;
}

/** An invoice line as the API sends it, with the scoped credit it took. */
export interface InvoiceLine {
  kind: InvoiceLineDraft['kind'];
  description: string;
  quantity: string;
  unitPrice: string;
  amount: string;
  creditApplied: string;
}

/** An invoice or consolidated statement as the API sends it (api.md). */
export interface Invoice {
  id: string;
  number: number;
  accountId: string;
  tenantId?: string;
  subscriptionId?: string;
  period: string;
  periodStart: string;
  periodEnd: string;
  lines: InvoiceLine[];
  subtotal: string;
  creditApplied: string;
  total: string;
  paid: string;
  balance: string;
  status: StoredStatus | 'overdue';
  dueDate?: string;
  note?: string;
  voidReason?: string;
  voidedAt?: string;
  /** When the statement was last emailed. */
  emailedAt?: string;
  createdAt: string;
}

/** An invoice the run made, before it has a number. */
export interface NewInvoice {
  /** `subscription:<id>` or `account:<id>`: unique per period. */
  key: string;
  accountId: string;
  tenantId?: string;
  subscriptionId?: string;
  period: string;
  periodStart: string;
  periodEnd: string;
  lines: InvoiceLineDraft[];
  /** Whether the account pays automatically: then a due date whatever the total. */
  autopay?: boolean;
  /**
   * The subscriptions whose subscription-level credits apply, in order (a
   * statement's: every subscription it bills); default `subscriptionId`.
   */
  billedSubscriptionIds?: string[];
  note?: string;
}

/** An open invoice a payment may settle, locked by its transaction. */
export interface PayableInvoice {
  id: string;
  number: number;
  status: StoredStatus;
  balanceCents: bigint;
}

const money = (cents: number | string | bigint) =>
  formatMoney(fromCents(cents));

/** The status the API shows on `today`: overdue is open past the due date. */
function statusOf(row: InvoiceRow, today: string): Invoice['status'] {
  if (row.status === 'open' && row.due_date !== null && row.due_date < today) {
    return 'overdue';
  }
  return row.status;
}

function toInvoice(
  row: InvoiceRow,
  lines: LineRow[],
  paidCents: bigint,
  today: string,
): Invoice {
  const totalCents = BigInt(row.total_cents);
  return {
    id: row.id,
    number: Number(row.number),
    accountId: row.account_id,
    ...(row.tenant_id === null ? {} : { tenantId: row.tenant_id }),
    ...(row.subscription_id === null
      ? {}
      : { subscriptionId: row.subscription_id }),
    period: row.period,
    periodStart: row.period_start,
    periodEnd: row.period_end,
    lines: lines
      .sort((a, b) => Number(a.position) - Number(b.position))
      .map(line => ({
        kind: line.kind,
        description: line.description,
        quantity: String(line.quantity),
        // A discount or an SMS line is one amount: its unit is the amount.
        unitPrice: money(line.unit_price_cents ?? line.amount_cents),
        amount: money(line.amount_cents),
        creditApplied: money(line.credit_applied_cents),
      })),
    subtotal: money(row.subtotal_cents),
    creditApplied: money(row.credit_applied_cents),
    total: money(totalCents),
    paid: money(paidCents),
    // A void invoice is owed no more.
    balance: money(row.voided_at === null ? totalCents - paidCents : 0n),
    status: statusOf(row, today),
    ...(row.due_date === null ? {} : { dueDate: row.due_date }),
    ...(row.note === null ? {} : { note: row.note }),
    ...(row.void_reason === null ? {} : { voidReason: row.void_reason }),
    ...(row.voided_at === null
      ? {}
      : { voidedAt: readOptionalTimestamp(row.voided_at) }),
    ...(row.emailed_at ? { emailedAt: readTimestamp(row.emailed_at) } : {}),
    createdAt: readTimestamp(row.created_at),
  };
}

/**
 * Locks the number counter for the transaction (SQLite serializes writers
 * anyway), so concurrent runs take numbers one after the other and see each
 * other's invoices.
 */
async function lockCounter(tx: Knex.Transaction) {
  return lockOnPg(tx, tx(COUNTER).where({ id: 1 }).first('last_number'));
}

/**
 * The invoices (`billing_invoices`, `billing_invoice_lines`), their number
 * counter (`billing_invoice_counter`) and the invoice run's failures
 * (`billing_invoice_run_failures`). See the migration for how uniqueness
 * and gap-free numbers are kept by the database. An insert applies the
 * account's credits (CreditStore) in its own transaction; what was paid
 * is read from the payments' allocations (PaymentStore writes them).
 */
export class InvoiceStore {
  constructor(
    private readonly db: Knex,
    private readonly credits: CreditStore,
  ) {}

  /** The keys of a period's invoices: a run skips them without a query each. */
  async keysOf(period: string): Promise<Set<string>> {
    const rows: Array<{ invoice_key: string }> = await this.db(INVOICES)
      .where({ period })
      .select('invoice_key');
    return new Set(rows.map(row => row.invoice_key));
  }

  /** Whether the invoice of `key` for `period` exists already. */
  async exists(key: string, period: string): Promise<boolean> {
    const row = await this.db(INVOICES)
      .where({ invoice_key: key, period })
      .first('id');
    return row !== undefined;
  }

  /**
   * Inserts an invoice with the next number, or returns undefined when the
   * invoice of its key and period exists (made by an earlier or a
   * concurrent run). The counter row is locked first, so concurrent runs
   * take numbers one after the other and see each other's invoices. The
   * account's credits are applied in the same transaction, and the due
   * date follows the balance after them.
   */
  async insert(invoice: NewInvoice, now: Date): Promise<Invoice | undefined> {
    try {
      return await this.db.transaction(async tx => {
        const counter = await lockCounter(tx);
        if (
          await tx(INVOICES)
            .where({ invoice_key: invoice.key, period: invoice.period })
            .first('id')
        ) {
          return undefined;
        }
        const number = Number(counter.last_number) + 1;
        await tx(COUNTER).where({ id: 1 }).update({ last_number: number });
        return await this.write(tx, invoice, number, now);
      });
    } catch (error) {
      // A concurrent run inserted it between our check and insert (SQLite
      // has no row lock to wait on): the database kept it unique.
      if (
        isUniqueViolation(error) &&
        (await this.exists(invoice.key, invoice.period))
      ) {
        return undefined;
      }
      throw error;
    }
  }

  /**
   * Inserts a batch as {@link insert} does each, in one transaction (one
   * commit for many: the run at scale), with consecutive numbers, skipping
   * those whose key and period exist. Any failure rolls the whole batch
   * back, its numbers with it; the caller then inserts one by one.
   */
  async insertBatch(
    batch: NewInvoice[],
    now: Date,
  ): Promise<{ created: Invoice[]; existing: number }> {
    return this.db.transaction(async tx => {
      const counter = await lockCounter(tx);
      const rows: Array<{ invoice_key: string; period: string }> = await tx(
        INVOICES,
      )
        .whereIn(
          'invoice_key',
          batch.map(invoice => invoice.key),
        )
        .select('invoice_key', 'period');
      const existing = new Set(rows.map(r => `${r.period} ${r.invoice_key}`));
      let number = Number(counter.last_number);
      const created: Invoice[] = [];
      for (const invoice of batch) {
        if (!existing.has(`${invoice.period} ${invoice.key}`)) {
          number += 1;
          created.push(await this.write(tx, invoice, number, now));
        }
      }
      if (created.length > 0) {
        await tx(COUNTER).where({ id: 1 }).update({ last_number: number });
      }
      return { created, existing: batch.length - created.length };
    });
  }

  /** Writes one invoice and its lines with `number`, applying credits, in the caller's transaction. */
  private async write(
    tx: Knex.Transaction,
    invoice: NewInvoice,
    number: number,
    now: Date,
  ): Promise<Invoice> {
    const id = randomUUID();
    const charged = invoice.lines.map(line => ({
      kind: line.kind,
      amountCents: toCents(line.amount),
    }));
    const subtotalCents = charged.reduce(
      (sum, line) => sum + line.amountCents,
      0n,
    );
    const credit = await this.credits.applyToInvoice(tx, {
      id,
      accountId: invoice.accountId,
      subscriptionIds:
        invoice.billedSubscriptionIds ??
        (invoice.subscriptionId ? [invoice.subscriptionId] : []),
      lines: charged,
      at: now,
    });
    const totalCents = subtotalCents - credit.totalCents;
    const dueDate = dueDateOf(
      invoice.periodEnd,
      totalCents,
      invoice.autopay === true,
    );
    const row: InvoiceRow = {
      id,
      number,
      invoice_key: invoice.key,
      account_id: invoice.accountId,
      tenant_id: invoice.tenantId ?? null,
      subscription_id: invoice.subscriptionId ?? null,
      period: invoice.period,
      period_start: invoice.periodStart,
      period_end: invoice.periodEnd,
      subtotal_cents: subtotalCents.toString(),
      total_cents: totalCents.toString(),
      credit_applied_cents: credit.totalCents.toString(),
      // Nothing to pay (also when credits paid it all): paid at once.
      status: totalCents === 0n ? 'paid' : 'open',
      due_date: dueDate ?? null,
      note: invoice.note ?? null,
      created_at: now,
      voided_at: null,
      void_reason: null,
    };
    await tx(INVOICES).insert(row);
    const lines: LineRow[] = invoice.lines.map((line, index) => ({
      invoice_id: row.id,
      position: index + 1,
      kind: line.kind,
      description: line.description,
      quantity: line.quantity,
      unit_price_cents:
        line.unitPrice === undefined
          ? null
          : toCents(line.unitPrice).toString(),
      amount_cents: charged[index].amountCents.toString(),
      credit_applied_cents: credit.lineCents[index].toString(),
    }));
    if (lines.length > 0) {
      await tx(LINES).insert(lines);
    }
    return toInvoice(
      { ...row, created_at: now.toISOString() },
      lines,
      0n,
      now.toISOString().slice(0, 10),
    );
  }

  /** Records that the statement of `id` was emailed at `at`. */
  async markEmailed(id: string, at: Date): Promise<void> {
    await this.db(INVOICES).where({ id }).update({ emailed_at: at });
  }

  /** An invoice with its status on `today` (YYYY-MM-DD, UTC). */
  async get(
    id: string,
    today: string,
    db: Knex = this.db,
  ): Promise<Invoice | undefined> {
    const row = await db<InvoiceRow>(INVOICES).where({ id }).first();
    if (!row) {
      return undefined;
    }
    const lines = await db<LineRow>(LINES).where({ invoice_id: id });
    const paid = await this.paidOf(db, [id]);
    return toInvoice(row, lines, paid.get(id) ?? 0n, today);
  }

  /** An account's or a tenant's invoices, newest period first, then by number. */
  async list(
    of: { accountId: string } | { tenantId: string },
    today: string,
  ): Promise<Invoice[]> {
    const rows: InvoiceRow[] = await this.db<InvoiceRow>(INVOICES)
      .where(
        'tenantId' in of
          ? { tenant_id: of.tenantId }
          : { account_id: of.accountId },
      )
      .orderBy('period', 'desc')
      .orderBy('number', 'asc');
    const lines: LineRow[] =
      rows.length === 0
        ? []
        : await this.db<LineRow>(LINES).whereIn(
            'invoice_id',
            rows.map(row => row.id),
          );
    const paid = await this.paidOf(
      this.db,
      rows.map(row => row.id),
    );
    return rows.map(row =>
      toInvoice(
        row,
        lines.filter(line => line.invoice_id === row.id),
        paid.get(row.id) ?? 0n,
        today,
      ),
    );
  }

  /** What the payments' allocations paid of each invoice. */
  private async paidOf(db: Knex, ids: string[]): Promise<Map<string, bigint>> {
    if (ids.length === 0) {
      return new Map();
    }
    const rows: Array<{ invoice_id: string; cents: number | string }> =
      await db(ALLOCATIONS)
        .whereIn('invoice_id', ids)
        .groupBy('invoice_id')
        .select('invoice_id', db.raw('sum(amount_cents) as cents'));
    return new Map(rows.map(row => [row.invoice_id, BigInt(row.cents)]));
  }

  /**
   * Locks, inside a payment's transaction, the invoices it may settle:
   * the one it names (whatever its status, so the caller can tell paid or
   * void from missing), else the account's open ones oldest first (by
   * period, then number), each with its balance.
   */
  async lockPayable(
    tx: Knex.Transaction,
    accountId: string,
    invoiceId?: string,
  ): Promise<PayableInvoice[]> {
    const rows: InvoiceRow[] = await lockOnPg(
      tx,
      tx<InvoiceRow>(INVOICES)
        .where({ account_id: accountId })
        .modify(q => {
          if (invoiceId === undefined) {
            q.where({ status: 'open' });
          } else {
            q.where({ id: invoiceId });
          }
        })
        .orderBy('period', 'asc')
        .orderBy('number', 'asc'),
    );
    const paid = await this.paidOf(
      tx,
      rows.map(row => row.id),
    );
    return rows.map(row => ({
      id: row.id,
      number: Number(row.number),
      status: row.status,
      balanceCents: BigInt(row.total_cents) - (paid.get(row.id) ?? 0n),
    }));
  }

  /** Marks invoices a payment settled in full as paid, inside its transaction. */
  async markPaid(tx: Knex.Transaction, ids: string[]): Promise<void> {
    if (ids.length > 0) {
      await tx(INVOICES).whereIn('id', ids).update({ status: 'paid' });
    }
  }

  /**
   * Voids an invoice: 409 when it is void already or a payment was
   * allocated to it; the credits it used go back to their lines in the
   * same transaction. It keeps its number, so numbers stay without gaps.
   */
  async void(
    id: string,
    reason: string,
    options: { actor: string; now: Date; today: string },
  ): Promise<{ before: Invoice; after: Invoice }> {
    return this.db.transaction(async tx => {
      const row: InvoiceRow | undefined = await lockOnPg(
        tx,
        tx<InvoiceRow>(INVOICES).where({ id }).first(),
      );
      if (!row) {
        throw new NotFoundError(`Invoice ${id} not found`);
      }
      if (row.status === 'void') {
        throw new ConflictError(`Invoice ${row.number} is void already`);
      }
      if ((await this.paidOf(tx, [id])).size > 0) {
        throw new ConflictError(
          `Invoice ${row.number} has payments; it cannot be voided`,
        );
      }
      const before = (await this.get(id, options.today, tx))!;
      await this.credits.reverseInvoice(
        tx,
        { id, accountId: row.account_id, number: Number(row.number) },
        { author: options.actor, at: options.now },
      );
      await tx(INVOICES).where({ id }).update({
        status: 'void',
        voided_at: options.now,
        void_reason: reason,
      });
      return { before, after: (await this.get(id, options.today, tx))! };
    });
  }

  /** Records that one tenant's or account's invoice of a run failed. */
  async recordFailure(
    failure: {
      period: string;
      accountId: string;
      tenantId?: string;
      subscriptionId?: string;
      reason: string;
    },
    now: Date,
  ): Promise<void> {
    await this.db(FAILURES).insert({
      period: failure.period,
      account_id: failure.accountId,
      tenant_id: failure.tenantId ?? null,
      subscription_id: failure.subscriptionId ?? null,
      reason: failure.reason.slice(0, 1000),
      at: now,
    });
  }

  /** A period's recorded failures, oldest first. */
  async failures(period: string) {
    const rows = await this.db(FAILURES).where({ period }).orderBy('id');
    return rows.map(row => ({
      period: row.period as string,
      accountId: row.account_id as string,
      tenantId: (row.tenant_id as string | null) ?? undefined,
      subscriptionId: (row.subscription_id as string | null) ?? undefined,
      reason: row.reason as string,
      at: readTimestamp(row.at),
    }));
  }
}
