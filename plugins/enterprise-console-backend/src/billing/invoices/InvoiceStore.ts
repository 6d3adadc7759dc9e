import Big from 'big.js';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { readTimestamp } from '../../database/columns';
import { isUniqueViolation } from '../../database/isUniqueViolation';
import { TimeColumn } from '../../database/timeColumn';
import { formatMoney, fromCents, toCents } from '../../lib/money';
import { InvoiceLineDraft } from '../proration';

const INVOICES = 'billing_invoices';
const LINES = 'billing_invoice_lines';
const COUNTER = 'billing_invoice_counter';
const FAILURES = 'billing_invoice_run_failures';

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
  status: Invoice['status'];
  due_date: string | null;
  note: string | null;
  emailed_at?: TimeColumn | null;
  created_at: TimeColumn;
}

interface LineRow {
  invoice_id: string;
  position: number | string;
  kind: InvoiceLineDraft['kind'];
  description: string;
  quantity: number | string;
  unit_price_cents: number | string | null;
  amount_cents: number | string;
}

/** An invoice line as the API sends it (credits come with Billing II's credits). */
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
  status: 'open' | 'paid' | 'void';
  dueDate?: string;
  note?: string;
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
  dueDate?: string;
  note?: string;
}

const money = (cents: number | string) => formatMoney(fromCents(cents));

function toInvoice(row: InvoiceRow, lines: LineRow[]): Invoice {
  const total = money(row.total_cents);
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
        creditApplied: '0.00',
      })),
    subtotal: money(row.subtotal_cents),
    creditApplied: '0.00',
    total,
    paid: '0.00',
    balance: total,
    status: row.status,
    ...(row.due_date === null ? {} : { dueDate: row.due_date }),
    ...(row.note === null ? {} : { note: row.note }),
    ...(row.emailed_at ? { emailedAt: readTimestamp(row.emailed_at) } : {}),
    createdAt: readTimestamp(row.created_at),
  };
}

/**
 * The invoices (`billing_invoices`, `billing_invoice_lines`), their number
 * counter (`billing_invoice_counter`) and the invoice run's failures
 * (`billing_invoice_run_failures`). See the migration for how uniqueness
 * and gap-free numbers are kept by the database.
 */
export class InvoiceStore {
  constructor(private readonly db: Knex) {}

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
   * take numbers one after the other and see each other's invoices.
   */
  async insert(invoice: NewInvoice, now: Date): Promise<Invoice | undefined> {
    try {
      return await this.db.transaction(async tx => {
        const lock = tx(COUNTER).where({ id: 1 }).first('last_number');
        if (tx.client.config.client === 'pg') {
          lock.forUpdate();
        }
        const counter = await lock;
        if (
          await tx(INVOICES)
            .where({ invoice_key: invoice.key, period: invoice.period })
            .first('id')
        ) {
          return undefined;
        }
        const number = Number(counter.last_number) + 1;
        await tx(COUNTER).where({ id: 1 }).update({ last_number: number });
        const subtotal = invoice.lines.reduce(
          (sum, line) => sum.plus(line.amount),
          new Big(0),
        );
        // No credits yet: the total is the subtotal.
        const totalCents = toCents(subtotal).toString();
        const row: InvoiceRow = {
          id: randomUUID(),
          number,
          invoice_key: invoice.key,
          account_id: invoice.accountId,
          tenant_id: invoice.tenantId ?? null,
          subscription_id: invoice.subscriptionId ?? null,
          period: invoice.period,
          period_start: invoice.periodStart,
          period_end: invoice.periodEnd,
          subtotal_cents: totalCents,
          total_cents: totalCents,
          status: subtotal.eq(0) ? 'paid' : 'open',
          due_date: invoice.dueDate ?? null,
          note: invoice.note ?? null,
          created_at: now,
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
          amount_cents: toCents(line.amount).toString(),
        }));
        if (lines.length > 0) {
          await tx(LINES).insert(lines);
        }
        return toInvoice({ ...row, created_at: now.toISOString() }, lines);
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

  /** Records that the statement of `id` was emailed at `at`. */
  async markEmailed(id: string, at: Date): Promise<void> {
    await this.db(INVOICES).where({ id }).update({ emailed_at: at });
  }

  async get(id: string): Promise<Invoice | undefined> {
    const row = await this.db<InvoiceRow>(INVOICES).where({ id }).first();
    if (!row) {
      return undefined;
    }
    const lines = await this.db<LineRow>(LINES).where({ invoice_id: id });
    return toInvoice(row, lines);
  }

  /** An account's or a tenant's invoices, newest period first, then by number. */
  async list(
    of: { accountId: string } | { tenantId: string },
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
    return rows.map(row =>
      toInvoice(
        row,
        lines.filter(line => line.invoice_id === row.id),
      ),
    );
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
