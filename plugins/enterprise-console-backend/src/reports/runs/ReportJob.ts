import type { ScheduledRunContext } from './reportRunRequests';
import { LoggerService } from '@backstage/backend-plugin-api';
import { ReportRun } from '@internal/plugin-enterprise-console-common';
import { JobStoppedError, StopReason } from './jobStop';
import { asError, describeFailure } from './reportFailures';
import {
  ReportFileWriterOptions,
  WrittenFile,
  writeReportFile,
} from './ReportFileWriter';
import { ReportRunRecords } from './ReportRunRecords';
import {
  ReportRunClaim,
  ReportRunOutcome,
  ReportRunRecord,
} from './ReportRunStore';
import { isTransientDatabaseError } from './transientDatabaseError';
import { toReportRun } from './toReportRun';

/** What every job of a replica shares. */
export interface ReportJobOptions extends ReportFileWriterOptions {
  records: ReportRunRecords;
  logger: LoggerService;
  leaseDurationMs: number;
  heartbeatIntervalMs: number;
  /** How long a download link of a succeeded run works. */
  linkExpiryMs: number;
  /**
   * Called once a run succeeded (delivery: notification, and mail to the
   * run's recipients). Its failure is logged; the run stays succeeded.
   */
  onSucceeded?: (
    run: ReportRun,
    recipients: string[],
    schedule?: ScheduledRunContext,
  ) => Promise<void>;
  now: () => Date;
}

/**
 * One claim of a run, worked to its end: a heartbeat renews the lease and
 * picks up cancels while the file is written; then the outcome is recorded
 * (fenced by the claim) and the run delivered. A job whose lease was lost
 * stops without another write, since the replica that claimed the run
 * after it owns it now.
 */
export class ReportJob {
  readonly claim: ReportRunClaim;
  /** Settles when the job's code has run to its end. */
  readonly done: Promise<void>;
  readonly #options: ReportJobOptions;
  readonly #run: ReportRunRecord;
  readonly #controller = new AbortController();
  readonly #heartbeat: ReturnType<typeof setInterval>;

  constructor(options: ReportJobOptions, run: ReportRunRecord) {
    this.#options = options;
    this.#run = run;
    this.claim = { id: run.id, attempt: run.attempt };
    this.#heartbeat = setInterval(this.#beat(), options.heartbeatIntervalMs);
    this.done = this.#work()
      .catch(error =>
        options.logger.error(
          `Report run ${run.id} ended with an unexpected error`,
          asError(error),
        ),
      )
      .finally(() => clearInterval(this.#heartbeat));
  }

  /** Stops the job: a cancel, or this replica shutting down. */
  stop(reason: StopReason): void {
    this.#controller.abort(reason);
  }

  /** Stops heartbeating without a word to the database (a frozen replica). */
  abandon(): void {
    clearInterval(this.#heartbeat);
  }

  /** Renews the lease, stopping the job on a cancel or a lost run. */
  #beat() {
    const { leaseDurationMs, logger } = this.#options;
    const controller = this.#controller;
    let renewedAt = Date.now();
    let beating = false;
    return async () => {
      if (beating || controller.signal.aborted) {
        return;
      }
      beating = true;
      try {
        const result = await this.#options.queue.heartbeat(this.claim, {
          leaseMs: leaseDurationMs,
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
        logger.warn(
          `Could not renew the lease of report run ${this.claim.id}`,
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

  async #work(): Promise<void> {
    const { queue, files, logger, now } = this.#options;
    const run = this.#run;
    const claim = this.claim;
    const signal = this.#controller.signal;
    try {
      if (run.cancelRequested) {
        throw new JobStoppedError('cancel');
      }
      const written = await this.#writeFile(signal);
      if (signal.aborted) {
        throw new JobStoppedError(signal.reason);
      }
      const finishedAt = now();
      const succeeded = await this.#succeed({
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
    } catch (error) {
      const reason =
        error instanceof JobStoppedError
          ? error.reason
          : (signal.aborted && (signal.reason as StopReason)) || undefined;
      if (reason) {
        await this.#stopped(reason);
        return;
      }
      const message = describeFailure(run, error, logger);
      // This attempt's chunks go before the status says the run ended, so
      // whoever sees it ended finds no file of it.
      await this.#quietly(() => files.deleteAttempt(run.id, claim.attempt));
      const failed = await this.#quietly(() =>
        queue.fail(claim, message, now()),
      );
      if (failed) {
        await this.#quietly(() => files.deleteFile(run.id));
      }
      if (failed) {
        logger.info(`Report run ${run.id} failed: ${message}`);
      }
      return;
    }
    // The run succeeded with this attempt's file: from here on nothing may
    // delete it, so no failure below reaches the failure path above.
    await this.#quietly(() => files.deleteOtherAttempts(run.id, claim.attempt));
    await this.#deliver();
  }

  /**
   * Writes the file; after a transient database error, once more from the
   * start (this attempt's chunks so far go first).
   */
  async #writeFile(signal: AbortSignal): Promise<WrittenFile> {
    const { files, logger } = this.#options;
    const run = this.#run;
    try {
      return await writeReportFile(this.#options, run, this.claim, signal);
    } catch (error) {
      if (signal.aborted || !isTransientDatabaseError(error)) {
        throw error;
      }
      logger.warn(
        `Report run ${run.id} met a transient database error; writing its file once more`,
        asError(error),
      );
      await files.deleteAttempt(run.id, this.claim.attempt);
      return writeReportFile(this.#options, run, this.claim, signal);
    }
  }

  /**
   * Records the success; after a transient database error, once more. The
   * first write may have taken effect before its answer was lost, so a
   * second answer of "not changed" is checked against the run itself:
   * this attempt's file must not be deleted if the run says it succeeded.
   */
  async #succeed(outcome: ReportRunOutcome): Promise<boolean> {
    const { queue, records, logger } = this.#options;
    try {
      return await queue.succeed(this.claim, outcome);
    } catch (error) {
      if (!isTransientDatabaseError(error)) {
        throw error;
      }
      logger.warn(
        `Report run ${this.claim.id} met a transient database error; recording its success once more`,
        asError(error),
      );
    }
    if (await queue.succeed(this.claim, outcome)) {
      return true;
    }
    const record = await records.get(this.claim.id);
    return (
      record?.status === 'succeeded' && record.attempt === this.claim.attempt
    );
  }

  async #stopped(reason: StopReason): Promise<void> {
    const { queue, files, logger, now } = this.#options;
    const { claim } = this;
    const runId = claim.id;
    if (reason === 'cancel') {
      // As for a failure: the chunks first, then the status.
      await this.#quietly(() => files.deleteAttempt(runId, claim.attempt));
      const cancelled = await this.#quietly(() =>
        queue.cancelled(claim, now()),
      );
      if (cancelled) {
        await this.#quietly(() => files.deleteFile(runId));
      }
      if (cancelled) {
        logger.info(`Report run ${runId} was cancelled`);
      }
      return;
    }
    if (reason === 'shutdown') {
      await this.#quietly(() => queue.release(claim));
    } else {
      logger.warn(
        `Report run ${runId} attempt ${claim.attempt} lost its lease; another replica owns it now`,
      );
    }
    await this.#quietly(() => files.deleteAttempt(runId, claim.attempt));
  }

  async #deliver(): Promise<void> {
    const { onSucceeded, records, logger, now } = this.#options;
    const runId = this.claim.id;
    if (!onSucceeded) {
      return;
    }
    try {
      const record = await records.get(runId);
      if (record) {
        await onSucceeded(
          toReportRun(record, { now: now() }),
          record.recipients ?? [],
          record.schedule,
        );
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
