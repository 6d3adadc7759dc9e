import {
  Page,
  ReportRunStatus,
} from '@internal/plugin-enterprise-console-common';
import { randomUUID } from 'node:crypto';
import { Knex } from 'knex';
import { readCount } from '../../database/columns';
import { pageInCreationOrder } from '../../database/pageInCreationOrder';
import {
  ACTIVE,
  NewReportRun,
  ReportRunRecord,
  ReportRunRow,
  TABLE,
  toRecord,
} from './reportRunRows';

// Runs that will never be downloaded again: their files are garbage.
const FINISHED_WITHOUT_FILE: ReportRunStatus[] = [
  'failed',
  'cancelled',
  'expired',
];

/**
 * The run records as users and their links see them: queueing, reading,
 * listing, a user's cancel, and a file's expiry. Half of ReportRunStore,
 * which builds it.
 */
export class ReportRunRecords {
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
        recipients: run.recipients?.length
          ? JSON.stringify(run.recipients)
          : null,
        schedule: run.schedule ? JSON.stringify(run.schedule) : null,
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
    return pageInCreationOrder<ReportRunRow, ReportRunRecord>({
      rows: scope(this.#db<ReportRunRow>(TABLE).select('*')),
      count: scope(this.#db(TABLE)),
      columns: { createdAt: 'created_at', id: 'id' },
      order: 'desc',
      limit: options.limit,
      cursor: options.cursor,
      toItem: toRecord,
      positionOf: run => run,
    });
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

  /** Succeeded runs whose links expired at or before `now`, oldest first. */
  async listExpiredDue(now: Date, limit: number): Promise<string[]> {
    const rows = await this.#db(TABLE)
      .select('id')
      .where('status', 'succeeded')
      .andWhere('expires_at', '<=', now)
      .orderBy('expires_at')
      .limit(limit);
    return rows.map(row => row.id as string);
  }

  /** Marks succeeded runs expired; answers how many changed. */
  async markExpired(runIds: string[]): Promise<number> {
    if (runIds.length === 0) {
      return 0;
    }
    return this.#db(TABLE)
      .whereIn('id', runIds)
      .andWhere('status', 'succeeded')
      .update({ status: 'expired' });
  }

  /**
   * The ids of runs that ended without a file to serve (failed, cancelled,
   * expired), as a subquery for the file store to delete their files by.
   */
  idsEndedWithoutFile(): Knex.QueryBuilder {
    return this.#db(TABLE)
      .select('id')
      .whereIn('status', FINISHED_WITHOUT_FILE);
  }
}
