import { ReportRunStatus } from '@internal/plugin-enterprise-console-common';
import { Knex } from 'knex';
import { readCount } from '../../database/columns';

/** What a download needs to know about a run. */
export interface DownloadableRun {
  id: string;
  accountId: string;
  type: string;
  name: string;
  status: ReportRunStatus;
  /** The attempt whose chunks make the file. */
  attempt: number;
  expiresAt?: Date;
  fileName?: string;
  byteSize?: number;
}

type TimeValue = Date | number | string;

// Runs that will never be downloaded again: their chunks are garbage.
const FINISHED_WITHOUT_FILE: ReportRunStatus[] = [
  'failed',
  'cancelled',
  'expired',
];

/**
 * The report runs as downloads and their expiry see them: reading one run,
 * and retiring files whose links have expired (status `expired`, chunks
 * deleted).
 */
export class ReportDownloadStore {
  readonly #db: Knex;

  constructor(db: Knex) {
    this.#db = db;
  }

  async get(runId: string): Promise<DownloadableRun | undefined> {
    const row = await this.#db('report_runs')
      .where({ id: runId })
      .first(
        'id',
        'account_id',
        'type',
        'name',
        'status',
        'attempt',
        'expires_at',
        'file_name',
        'byte_size',
      );
    if (!row) {
      return undefined;
    }
    return {
      id: row.id,
      accountId: row.account_id,
      type: row.type,
      name: row.name,
      status: row.status,
      attempt: readCount(row.attempt),
      expiresAt:
        row.expires_at === null || row.expires_at === undefined
          ? undefined
          : new Date(row.expires_at as TimeValue),
      fileName: row.file_name ?? undefined,
      byteSize:
        row.byte_size === null || row.byte_size === undefined
          ? undefined
          : readCount(row.byte_size),
    };
  }

  /**
   * Marks succeeded runs expired and deletes their files. The status changes
   * first: once it says expired nothing serves the file, and a crash between
   * the two leaves chunks that `deleteOrphanedFiles` removes.
   */
  async expire(runIds: string[]): Promise<number> {
    if (runIds.length === 0) {
      return 0;
    }
    const expired = await this.#db('report_runs')
      .whereIn('id', runIds)
      .andWhere('status', 'succeeded')
      .update({ status: 'expired' });
    await this.#db('report_file_chunks').whereIn('run_id', runIds).delete();
    return expired;
  }

  /** Succeeded runs whose links expired at or before `now`, oldest first. */
  async listDue(now: Date, limit: number): Promise<string[]> {
    const rows = await this.#db('report_runs')
      .select('id')
      .where('status', 'succeeded')
      .andWhere('expires_at', '<=', now)
      .orderBy('expires_at')
      .limit(limit);
    return rows.map(row => row.id as string);
  }

  /**
   * Deletes the chunks of runs that ended without a file to serve (failed,
   * cancelled, or expired where the delete did not happen). Answers how many
   * chunks went.
   */
  async deleteOrphanedFiles(): Promise<number> {
    return this.#db('report_file_chunks')
      .whereIn(
        'run_id',
        this.#db('report_runs')
          .select('id')
          .whereIn('status', FINISHED_WITHOUT_FILE),
      )
      .delete();
  }
}
