/* eslint-disable jest/no-export -- shared test cases, not a test file */
import { mockErrorHandler, mockServices } from '@backstage/backend-test-utils';
import { CsvDelimiter } from '@internal/plugin-enterprise-console-common';
import express from 'express';
import request from 'supertest';
import { DownloadTokens, FileChunkStore } from '../files';
import { binaryBody } from './binaryBody';
import { createDownloadRouter } from '../reports/delivery';
import { ReportContext, ReportDefinition } from '../reports/ReportDefinition';
import { ReportRunRecord, ReportRunStore, ReportWorker } from '../reports/runs';

const DAY = 24 * 60 * 60 * 1000;
const KEY = { id: 'exact-files', secret: 'x'.repeat(32) };

/**
 * A report's file as a user gets it: the run is queued in the real store,
 * the real worker writes it (in small chunks, so that files span several),
 * and the real download route serves it by signed link. Fails on a batch
 * larger than the context's batch size.
 */
export async function downloadedReport(
  definition: ReportDefinition,
  context: ReportContext,
  delimiter: CsvDelimiter,
): Promise<Buffer> {
  const { db } = context;
  const runs = new ReportRunStore(db);
  const files = new FileChunkStore(db);
  const oversized: number[] = [];
  const checked: ReportDefinition = {
    ...definition,
    async *rows(rowContext) {
      for await (const batch of definition.rows(rowContext)) {
        if (batch.length > context.batchSize) {
          oversized.push(batch.length);
        }
        yield batch;
      }
    },
  };
  const created = await runs.records.createWithinLimit(
    {
      accountId: context.account.id,
      type: definition.type,
      name: 'Exact file',
      delimiter,
      parameters: context.parameters,
      createdBy: 'user:default/exact-files',
    },
    { maxActive: Number.MAX_SAFE_INTEGER, now: context.requestedAt },
  );
  if ('limited' in created) {
    throw new Error('unexpected limit');
  }
  const logger = mockServices.logger.mock();
  let settle: () => void = () => {};
  const settled = new Promise<void>(resolve => {
    settle = resolve;
  });
  const worker = new ReportWorker({
    db,
    runs,
    files,
    accounts: { get: async () => ({ name: context.account.name }) },
    definitions: { [definition.type]: checked },
    logger,
    config: {
      maxRows: 5_000_000,
      worker: {
        concurrency: 1,
        pollIntervalMs: 20,
        leaseDurationMs: 60_000,
        heartbeatIntervalMs: 1_000,
      },
    },
    linkExpiryMs: DAY,
    batchSize: context.batchSize,
    chunkBytes: 100,
  });
  worker.start();
  let run: ReportRunRecord | undefined;
  try {
    for (const deadline = Date.now() + 30_000; ; ) {
      run = await runs.records.get(created.id);
      if (run && !['queued', 'running'].includes(run.status)) {
        break;
      }
      if (Date.now() > deadline) {
        throw new Error(`Run ${created.id} did not end`);
      }
      await Promise.race([
        settled,
        new Promise(resolve => setTimeout(resolve, 20)),
      ]);
    }
  } finally {
    settle();
    await worker.stop();
  }
  if (!run || run.status !== 'succeeded' || !run.expiresAt) {
    throw new Error(
      `Run ended ${run?.status}: ${run?.error}; logged: ${JSON.stringify(
        logger.error.mock.calls,
      )}`,
    );
  }
  expect(oversized).toEqual([]);

  const tokens = new DownloadTokens([KEY]);
  const app = express()
    .use(
      createDownloadRouter({
        tokens,
        runs,
        files,
        auditor: mockServices.auditor.mock(),
        expiryMs: DAY,
      }),
    )
    .use(mockErrorHandler());
  const res = await request(app)
    .get(`/v1/downloads/${tokens.sign(run.id, run.expiresAt)}`)
    .buffer(true)
    .parse(binaryBody);
  expect(res.status).toBe(200);
  expect(res.headers['content-length']).toBe(String(res.body.length));
  return res.body as Buffer;
}

/**
 * The tests every report has: the exact file for each delimiter, and the
 * same bytes whatever the batch size, each as the real worker stores it and
 * the real download route serves it. Call inside a describe, with the
 * context of the fixture as that report wants it.
 */
export function itWritesExactFiles(options: {
  /** The report, or how to get it where it is made once the database is there. */
  definition: ReportDefinition | (() => ReportDefinition);
  context: (overrides: { batchSize?: number }) => Promise<ReportContext>;
  files: Record<CsvDelimiter, string>;
  batchSizes: number[];
}) {
  const { context, files } = options;
  const definition = () =>
    typeof options.definition === 'function'
      ? options.definition()
      : options.definition;
  it.each([
    [',', files[',']],
    ['|', files['|']],
  ] as const)('writes the fixture with %p', async (delimiter, expected) => {
    const file = await downloadedReport(
      definition(),
      await context({}),
      delimiter,
    );
    expect(file.toString('utf8')).toBe(expected);
    expect(file).toEqual(Buffer.from(expected, 'utf8'));
  });

  it.each(options.batchSizes)(
    'gives the same bytes with batches of %p',
    async batchSize => {
      const file = await downloadedReport(
        definition(),
        await context({ batchSize }),
        ',',
      );
      expect(file).toEqual(Buffer.from(files[','], 'utf8'));
    },
  );
}
