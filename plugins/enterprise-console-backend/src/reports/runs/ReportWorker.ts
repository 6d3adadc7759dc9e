import { LoggerService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { FileChunkStore } from '../../files';
import { ReportRunConfig } from './readReportRunConfig';
import { DEFAULT_REPORT_RUN_CONFIG } from './readReportRunConfig';
import { asError, attemptsExhaustedMessage } from './reportFailures';
import { ReportDefinitions } from './ReportFileWriter';
import { ReportJob, ReportJobOptions } from './ReportJob';
import { ReportRunRecord, ReportRunStore } from './ReportRunStore';
import { RateClock } from './RowRateLimiter';

export { DEFAULT_CHUNK_BYTES } from './ReportFileWriter';

/** The jobs' link expiry and delivery are set here, for every job. */
export interface ReportWorkerOptions
  extends Pick<ReportJobOptions, 'linkExpiryMs' | 'onSucceeded'> {
  /** The database the reports read. */
  db: Knex;
  runs: ReportRunStore;
  files: FileChunkStore;
  accounts: { get(id: string): Promise<{ name: string } | undefined> };
  /** The reports this replica can produce, by type. */
  definitions: ReportDefinitions;
  logger: LoggerService;
  config: Pick<ReportRunConfig, 'maxRows'> & {
    worker: Omit<ReportRunConfig['worker'], 'maxAttempts'> &
      Partial<Pick<ReportRunConfig['worker'], 'maxAttempts'>>;
  };
  /** Names this replica in `lease_owner`; unique per process by default. */
  workerId?: string;
  chunkBytes?: number;
  batchSize?: number;
  now?: () => Date;
  /** The clock `maxRowsPerSecond` is kept by (tests inject one). */
  rateClock?: RateClock;
}

/**
 * Works off the report run queue on one replica: polls for runs and claims
 * them (up to `concurrency` at once), each claim a ReportJob, and hands
 * its runs back when the replica stops. A run queued or cancelled through
 * this replica reaches it at once (`wake`, `cancelLocally`).
 */
export class ReportWorker {
  readonly #options: ReportWorkerOptions;
  readonly #jobOptions: ReportJobOptions;
  readonly #owner: string;
  readonly #now: () => Date;
  /** Each job, and when the worker is done with it (it left #jobs). */
  readonly #jobs = new Map<string, { job: ReportJob; done: Promise<void> }>();
  #loop?: Promise<void>;
  #stopping = false;
  #wakeRequested = false;
  #wakeUp?: () => void;

  constructor(options: ReportWorkerOptions) {
    this.#options = options;
    this.#owner =
      options.workerId ??
      `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`.slice(
        0,
        100,
      );
    this.#now = options.now ?? (() => new Date());
    this.#jobOptions = {
      db: options.db,
      queue: options.runs.queue,
      records: options.runs.records,
      files: options.files,
      accounts: options.accounts,
      definitions: options.definitions,
      maxRows: options.config.maxRows,
      maxRowsPerSecond: options.config.worker.maxRowsPerSecond,
      rateClock: options.rateClock,
      chunkBytes: options.chunkBytes,
      batchSize: options.batchSize,
      logger: options.logger,
      leaseDurationMs: options.config.worker.leaseDurationMs,
      heartbeatIntervalMs: options.config.worker.heartbeatIntervalMs,
      linkExpiryMs: options.linkExpiryMs,
      onSucceeded: options.onSucceeded,
      now: this.#now,
    };
  }

  /** Starts polling the queue. */
  start(): void {
    if (this.#loop) {
      return;
    }
    this.#stopping = false;
    this.#loop = this.#pollLoop();
  }

  /** Looks for work now, rather than at the next poll (a run was queued). */
  wake(): void {
    this.#wakeRequested = true;
    this.#wakeUp?.();
  }

  /** Stops a run at once if this replica works on it (a cancel here). */
  cancelLocally(runId: string): void {
    this.#jobs.get(runId)?.job.stop('cancel');
  }

  /**
   * Shuts down: claims nothing more, stops the running jobs and hands their
   * runs back to the queue, so another replica takes them at once.
   */
  async stop(): Promise<void> {
    this.#stopping = true;
    this.wake();
    await this.#loop;
    this.#loop = undefined;
    const jobs = [...this.#jobs.values()];
    for (const { job } of jobs) {
      job.stop('shutdown');
    }
    await Promise.all(jobs.map(job => job.done));
  }

  /**
   * Stops claiming and heartbeating at once, without another word to the
   * database, as a replica that froze or lost its network would: its runs
   * keep their leases until they expire, and whatever its jobs still write
   * afterwards is fenced off. For tests of recovery; settles when the
   * abandoned jobs' code has run to its end.
   */
  abandon(): Promise<void> {
    this.#stopping = true;
    this.wake();
    const jobs = [...this.#jobs.values()];
    for (const { job } of jobs) {
      job.abandon();
    }
    this.#jobs.clear();
    return Promise.all(jobs.map(job => job.done)).then(() => {});
  }

  /** Runs this replica works on now. */
  get activeRunIds(): string[] {
    return [...this.#jobs.keys()];
  }

  async #pollLoop(): Promise<void> {
    while (!this.#stopping) {
      this.#wakeRequested = false;
      await this.#claimWhileFree();
      if (!this.#stopping && !this.#wakeRequested) {
        await this.#sleep(this.#options.config.worker.pollIntervalMs);
      }
    }
  }

  #sleep(ms: number): Promise<void> {
    return new Promise(resolve => {
      let timer: ReturnType<typeof setTimeout> | undefined = undefined;
      const done = () => {
        clearTimeout(timer);
        this.#wakeUp = undefined;
        resolve();
      };
      timer = setTimeout(done, ms);
      this.#wakeUp = done;
    });
  }

  async #claimWhileFree(): Promise<void> {
    const { concurrency, leaseDurationMs } = this.#options.config.worker;
    const { queue } = this.#options.runs;
    if (!this.#stopping) {
      await this.#failExhausted();
    }
    while (!this.#stopping && this.#jobs.size < concurrency) {
      let run: ReportRunRecord | undefined;
      try {
        run = await queue.claim({
          owner: this.#owner,
          leaseMs: leaseDurationMs,
          now: this.#now(),
        });
      } catch (error) {
        this.#options.logger.error(
          'Could not claim a report run',
          asError(error),
        );
        return;
      }
      if (!run) {
        return;
      }
      if (this.#stopping) {
        // Shutting down while the claim was under way.
        const claim = { id: run.id, attempt: run.attempt };
        try {
          await queue.release(claim);
        } catch (error) {
          this.#options.logger.warn(
            'Report run bookkeeping failed',
            asError(error),
          );
        }
        return;
      }
      this.#startJob(run);
    }
  }

  /** Fails the runs that crashed their replica on every claim they got. */
  async #failExhausted(): Promise<void> {
    const maxAttempts =
      this.#options.config.worker.maxAttempts ??
      DEFAULT_REPORT_RUN_CONFIG.worker.maxAttempts;
    const { logger, files } = this.#options;
    try {
      const failed = await this.#options.runs.queue.failExhausted({
        maxAttempts,
        error: attemptsExhaustedMessage(maxAttempts),
        finishedAt: this.#now(),
      });
      if (failed.length > 0) {
        await files.deleteFiles(failed);
        for (const runId of failed) {
          logger.warn(
            `Report run ${runId} failed: its replica stopped on each of its ${maxAttempts} attempts`,
          );
        }
      }
    } catch (error) {
      logger.error('Could not fail exhausted report runs', asError(error));
    }
  }

  #startJob(run: ReportRunRecord): void {
    const job = new ReportJob(this.#jobOptions, run);
    const entry = {
      job,
      done: job.done.finally(() => {
        if (this.#jobs.get(run.id) === entry) {
          this.#jobs.delete(run.id);
        }
        this.wake();
      }),
    };
    this.#jobs.set(run.id, entry);
  }
}
