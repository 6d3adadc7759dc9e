import { LoggerService } from '@backstage/backend-plugin-api';
import { isError } from '@backstage/errors';
import {
  CONSOLE_REPORTS,
  ConsoleReportType,
  isConsoleReportType,
  ReportRun,
} from '@internal/plugin-enterprise-console-common';
import { Knex } from 'knex';
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { CsvWriter, reportFileName } from '../csv/CsvWriter';
import { ReportDefinition } from '../ReportDefinition';
import { ReportFileStore } from './ReportFileStore';
import { ReportRunConfig } from './readReportRunConfig';
import {
  ReportRunClaim,
  ReportRunRecord,
  ReportRunStore,
} from './ReportRunStore';
import { toReportRun } from './toReportRun';

/** About how much of a file is buffered before it is stored as one chunk. */
export const DEFAULT_CHUNK_BYTES = 256 * 1024;
const DEFAULT_BATCH_SIZE = 1000;

/** Why a job stopped before it finished. */
type StopReason = 'cancel' | 'lost' | 'shutdown';

const GENERIC_FAILURE =
  'The report could not be created because of an internal error. Please try again later, and contact support if it keeps failing.';

/** A run past the row cap; its message is shown to the user. */
class RowCapExceededError extends Error {
  constructor(maxRows: number) {
    super(
      `This report has more than ${maxRows.toLocaleString(
        'en-US',
      )} rows, the most a report may have. Narrow its date range or filters and run it again.`,
    );
    this.name = 'RowCapExceededError';
  }
}

/** Thrown inside a job when its signal stops it. */
class JobStoppedError extends Error {
  constructor(readonly reason: StopReason) {
    super(`Job stopped: ${reason}`);
    this.name = 'JobStoppedError';
  }
}

/** What a log line carries of anything thrown. */
function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/** Settles with `promise`, or rejects as soon as `signal` aborts. */
function unlessStopped<T>(
  promise: Promise<T>,
  signal: AbortSignal,
): Promise<T> {
  if (signal.aborted) {
    promise.catch(() => {});
    return Promise.reject(new JobStoppedError(signal.reason));
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new JobStoppedError(signal.reason));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      value => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      error => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

interface Job {
  claim: ReportRunClaim;
  controller: AbortController;
  heartbeat: ReturnType<typeof setInterval>;
  done: Promise<void>;
}

export interface ReportWorkerOptions {
  /** The database the reports read. */
  db: Knex;
  runs: ReportRunStore;
  files: ReportFileStore;
  accounts: { get(id: string): Promise<{ name: string } | undefined> };
  /** The reports this replica can produce, by type. */
  definitions: Partial<Record<ConsoleReportType, ReportDefinition>>;
  logger: LoggerService;
  config: Pick<ReportRunConfig, 'maxRows' | 'worker'>;
  /** How long a download link of a succeeded run works. */
  linkExpiryMs: number;
  /**
   * Called once a run succeeded (delivery: email and notification). Its
   * failure is logged; the run stays succeeded.
   */
  onSucceeded?: (run: ReportRun) => Promise<void>;
  /** Names this replica in `lease_owner`; unique per process by default. */
  workerId?: string;
  chunkBytes?: number;
  batchSize?: number;
  now?: () => Date;
}

/**
 * Works off the report run queue on one replica: claims runs (up to
 * `concurrency` at once), streams each report through the CSV writer into
 * stored chunks, and records the outcome.
 *
 * While a job runs, a heartbeat renews its lease and picks up cancels; a
 * job whose lease was lost stops without another write, since the replica
 * that claimed the run after it owns it now. Memory per job is two batches
 * of rows (the one being written and the one being read) plus one chunk,
 * whatever the size of the report.
 */
export class ReportWorker {
  readonly #options: ReportWorkerOptions;
  readonly #owner: string;
  readonly #now: () => Date;
  readonly #jobs = new Map<string, Job>();
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
    this.#jobs.get(runId)?.controller.abort('cancel');
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
    for (const job of jobs) {
      job.controller.abort('shutdown');
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
    for (const job of jobs) {
      clearInterval(job.heartbeat);
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
    while (!this.#stopping && this.#jobs.size < concurrency) {
      let run: ReportRunRecord | undefined;
      try {
        run = await this.#options.runs.claim({
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
        await this.#quietly(() =>
          this.#options.runs.release({ id: run!.id, attempt: run!.attempt }),
        );
        return;
      }
      this.#startJob(run);
    }
  }

  #startJob(run: ReportRunRecord): void {
    const claim = { id: run.id, attempt: run.attempt };
    const controller = new AbortController();
    const { heartbeatIntervalMs } = this.#options.config.worker;
    const beat = this.#heartbeat(claim, controller);
    const heartbeat = setInterval(beat, heartbeatIntervalMs);
    const job: Job = {
      claim,
      controller,
      heartbeat,
      done: Promise.resolve(),
    };
    this.#jobs.set(run.id, job);
    job.done = this.#work(run, claim, controller.signal)
      .catch(error =>
        this.#options.logger.error(
          `Report run ${run.id} ended with an unexpected error`,
          asError(error),
        ),
      )
      .finally(() => {
        clearInterval(heartbeat);
        if (this.#jobs.get(run.id) === job) {
          this.#jobs.delete(run.id);
        }
        this.wake();
      });
  }

  /** Renews the lease, stopping the job on a cancel or a lost run. */
  #heartbeat(claim: ReportRunClaim, controller: AbortController) {
    const { leaseDurationMs } = this.#options.config.worker;
    let renewedAt = Date.now();
    let beating = false;
    return async () => {
      if (beating || controller.signal.aborted) {
        return;
      }
      beating = true;
      try {
        const result = await this.#options.runs.heartbeat(claim, {
          leaseMs: leaseDurationMs,
          now: this.#now(),
        });
        if (result === 'lost') {
          controller.abort('lost');
        } else {
          renewedAt = Date.now();
          if (result.cancelRequested) {
            controller.abort('cancel');
          }
        }
      } catch (error) {
        this.#options.logger.warn(
          `Could not renew the lease of report run ${claim.id}`,
          asError(error),
        );
        // Past the lease another replica may take the run; stop writing.
        if (Date.now() - renewedAt >= leaseDurationMs) {
          controller.abort('lost');
        }
      } finally {
        beating = false;
      }
    };
  }

  async #work(
    run: ReportRunRecord,
    claim: ReportRunClaim,
    signal: AbortSignal,
  ): Promise<void> {
    const { runs, files, logger } = this.#options;
    try {
      if (run.cancelRequested) {
        throw new JobStoppedError('cancel');
      }
      const written = await this.#writeFile(run, claim, signal);
      if (signal.aborted) {
        throw new JobStoppedError(signal.reason);
      }
      const finishedAt = this.#now();
      const succeeded = await runs.succeed(claim, {
        rowCount: written.rows,
        byteSize: written.bytes,
        fileName: written.fileName,
        finishedAt,
        expiresAt: new Date(finishedAt.getTime() + this.#options.linkExpiryMs),
      });
      if (!succeeded) {
        await this.#quietly(() => files.deleteAttempt(run.id, claim.attempt));
        return;
      }
      await files.deleteOtherAttempts(run.id, claim.attempt);
      await this.#deliver(run.id);
    } catch (error) {
      const reason =
        error instanceof JobStoppedError
          ? error.reason
          : (signal.aborted && (signal.reason as StopReason)) || undefined;
      if (reason) {
        await this.#stopped(run, claim, reason);
        return;
      }
      const message = this.#describeFailure(run, error);
      const failed = await this.#quietly(() =>
        runs.fail(claim, message, this.#now()),
      );
      await this.#quietly(() =>
        failed
          ? files.deleteFile(run.id)
          : files.deleteAttempt(run.id, claim.attempt),
      );
      if (failed) {
        logger.info(`Report run ${run.id} failed: ${message}`);
      }
    }
  }

  /** Streams the report into chunks of this attempt. */
  async #writeFile(
    run: ReportRunRecord,
    claim: ReportRunClaim,
    signal: AbortSignal,
  ): Promise<{ rows: number; bytes: number; fileName: string }> {
    const { runs, files, accounts, definitions, config, db } = this.#options;
    const definition = isConsoleReportType(run.type)
      ? definitions[run.type]
      : undefined;
    if (!definition) {
      throw new Error(`No report definition for type ${run.type}`);
    }
    const account = await accounts.get(run.accountId);
    if (!account) {
      throw new Error(`Account ${run.accountId} not found`);
    }
    const report = CONSOLE_REPORTS[run.type];
    const writer = new CsvWriter(report.columns, run.delimiter);
    const chunkBytes = this.#options.chunkBytes ?? DEFAULT_CHUNK_BYTES;

    let pending: Buffer[] = [];
    let pendingBytes = 0;
    let seq = 0;
    let rows = 0;
    let bytes = 0;
    const flush = async () => {
      const data = Buffer.concat(pending, pendingBytes);
      pending = [];
      pendingBytes = 0;
      await files.appendChunk(run.id, claim.attempt, seq, data);
      seq += 1;
      bytes += data.length;
      if (!(await runs.progress(claim, rows))) {
        throw new JobStoppedError('lost');
      }
      if (signal.aborted) {
        throw new JobStoppedError(signal.reason);
      }
    };
    const append = async (text: string) => {
      const data = Buffer.from(text, 'utf8');
      pending.push(data);
      pendingBytes += data.length;
      if (pendingBytes >= chunkBytes) {
        await flush();
      }
    };

    await append(writer.header());
    const batches = definition
      .rows({
        db,
        account: { id: run.accountId, name: account.name },
        parameters: run.parameters,
        requestedAt: run.createdAt,
        batchSize: this.#options.batchSize ?? DEFAULT_BATCH_SIZE,
      })
      [Symbol.asyncIterator]();
    // The next batch is asked for before the current one is formatted and
    // stored, so the database reads it while this process writes CSV.
    const fetchNext = () => {
      const promise = batches.next();
      // Awaited below; if the job stops first, its failure is of no interest.
      promise.catch(() => {});
      return promise;
    };
    let upcoming = fetchNext();
    try {
      for (;;) {
        const next = await unlessStopped(upcoming, signal);
        if (next.done) {
          break;
        }
        const batch = next.value;
        if (rows + batch.length > config.maxRows) {
          throw new RowCapExceededError(config.maxRows);
        }
        upcoming = fetchNext();
        rows += batch.length;
        await append(writer.rows(batch));
      }
    } catch (error) {
      // Let the report release what it holds; a report stuck in a query
      // finishes that first, so this is not awaited.
      batches.return?.().catch(() => {});
      throw error;
    }
    if (pendingBytes > 0) {
      await flush();
    }
    return {
      rows,
      bytes,
      // The time it was asked for: its relative ranges end there, and every
      // attempt of the run names its file alike.
      fileName: reportFileName(account.name, report.title, run.createdAt),
    };
  }

  async #stopped(
    run: ReportRunRecord,
    claim: ReportRunClaim,
    reason: StopReason,
  ): Promise<void> {
    const { runs, files, logger } = this.#options;
    if (reason === 'cancel') {
      const cancelled = await this.#quietly(() =>
        runs.cancelled(claim, this.#now()),
      );
      await this.#quietly(() =>
        cancelled
          ? files.deleteFile(run.id)
          : files.deleteAttempt(run.id, claim.attempt),
      );
      if (cancelled) {
        logger.info(`Report run ${run.id} was cancelled`);
      }
      return;
    }
    if (reason === 'shutdown') {
      await this.#quietly(() => runs.release(claim));
    } else {
      logger.warn(
        `Report run ${run.id} attempt ${claim.attempt} lost its lease; another replica owns it now`,
      );
    }
    await this.#quietly(() => files.deleteAttempt(run.id, claim.attempt));
  }

  /** The reason a user sees; internal errors are logged, not shown. */
  #describeFailure(run: ReportRunRecord, error: unknown): string {
    if (
      isError(error) &&
      (error.name === 'InputError' || error instanceof RowCapExceededError)
    ) {
      return error.message;
    }
    this.#options.logger.error(
      `Report run ${run.id} (${run.type}) failed`,
      asError(error),
    );
    return GENERIC_FAILURE;
  }

  async #deliver(runId: string): Promise<void> {
    const { onSucceeded, runs, logger } = this.#options;
    if (!onSucceeded) {
      return;
    }
    try {
      const record = await runs.get(runId);
      if (record) {
        await onSucceeded(toReportRun(record, { now: this.#now() }));
      }
    } catch (error) {
      logger.error(
        `Report run ${runId} succeeded but could not be delivered`,
        asError(error),
      );
    }
  }

  /** Runs a bookkeeping write, logging rather than throwing its failure. */
  async #quietly<T>(write: () => Promise<T>): Promise<T | undefined> {
    try {
      return await write();
    } catch (error) {
      this.#options.logger.warn(
        'Report run bookkeeping failed',
        asError(error),
      );
      return undefined;
    }
  }
}
