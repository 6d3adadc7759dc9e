import {
  CsvDelimiter,
  Page,
  ReportRunParameters,
  ReportRunStatus,
  ReportType,
} from '@internal/plugin-enterprise-console-common';
import { InputError } from '@backstage/errors';
import { randomUUID } from 'node:crypto';
import { Knex } from 'knex';
import { readBoolean, readCount } from '../../database/columns';
import { decodeCursor, encodeCursor } from '../../lib/cursor';
import { TimeColumn } from '../../database/timeColumn';

/** A run as stored, with the queue's bookkeeping; times as Dates. */
export interface ReportRunRecord {
  id: string;
  accountId: string;
  type: ReportType;
  name: string;
  description?: string;
  delimiter: CsvDelimiter;
  parameters: ReportRunParameters;
  status: ReportRunStatus;
  rowsWritten: number;
  rowCount?: number;
  error?: string;
  createdBy: string;
  createdAt: Date;
  startedAt?: Date;
  finishedAt?: Date;
  expiresAt?: Date;
  /** How many times the run was claimed; fences every write of a claim. */
  attempt: number;
  leaseOwner?: string;
  leaseExpiresAt?: Date;
  cancelRequested: boolean;
  fileName?: string;
  byteSize?: number;
}

/** What a request fixes about a run. */
export interface NewReportRun {
  accountId: string;
  type: ReportType;
  name: string;
  description?: string;
  delimiter: CsvDelimiter;
  parameters: ReportRunParameters;
  createdBy: string;
}

/** One claim of a run: the writes of the claim name its attempt. */
export interface ReportRunClaim {
  id: string;
  attempt: number;
}

/** What a succeeded run records. */
export interface ReportRunOutcome {
  rowCount: number;
  byteSize: number;
  fileName: string;
  finishedAt: Date;
  expiresAt: Date;
}

interface ReportRunRow {
  id: string;
  account_id: string;
  type: string;
  name: string;
  description: string | null;
  delimiter: string;
  parameters: string;
  status: string;
  rows_written: number | string;
  row_count: number | string | null;
  error: string | null;
  created_by: string;
  created_at: TimeColumn;
  started_at: TimeColumn | null;
  finished_at: TimeColumn | null;
  expires_at: TimeColumn | null;
  attempt: number | string;
  lease_owner: string | null;
  lease_expires_at: TimeColumn | null;
  cancel_requested: boolean | number;
  file_name: string | null;
  byte_size: number | string | null;
}

const TABLE = 'report_runs';
const ACTIVE: ReportRunStatus[] = ['queued', 'running'];

function optionalDate(value: TimeColumn | null): Date | undefined {
  return value === null || value === undefined ? undefined : new Date(value);
}

function toRecord(row: ReportRunRow): ReportRunRecord {
  return {
    id: row.id,
    accountId: row.account_id,
    type: row.type as ReportType,
    name: row.name,
    description: row.description ?? undefined,
    delimiter: row.delimiter as CsvDelimiter,
    parameters: JSON.parse(row.parameters),
    status: row.status as ReportRunStatus,
    rowsWritten: readCount(row.rows_written),
    rowCount: row.row_count === null ? undefined : readCount(row.row_count),
    error: row.error ?? undefined,
    createdBy: row.created_by,
    createdAt: new Date(row.created_at),
    startedAt: optionalDate(row.started_at),
    finishedAt: optionalDate(row.finished_at),
    expiresAt: optionalDate(row.expires_at),
    attempt: readCount(row.attempt),
    leaseOwner: row.lease_owner ?? undefined,
    leaseExpiresAt: optionalDate(row.lease_expires_at),
    cancelRequested: readBoolean(row.cancel_requested),
    fileName: row.file_name ?? undefined,
    byteSize: row.byte_size === null ? undefined : readCount(row.byte_size),
  };
}

/**
 * The report run queue (reports.md, "Runs, delivery and downloads").
 *
 * A replica claims a run atomically and holds it by a lease it renews. Each
 * claim increments `attempt`; every later write of the claim is fenced by
 * `id`, `attempt` and status `running`, so a replica that lost its lease
 * (paused, partitioned, presumed dead) changes nothing once another one
 * claimed the run. Fenced writes answer whether they took effect.
 */
export class ReportRunStore {
  readonly #db: Knex;
  readonly #isPostgres: boolean;

  constructor(db: Knex) {
    this.#db = db;
    this.#isPostgres = db.client.config.client === 'pg';
  }

  /**
   * Queues a run unless its requester already has `maxActive` queued or
   * running ones. Counting and inserting happen under one per-requester
   * lock, so concurrent requests cannot overshoot the limit.
   */
  async createWithinLimit(
    run: NewReportRun,
    options: { maxActive: number; now: Date },
  ): Promise<ReportRunRecord | { limited: true; active: number }> {
    return this.#db.transaction(async tx => {
      if (this.#isPostgres) {
        // SQLite transactions already run one at a time.
        await tx.raw('SELECT pg_advisory_xact_lock(hashtext(?))', [
          `report-runs:${run.createdBy}`,
        ]);
      }
      const active = await this.#countActive(tx, run.createdBy);
      if (active >= options.maxActive) {
        return { limited: true as const, active };
      }
      const id = randomUUID();
      await tx(TABLE).insert({
        id,
        account_id: run.accountId,
        type: run.type,
        name: run.name,
        description: run.description ?? null,
        delimiter: run.delimiter,
        parameters: JSON.stringify(run.parameters),
        status: 'queued',
        rows_written: 0,
        created_by: run.createdBy,
        created_at: options.now,
        attempt: 0,
        cancel_requested: false,
      });
      const row = await tx<ReportRunRow>(TABLE).where({ id }).first();
      return toRecord(row!);
    });
  }

  async get(id: string): Promise<ReportRunRecord | undefined> {
    const row = await this.#db<ReportRunRow>(TABLE).where({ id }).first();
    return row ? toRecord(row) : undefined;
  }

  /**
   * Runs of an account, newest first, optionally of one requester only;
   * keyset-paged on (created_at, id).
   */
  async list(options: {
    accountId: string;
    createdBy?: string;
    limit: number;
    cursor?: string;
  }): Promise<Page<ReportRunRecord>> {
    const scope = (query: Knex.QueryBuilder) => {
      query.where('account_id', options.accountId);
      if (options.createdBy !== undefined) {
        query.andWhere('created_by', options.createdBy);
      }
      return query;
    };
    const query = scope(this.#db<ReportRunRow>(TABLE).select('*'))
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(options.limit + 1);
    if (options.cursor) {
      const position = decodeCursor(options.cursor, [
        'createdAt',
        'id',
      ] as const);
      const createdAt = new Date(position.createdAt);
      if (Number.isNaN(createdAt.getTime())) {
        throw new InputError(
          'Invalid cursor: not a cursor returned by this API',
        );
      }
      query.andWhere(inner =>
        inner
          .where('created_at', '<', createdAt)
          .orWhere(same =>
            same
              .where('created_at', createdAt)
              .andWhere('id', '<', position.id),
          ),
      );
    }
    const [rows, [{ total }]] = await Promise.all([
      query,
      scope(this.#db(TABLE).count({ total: '*' })),
    ]);
    const page = (rows as ReportRunRow[]).slice(0, options.limit).map(toRecord);
    const last = page[page.length - 1];
    return {
      items: page,
      nextCursor:
        rows.length > options.limit
          ? encodeCursor({
              createdAt: last.createdAt.toISOString(),
              id: last.id,
            })
          : undefined,
      totalCount: readCount(total),
    };
  }

  /** Queued and running runs of one requester. */
  async countActive(createdBy: string): Promise<number> {
    return this.#countActive(this.#db, createdBy);
  }

  async #countActive(db: Knex, createdBy: string): Promise<number> {
    const [{ count }] = await db(TABLE)
      .where('created_by', createdBy)
      .whereIn('status', ACTIVE)
      .count({ count: '*' });
    return readCount(count);
  }

  /**
   * Claims the oldest queued run, or a running one whose lease expired (its
   * replica died), for `owner`: status running, attempt + 1, a fresh lease,
   * progress reset. Undefined when there is nothing to do.
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
              .andWhere('lease_expires_at', '<', options.now),
          ),
      );
    const changes = {
      status: 'running',
      attempt: this.#db.raw('attempt + 1'),
      lease_owner: options.owner,
      lease_expires_at: new Date(options.now.getTime() + options.leaseMs),
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
    options: { leaseMs: number; now: Date },
  ): Promise<'lost' | { cancelRequested: boolean }> {
    const changed = await this.#fenced(claim).update({
      lease_expires_at: new Date(options.now.getTime() + options.leaseMs),
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

  /**
   * A user's cancel: a queued run is cancelled at once, a running one is
   * asked to stop (its replica sees it at its next heartbeat). Answers the
   * run as it is afterwards and what happened; `finished` when the run had
   * already ended.
   */
  async requestCancel(
    id: string,
    now: Date,
  ): Promise<
    | { outcome: 'cancelled' | 'requested' | 'finished'; run: ReportRunRecord }
    | undefined
  > {
    const cancelledQueued = await this.#db(TABLE)
      .where({ id, status: 'queued' })
      .update({ status: 'cancelled', finished_at: now });
    let outcome: 'cancelled' | 'requested' | 'finished' = 'cancelled';
    if (cancelledQueued === 0) {
      const flagged = await this.#db(TABLE)
        .where({ id, status: 'running' })
        .update({ cancel_requested: true });
      outcome = flagged === 1 ? 'requested' : 'finished';
    }
    const run = await this.get(id);
    return run ? { outcome, run } : undefined;
  }
}
