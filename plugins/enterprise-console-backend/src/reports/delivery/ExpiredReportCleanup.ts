import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { FileChunkStore } from '../../files';
import { ReportRunStore } from '../runs/ReportRunStore';

export const EXPIRED_REPORT_CLEANUP_TASK_ID =
  'enterprise-console-expired-report-cleanup';

// Each batch deletes the files of this many runs; a signal is checked between.
const BATCH_SIZE = 100;

/**
 * Marks succeeded runs expired and deletes their files; answers how many
 * runs changed. The status changes first: once it says expired nothing
 * serves the file, and a crash between the two leaves chunks that the
 * cleanup's sweep of ended runs removes.
 */
export async function expireRunFiles(
  runs: ReportRunStore,
  files: FileChunkStore,
  runIds: string[],
): Promise<number> {
  const expired = await runs.records.markExpired(runIds);
  await files.deleteFiles(runIds);
  return expired;
}

/**
 * Deletes report files whose links expired (reports.md: "after expiry ...
 * the file is deleted") and files that no run will serve: those of failed
 * and cancelled runs. A download past expiry deletes its file at once; this
 * catches the ones nobody asks for.
 */
export class ExpiredReportCleanup {
  readonly #runs: ReportRunStore;
  readonly #files: FileChunkStore;
  readonly #now: () => Date;

  constructor(options: {
    runs: ReportRunStore;
    files: FileChunkStore;
    now?: () => Date;
  }) {
    this.#runs = options.runs;
    this.#files = options.files;
    this.#now = options.now ?? (() => new Date());
  }

  /** One pass; answers how many runs expired and how many chunks of ended runs went. */
  async run(
    signal?: AbortSignal,
  ): Promise<{ expiredRuns: number; orphanedChunks: number }> {
    const now = this.#now();
    let expiredRuns = 0;
    for (;;) {
      if (signal?.aborted) {
        return { expiredRuns, orphanedChunks: 0 };
      }
      const due = await this.#runs.records.listExpiredDue(now, BATCH_SIZE);
      expiredRuns += await expireRunFiles(this.#runs, this.#files, due);
      if (due.length < BATCH_SIZE) {
        break;
      }
    }
    const orphanedChunks = signal?.aborted
      ? 0
      : // Chunks of runs that ended without a file to serve: failed,
        // cancelled, or expired where the delete did not happen.
        await this.#files.deleteFiles(this.#runs.records.idsEndedWithoutFile());
    return { expiredRuns, orphanedChunks };
  }
}

/**
 * Runs the cleanup on one replica at a time (a global task), every 15
 * minutes and shortly after startup.
 */
export async function scheduleExpiredReportCleanup(options: {
  scheduler: SchedulerService;
  cleanup: ExpiredReportCleanup;
  logger: LoggerService;
}): Promise<void> {
  const { scheduler, cleanup, logger } = options;
  await scheduler.scheduleTask({
    id: EXPIRED_REPORT_CLEANUP_TASK_ID,
    scope: 'global',
    frequency: { minutes: 15 },
    timeout: { minutes: 10 },
    initialDelay: { seconds: 30 },
    fn: async signal => {
      const { expiredRuns, orphanedChunks } = await cleanup.run(signal);
      if (expiredRuns > 0 || orphanedChunks > 0) {
        logger.info(
          `Report cleanup: ${expiredRuns} expired report file(s) deleted, ${orphanedChunks} leftover chunk(s) of failed, cancelled or expired runs deleted`,
        );
      }
    },
  });
}
