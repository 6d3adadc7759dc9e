import {
  isReportType,
  reportTitle,
  ReportType,
} from '@internal/plugin-enterprise-console-common';
import { Knex } from 'knex';
import { FileChunkStore } from '../../files';
import { CsvWriter, reportFileName } from '../csv/CsvWriter';
import { ReportDefinition, reportColumns } from '../ReportDefinition';
import { JobStoppedError, unlessStopped } from './jobStop';
import { RowCapExceededError } from './reportFailures';
import { ReportRunQueue } from './ReportRunQueue';
import { ReportRunClaim, ReportRunRecord } from './ReportRunStore';
import { RateClock, RowRateLimiter } from './RowRateLimiter';

/** About how much of a file is buffered before it is stored as one chunk. */
export const DEFAULT_CHUNK_BYTES = 256 * 1024;
export const DEFAULT_BATCH_SIZE = 1000;

/** The reports a replica can produce, by type. */
export type ReportDefinitions = Partial<Record<ReportType, ReportDefinition>>;

/** What a file writer needs, the same for every run of a replica. */
export interface ReportFileWriterOptions {
  /** The database the reports read. */
  db: Knex;
  queue: ReportRunQueue;
  files: FileChunkStore;
  accounts: { get(id: string): Promise<{ name: string } | undefined> };
  definitions: ReportDefinitions;
  maxRows: number;
  /** Rows one job writes per second at most; unlimited without it. */
  maxRowsPerSecond?: number;
  /** The clock the rate is kept by (tests inject one). */
  rateClock?: RateClock;
  chunkBytes?: number;
  batchSize?: number;
}

/** What a finished file is. */
export interface WrittenFile {
  rows: number;
  bytes: number;
  fileName: string;
}

/**
 * Streams one run's report into stored chunks of its attempt: the next
 * batch is read while the current one is formatted and stored, chunks of
 * about `chunkBytes` are stored as they fill, each stored chunk records the
 * progress (fenced: a lost claim stops the writer), and a report past
 * `maxRows` fails. Memory is two batches of rows plus one chunk, whatever
 * the size of the report.
 *
 * With `maxRowsPerSecond`, each batch waits until its rows are within the
 * rate before the next one is read (so the database reads at most one
 * batch ahead), batches hold at most one second's rows, and each batch is
 * stored and counted as it is written: a throttled run has the time, and
 * its progress shows.
 */
export async function writeReportFile(
  options: ReportFileWriterOptions,
  run: ReportRunRecord,
  claim: ReportRunClaim,
  signal: AbortSignal,
): Promise<WrittenFile> {
  const { queue, files, accounts, definitions, maxRows, db } = options;
  const definition = isReportType(run.type) ? definitions[run.type] : undefined;
  if (!definition) {
    throw new Error(`No report definition for type ${run.type}`);
  }
  const account = await accounts.get(run.accountId);
  if (!account) {
    throw new Error(`Account ${run.accountId} not found`);
  }
  const writer = new CsvWriter(
    reportColumns(definition, run.parameters),
    run.delimiter,
  );
  const chunkBytes = options.chunkBytes ?? DEFAULT_CHUNK_BYTES;
  const { maxRowsPerSecond } = options;
  const limiter =
    maxRowsPerSecond === undefined
      ? undefined
      : new RowRateLimiter(maxRowsPerSecond, options.rateClock);
  const batchSize = Math.min(
    options.batchSize ?? DEFAULT_BATCH_SIZE,
    maxRowsPerSecond ?? Infinity,
  );

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
    if (!(await queue.progress(claim, rows))) {
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
      batchSize,
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
      if (rows + batch.length > maxRows) {
        throw new RowCapExceededError(maxRows);
      }
      await limiter?.admit(batch.length, signal);
      upcoming = fetchNext();
      rows += batch.length;
      await append(writer.rows(batch));
      if (limiter && pendingBytes > 0) {
        await flush();
      }
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
    fileName: reportFileName(
      account.name,
      reportTitle(definition.type),
      run.createdAt,
    ),
  };
}
