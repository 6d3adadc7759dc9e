import { ReportRunStatus } from '@internal/plugin-enterprise-console-common';
import { Knex } from 'knex';
import { ReportRunRecord, ReportRunStore } from '../runs/ReportRunStore';

/** What a download needs to know about a run. */
export type DownloadableRun = Pick<
  ReportRunRecord,
  | 'id'
  | 'accountId'
  | 'type'
  | 'name'
  | 'status'
  | 'attempt'
  | 'expiresAt'
  | 'fileName'
  | 'byteSize'
>;

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
  readonly #runs: ReportRunStore;

  constructor(db: Knex) {
    this.#db = db;
    this.#runs = new ReportRunStore(db);
  }

  /** One run, read as the run queue reads it. */
  get(runId: string): Promise<DownloadableRun | undefined> {
    return this.#runs.get(runId);
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
