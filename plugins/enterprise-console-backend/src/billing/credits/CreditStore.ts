import { ConflictError } from '@backstage/errors';
import { EnterpriseConsoleApiComponents } from '@internal/plugin-enterprise-console-common';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { readTimestamp } from '../../database/columns';
import { lockOnPg } from '../../database/lockOnPg';
import { TimeColumn } from '../../database/timeColumn';
import { formatMoney, fromCents } from '../../lib/money';
import {
  applyCredits,
  ChargedLine,
  CREDIT_SCOPES,
  CreditApplication,
  CreditScope,
} from './applyCredits';

const LINES = 'billing_credit_lines';
const ENTRIES = 'billing_credit_entries';

/** A credit line as the API sends it. */
export type CreditLine =
  EnterpriseConsoleApiComponents['schemas']['BillingCreditLine'];
/** Why an entry was written. */
export type CreditReason = CreditLine['entries'][number]['reason'];

/** The most a line may hold: the largest amount the API writes. */
export const MAX_BALANCE_CENTS = 999_999_999_999_999n;

/** Who writes the entries of the invoice run. */
export const SYSTEM_AUTHOR = 'system';

interface LineRow {
  id: string;
  account_id: string;
  subscription_id: string | null;
  scope: CreditScope;
  level_key: string;
  created_at: TimeColumn;
}

interface EntryRow {
  id?: number | string;
  line_id: string;
  amount_cents: number | string | bigint;
  reason: CreditReason;
  author: string;
  note: string;
  invoice_id: string | null;
  payment_id: string | null;
  at: TimeColumn;
}

/** A line's level: one subscription of the account, or the account. */
const levelKey = (subscriptionId?: string) =>
  subscriptionId === undefined ? 'account' : `subscription:${subscriptionId}`;

const money = (cents: bigint) => formatMoney(fromCents(cents));

/** An entry to write: where, how much, why and by whom. */
export interface NewCreditEntry {
  amountCents: bigint;
  reason: CreditReason;
  author: string;
  note: string;
  invoiceId?: string;
  paymentId?: string;
  at: Date;
}

/**
 * The credit ledger (`billing_credit_lines`, `billing_credit_entries`). A
 * line's balance is always the sum of its entries; entries are only ever
 * added. Every method that spends or moves credit first locks the
 * account's lines (FOR UPDATE on PostgreSQL; SQLite serializes writers)
 * and only then sums their entries, so two writers never spend the same
 * balance. Methods taking `tx` write inside the caller's transaction
 * (the invoice insert, a payment, a void, a subscription change).
 */
export class CreditStore {
  constructor(private readonly db: Knex) {}

  /**
   * An account's lines and their entries (oldest first), account level
   * first, then by subscription and scope; `tenantId` for subscription
   * lines.
   */
  async list(accountId: string): Promise<CreditLine[]> {
    const lines: Array<LineRow & { tenant_id: string | null }> = await this.db(
      `${LINES} as l`,
    )
      .leftJoin('billing_subscriptions as s', 's.id', 'l.subscription_id')
      .where('l.account_id', accountId)
      .select('l.*', 's.tenant_id');
    return this.withEntries(this.db, lines);
  }

  /** One line of an account, as {@link CreditStore.list} shows it. */
  private async line(
    db: Knex,
    accountId: string,
    lineId: string,
  ): Promise<CreditLine> {
    const lines = await db(`${LINES} as l`)
      .leftJoin('billing_subscriptions as s', 's.id', 'l.subscription_id')
      .where({ 'l.account_id': accountId, 'l.id': lineId })
      .select('l.*', 's.tenant_id');
    return (await this.withEntries(db, lines))[0];
  }

  private async withEntries(
    db: Knex,
    lines: Array<LineRow & { tenant_id: string | null }>,
  ): Promise<CreditLine[]> {
    const entries: EntryRow[] =
      lines.length === 0
        ? []
        : await db(ENTRIES)
            .whereIn(
              'line_id',
              lines.map(line => line.id),
            )
            .orderBy('id', 'asc');
    const order = (line: LineRow) =>
      [
        line.subscription_id === null ? 0 : 1,
        line.subscription_id ?? '',
        CREDIT_SCOPES.indexOf(line.scope),
      ] as const;
    return [...lines]
      .sort((a, b) => {
        const [x, y] = [order(a), order(b)];
        return x[0] - y[0] || x[1].localeCompare(y[1], 'en') || x[2] - y[2];
      })
      .map(line => {
        const own = entries.filter(entry => entry.line_id === line.id);
        const balance = own.reduce(
          (sum, entry) => sum + BigInt(entry.amount_cents),
          0n,
        );
        return {
          id: line.id,
          accountId: line.account_id,
          ...(line.subscription_id === null
            ? {}
            : { subscriptionId: line.subscription_id }),
          ...(line.tenant_id ? { tenantId: line.tenant_id } : {}),
          scope: line.scope,
          balance: money(balance),
          entries: own.map(entry => ({
            amount: money(BigInt(entry.amount_cents)),
            reason: entry.reason,
            author: entry.author,
            note: entry.note,
            ...(entry.invoice_id === null
              ? {}
              : { invoiceId: entry.invoice_id }),
            ...(entry.payment_id === null
              ? {}
              : { paymentId: entry.payment_id }),
            at: readTimestamp(entry.at),
          })),
        };
      });
  }

  /**
   * Adds an entry to the line of (account, subscription or none, scope),
   * creating the line, in its own transaction: a grant (positive) or an
   * adjustment (negative, 409 if it would take the line below zero).
   */
  async add(
    line: { accountId: string; subscriptionId?: string; scope: CreditScope },
    entry: Omit<NewCreditEntry, 'reason'>,
  ): Promise<CreditLine> {
    return this.db.transaction(async tx => {
      const lineId = await this.write(tx, line, {
        ...entry,
        reason: entry.amountCents > 0n ? 'grant' : 'adjustment',
      });
      return this.line(tx, line.accountId, lineId);
    });
  }

  /**
   * Writes one entry on the line of (account, subscription, scope),
   * creating it, inside `tx`; 409 when the line would go below zero or
   * above the largest amount. Returns the line's id.
   */
  async write(
    tx: Knex.Transaction,
    line: { accountId: string; subscriptionId?: string; scope: CreditScope },
    entry: NewCreditEntry,
  ): Promise<string> {
    const lineId = await this.ensureLine(tx, line, entry.at);
    await this.lockLines(tx, line.accountId);
    const balance = (await this.balances(tx, [lineId])).get(lineId) ?? 0n;
    const after = balance + entry.amountCents;
    if (after < 0n) {
      throw new ConflictError(
        `The ${line.scope} credit line has ${money(
          balance,
        )}; an entry of ${money(entry.amountCents)} would take it below zero`,
      );
    }
    if (after > MAX_BALANCE_CENTS) {
      throw new ConflictError(
        `The ${line.scope} credit line has ${money(
          balance,
        )}; an entry of ${money(entry.amountCents)} would take it above ${money(
          MAX_BALANCE_CENTS,
        )}`,
      );
    }
    await this.insertEntries(tx, [{ lineId, ...entry }]);
    return lineId;
  }

  /**
   * Applies the account's credits to a new invoice inside its insert
   * transaction (billing.md's order, see applyCredits), the subscription
   * level of `subscriptionIds` (in that order) before the account level;
   * each use is an `applied` entry by the system. One query when the
   * account has no credit line, the common case of a run.
   */
  async applyToInvoice(
    tx: Knex.Transaction,
    invoice: {
      id: string;
      accountId: string;
      subscriptionIds: readonly string[];
      lines: readonly ChargedLine[];
      at: Date;
    },
  ): Promise<CreditApplication> {
    const keys = [
      ...invoice.subscriptionIds.map(id => levelKey(id)),
      levelKey(),
    ];
    const lines = (await this.lockLines(tx, invoice.accountId))
      .filter(line => keys.includes(line.level_key))
      .sort(
        (a, b) =>
          keys.indexOf(a.level_key) - keys.indexOf(b.level_key) ||
          a.id.localeCompare(b.id, 'en'),
      );
    if (lines.length === 0) {
      return applyCredits(invoice.lines, []);
    }
    const balances = await this.balances(
      tx,
      lines.map(line => line.id),
    );
    const result = applyCredits(
      invoice.lines,
      lines.map(line => ({
        lineId: line.id,
        scope: line.scope,
        level: line.subscription_id === null ? 'account' : 'subscription',
        balanceCents: balances.get(line.id) ?? 0n,
      })),
    );
    await this.insertEntries(
      tx,
      result.uses.map(use => ({
        lineId: use.lineId,
        amountCents: -use.amountCents,
        reason: 'applied',
        author: SYSTEM_AUTHOR,
        note: `Applied to invoice ${invoice.id}`,
        invoiceId: invoice.id,
        at: invoice.at,
      })),
    );
    return result;
  }

  /** Gives a voided invoice's credits back to their lines (`void-reversal`). */
  async reverseInvoice(
    tx: Knex.Transaction,
    invoice: { id: string; accountId: string; number: number },
    entry: { author: string; at: Date },
  ): Promise<void> {
    await this.lockLines(tx, invoice.accountId);
    const used: Array<{ line_id: string; cents: number | string }> = await tx(
      ENTRIES,
    )
      .where({ invoice_id: invoice.id, reason: 'applied' })
      .groupBy('line_id')
      .select('line_id', tx.raw('sum(amount_cents) as cents'));
    await this.insertEntries(
      tx,
      used
        .filter(row => BigInt(row.cents) !== 0n)
        .map(row => ({
          lineId: row.line_id,
          amountCents: -BigInt(row.cents),
          reason: 'void-reversal',
          author: entry.author,
          note: `Invoice ${invoice.number} was voided`,
          invoiceId: invoice.id,
          at: entry.at,
        })),
    );
  }

  /**
   * Moves the balances of subscription `from`'s lines to the same scopes
   * of subscription `to` (or of the account when `to` is undefined):
   * a `transfer-out` and a `transfer-in` entry per line with a balance.
   */
  async transfer(
    tx: Knex.Transaction,
    move: { accountId: string; from: string; to?: string },
    entry: { author: string; at: Date },
  ): Promise<void> {
    const lines = (await this.lockLines(tx, move.accountId)).filter(
      line => line.level_key === levelKey(move.from),
    );
    if (lines.length === 0) {
      return;
    }
    const balances = await this.balances(
      tx,
      lines.map(line => line.id),
    );
    const target =
      move.to === undefined
        ? 'Moved to the account level'
        : `Moved to subscription ${move.to}`;
    for (const line of lines) {
      const cents = balances.get(line.id) ?? 0n;
      if (cents === 0n) {
        continue;
      }
      const toLine = await this.ensureLine(
        tx,
        {
          accountId: move.accountId,
          subscriptionId: move.to,
          scope: line.scope,
        },
        entry.at,
      );
      await this.insertEntries(tx, [
        {
          lineId: line.id,
          amountCents: -cents,
          reason: 'transfer-out',
          author: entry.author,
          note: target,
          at: entry.at,
        },
        {
          lineId: toLine,
          amountCents: cents,
          reason: 'transfer-in',
          author: entry.author,
          note: `Moved from subscription ${move.from}`,
          at: entry.at,
        },
      ]);
    }
  }

  /** The line of (account, level, scope), created when missing; its id. */
  private async ensureLine(
    tx: Knex.Transaction,
    line: { accountId: string; subscriptionId?: string; scope: CreditScope },
    at: Date,
  ): Promise<string> {
    const key = {
      account_id: line.accountId,
      level_key: levelKey(line.subscriptionId),
      scope: line.scope,
    };
    // A concurrent writer may create the same line: the unique key keeps one.
    await tx(LINES)
      .insert({
        id: randomUUID(),
        ...key,
        subscription_id: line.subscriptionId ?? null,
        created_at: at,
      })
      .onConflict(['account_id', 'level_key', 'scope'])
      .ignore();
    const row = await tx(LINES).where(key).first('id');
    return row.id;
  }

  /** Locks the account's lines until the transaction ends; the lines. */
  private async lockLines(
    tx: Knex.Transaction,
    accountId: string,
  ): Promise<LineRow[]> {
    return lockOnPg(
      tx,
      tx<LineRow>(LINES).where({ account_id: accountId }).orderBy('id'),
    );
  }

  /**
   * The balances of lines: the sums of their entries, read after the
   * lock (a new statement, so it sees what the lock waited for).
   */
  private async balances(
    tx: Knex.Transaction,
    lineIds: string[],
  ): Promise<Map<string, bigint>> {
    const rows: Array<{ line_id: string; cents: number | string | null }> =
      await tx(ENTRIES)
        .whereIn('line_id', lineIds)
        .groupBy('line_id')
        .select('line_id', tx.raw('sum(amount_cents) as cents'));
    return new Map(rows.map(row => [row.line_id, BigInt(row.cents ?? 0)]));
  }

  private async insertEntries(
    tx: Knex.Transaction,
    entries: Array<NewCreditEntry & { lineId: string }>,
  ): Promise<void> {
    if (entries.length === 0) {
      return;
    }
    await tx(ENTRIES).insert(
      entries.map(
        (entry): EntryRow => ({
          line_id: entry.lineId,
          amount_cents: entry.amountCents.toString(),
          reason: entry.reason,
          author: entry.author,
          note: entry.note,
          invoice_id: entry.invoiceId ?? null,
          payment_id: entry.paymentId ?? null,
          at: entry.at,
        }),
      ),
    );
  }
}
