import { Knex } from 'knex';
import { readBoolean } from '../../database/columns';
import {
  ReportRunClaim,
  ReportRunOutcome,
  ReportRunRecord,
  ReportRunRow,
  TABLE,
  toRecord,
} from './reportRunRows';

/**
 * The report run queue (reports.md, "Runs, delivery and downloads"): the
 * writes of the replicas that work on runs. Half of ReportRunStore, which
 * builds it.
 *
 * A replica claims a run atomically and holds it by a lease it renews. Each
 * claim increments `attempt`; every later write of the claim is fenced by
 * `id`, `attempt` and status `running`, so a replica that lost its lease
 * (paused, partitioned, presumed dead) changes nothing once another one
 * claimed the run. Fenced writes answer whether they took effect.
 */
export class ReportRunQueue {
  readonly #db: Knex;
  readonly #isPostgres: boolean;

  constructor(db: Knex) {
    this.#db = db;
    this.#isPostgres = db.client.config.client === 'pg';
  }

  /**
   * The database's clock, as the lease column stores time. Leases are set
   * and compared by it alone, so replicas whose clocks disagree still agree
   * on whether a lease expired. (SQLite keeps epoch milliseconds.)
   */
  #databaseNow(): Knex.Raw {
    return this.#isPostgres
      ? this.#db.raw('now()')
      : this.#db.raw(
          "CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)",
        );
  }

  /** The database's clock plus `ms`: when a lease taken or renewed now ends. */
  #leaseEnd(ms: number): Knex.Raw {
    return this.#isPostgres
      ? this.#db.raw("now() + ? * interval '1 millisecond'", [ms])
      : this.#db.raw(
          "CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER) + ?",
          [ms],
        );
  }

  /**
   * Claims the oldest queued run, or a running one whose lease expired (its
   * replica died), for `owner`: status running, attempt + 1, a fresh lease,
   * progress reset. Undefined when there is nothing to do. Leases are
   * compared and set by the database's clock; `now` only dates the start.
   */
  async claim(options: {
    owner: string;
    leaseMs: number;
    now: Date;
  }): Promise<ReportRunRecord | undefined> {
    const claimable = (query: Knex.QueryBuilder) =>
      query.where(inner =>
        inner
          .where('status', 'queued')
          .orWhere(expired =>
            expired
              .where('status', 'running')
              .andWhere('lease_expires_at', '<', this.#databaseNow()),
          ),
      );
    const changes = {
      status: 'running',
      attempt: this.#db.raw('attempt + 1'),
      lease_owner: options.owner,
      lease_expires_at: this.#leaseEnd(options.leaseMs),
      started_at: options.now,
      rows_written: 0,
    };

    if (this.#isPostgres) {
      // Replicas skip each other's locked candidates instead of queueing
      // behind them; the row is re-checked under the lock, so each claim
      // takes a run no other claim took.
      const candidate = claimable(
        this.#db(TABLE).select('id').forUpdate().skipLocked(),
      )
        .orderBy([
          { column: 'created_at', order: 'asc' },
          { column: 'id', order: 'asc' },
        ])
        .limit(1);
      const rows: ReportRunRow[] = await this.#db(TABLE)
        .where('id', candidate)
        .update(changes)
        .returning('*');
      return rows.length ? toRecord(rows[0]) : undefined;
    }

    // SQLite has a single writer: compare-and-set on the candidate inside
    // one transaction is atomic.
    return this.#db.transaction(async tx => {
      const candidate = await claimable(tx(TABLE).select('id'))
        .orderBy([
          { column: 'created_at', order: 'asc' },
          { column: 'id', order: 'asc' },
        ])
        .first();
      if (!candidate) {
        return undefined;
      }
      const changed = await claimable(
        tx(TABLE).where('id', candidate.id),
      ).update(changes);
      if (changed !== 1) {
        return undefined;
      }
      const row = await tx<ReportRunRow>(TABLE)
        .where('id', candidate.id)
        .first();
      return toRecord(row!);
    });
  }

  /**
   * Fails the runs whose lease expired on their `maxAttempts`-th claim
   * (their replica died each time) instead of letting them be claimed
   * again. Answers the ids of the runs it failed, whose files are to go.
   */
  async failExhausted(options: {
    maxAttempts: number;
    error: string;
    finishedAt: Date;
  }): Promise<string[]> {
    const exhausted = (query: Knex.QueryBuilder) =>
      query
        .where('status', 'running')
        .andWhere('lease_expires_at', '<', this.#databaseNow())
        .andWhere('attempt', '>=', options.maxAttempts);
    return this.#db.transaction(async tx => {
      const rows: { id: string }[] = await exhausted(tx(TABLE).select('id'));
      if (rows.length === 0) {
        return [];
      }
      const ids = rows.map(row => row.id);
      await exhausted(tx(TABLE).whereIn('id', ids)).update({
        status: 'failed',
        error: options.error,
        finished_at: options.finishedAt,
        lease_owner: null,
        lease_expires_at: null,
      });
      return ids;
    });
  }

  #fenced(claim: ReportRunClaim) {
    return this.#db(TABLE).where({
      id: claim.id,
      attempt: claim.attempt,
      status: 'running',
    });
  }

  /**
   * Renews the lease of a claim. Answers whether a cancel was requested, or
   * `lost` when the claim no longer holds the run.
   */
  async heartbeat(
    claim: ReportRunClaim,
    options: { leaseMs: number },
  ): Promise<'lost' | { cancelRequested: boolean }> {
    const changed = await this.#fenced(claim).update({
      lease_expires_at: this.#leaseEnd(options.leaseMs),
    });
    if (changed === 0) {
      return 'lost';
    }
    const row = await this.#db(TABLE)
      .select('cancel_requested')
      .where({ id: claim.id })
      .first();
    return { cancelRequested: readBoolean(row?.cancel_requested ?? false) };
  }

  /** Records how many rows a claim has written so far. */
  async progress(claim: ReportRunClaim, rowsWritten: number): Promise<boolean> {
    return (
      (await this.#fenced(claim).update({ rows_written: rowsWritten })) === 1
    );
  }

  async succeed(
    claim: ReportRunClaim,
    outcome: ReportRunOutcome,
  ): Promise<boolean> {
    return (
      (await this.#fenced(claim).update({
        status: 'succeeded',
        rows_written: outcome.rowCount,
        row_count: outcome.rowCount,
        byte_size: outcome.byteSize,
        file_name: outcome.fileName,
        finished_at: outcome.finishedAt,
        expires_at: outcome.expiresAt,
        lease_owner: null,
        lease_expires_at: null,
      })) === 1
    );
  }

  async fail(
    claim: ReportRunClaim,
    error: string,
    finishedAt: Date,
  ): Promise<boolean> {
    return (
      (await this.#fenced(claim).update({
        status: 'failed',
        error,
        finished_at: finishedAt,
        lease_owner: null,
        lease_expires_at: null,
      })) === 1
    );
  }

  /** A claim stopping at the cancel a user requested. */
  async cancelled(claim: ReportRunClaim, finishedAt: Date): Promise<boolean> {
    return (
      (await this.#fenced(claim).update({
        status: 'cancelled',
        finished_at: finishedAt,
        lease_owner: null,
        lease_expires_at: null,
      })) === 1
    );
  }

  /**
   * Hands a claimed run back to the queue (a replica shutting down), so
   * another replica takes it without waiting for the lease to expire.
   */
  async release(claim: ReportRunClaim): Promise<boolean> {
    return (
      (await this.#fenced(claim).update({
        status: 'queued',
        rows_written: 0,
        lease_owner: null,
        lease_expires_at: null,
      })) === 1
    );
  }
}
