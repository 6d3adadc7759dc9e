import { AuditorService } from '@backstage/backend-plugin-api';
import express from 'express';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { Knex } from 'knex';
import request from 'supertest';
import { apiApp } from '../../__testUtils__/apiApp';
import { createTestDatabases } from '../../__testUtils__/testDatabases';
import { migrateKnex } from '../../database/migrateDatabase';
import { DownloadTokens, FileChunkStore } from '../../files';
import { ReportRunStore } from '../runs/ReportRunStore';
import {
  chunkCount,
  insertAccount,
  insertRun,
  statusOf,
} from './__testUtils__/reportRuns';
import {
  createDownloadRouter,
  DOWNLOAD_NOT_FOUND_MESSAGE,
} from './createDownloadRouter';

const databases = createTestDatabases({ testTimeoutMs: 60_000 });

const EXPIRED_MESSAGE =
  'This report has expired. Download links expire after 24 hours.';
const DAY = 24 * 3_600_000;
const EXPIRES = new Date('2026-11-23T14:05:00.000Z');
const KEY = { id: 'k1', secret: 'test-secret-of-thirty-two-chars!' };

/** A CSV split so that chunk borders fall inside multi-byte characters. */
const FILE = Buffer.from(
  '\uFEFFTenant,Form,Submitted by\r\nacme-a,Visite à domicile,Zoë\r\nacme-b,"Quote, ""final""",José\r\n',
  'utf8',
);
const CHUNKS = [FILE.subarray(0, 2), FILE.subarray(2, 45), FILE.subarray(45)];

interface AuditRecord {
  eventId: string;
  severityLevel?: string;
  url?: string;
  meta: unknown;
  outcome: 'success' | 'fail' | 'open';
  error?: string;
}

/** An auditor that keeps what it was told, outcome included. */
function recordingAuditor() {
  const events: AuditRecord[] = [];
  const auditor: AuditorService = {
    async createEvent(options) {
      const record: AuditRecord = {
        eventId: options.eventId,
        severityLevel: options.severityLevel,
        url: options.request?.originalUrl,
        meta: options.meta,
        outcome: 'open',
      };
      events.push(record);
      return {
        async success(params) {
          record.outcome = 'success';
          record.meta = { ...options.meta, ...params?.meta };
        },
        async fail(params) {
          record.outcome = 'fail';
          record.error = `${params.error.name}: ${params.error.message}`;
          record.meta = { ...options.meta, ...params.meta };
        },
      };
    },
  };
  return { auditor, events };
}

async function setup(knex: Knex, options: { now?: Date } = {}) {
  await migrateKnex(knex);
  await insertAccount(knex, { id: 'acme', name: 'Acme Health' });
  const tokens = new DownloadTokens([KEY]);
  const { auditor, events } = recordingAuditor();
  const clock = { now: options.now ?? new Date(EXPIRES.getTime() - DAY) };
  const app = await apiApp(
    createDownloadRouter({
      tokens,
      runs: new ReportRunStore(knex),
      files: new FileChunkStore(knex),
      auditor,
      expiryMs: DAY,
      now: () => clock.now,
    }),
  );
  const succeeded = (
    overrides: Partial<Parameters<typeof insertRun>[1]> = {},
  ) =>
    insertRun(knex, {
      accountId: 'acme',
      status: 'succeeded',
      expiresAt: EXPIRES,
      fileName: 'Acme Health (Mobile Form Submissions) 20261122 140500.csv',
      chunks: CHUNKS,
      ...overrides,
    });
  const link = (runId: string, expiresAt = EXPIRES) =>
    `/v1/downloads/${tokens.sign(runId, expiresAt)}`;
  return { app, tokens, events, clock, succeeded, link };
}

/** The body as raw bytes, whatever the content type. */
function binary(
  res: any,
  callback: (error: Error | null, body: Buffer) => void,
) {
  const parts: Buffer[] = [];
  res.on('data', (chunk: Buffer) => parts.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(parts)));
}

describe.each(databases.eachSupportedId())('download route on %p', id => {
  it('streams the file of the succeeded attempt with download headers', async () => {
    const knex = await databases.init(id);
    const { app, succeeded, link, events } = await setup(knex);
    const runId = await succeeded({ attempt: 2 });
    // A replica that lost its lease left chunks of attempt 1.
    await new FileChunkStore(knex).appendChunk(
      runId,
      1,
      0,
      Buffer.from('stale'),
    );

    const res = await request(app).get(link(runId)).buffer(true).parse(binary);

    expect(res.status).toBe(200);
    expect(res.body).toEqual(FILE);
    expect(res.headers).toMatchObject({
      'content-type': 'text/csv; charset=utf-8',
      'content-length': String(FILE.length),
      'content-disposition':
        'attachment; filename="Acme Health (Mobile Form Submissions) 20261122 140500.csv"; ' +
        "filename*=UTF-8''Acme%20Health%20%28Mobile%20Form%20Submissions%29%2020261122%20140500.csv",
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
    });
    // The event closes once the server's pipeline ends, which may be just
    // after the client has the last byte.
    await waitFor(() => events[0]?.outcome !== 'open');
    expect(events).toEqual([
      {
        eventId: 'report-download',
        severityLevel: 'medium',
        url: '/v1/downloads/[redacted]',
        meta: {
          runId,
          accountId: 'acme',
          reportType: 'form-submissions',
          fileName: 'Acme Health (Mobile Form Submissions) 20261122 140500.csv',
          outcome: 'downloaded',
          byteSize: FILE.length,
        },
        outcome: 'success',
      },
    ]);
    // Downloading keeps the file: links work until they expire.
    expect(await chunkCount(knex, runId)).toBe(4);
  });

  it('names a file with characters outside ASCII in both forms', async () => {
    const knex = await databases.init(id);
    const { app, succeeded, link } = await setup(knex);
    const runId = await succeeded({
      fileName: 'Café "Zoë" — Ünïcode (Web Users) 20261122 140500.csv',
    });
    const res = await request(app).get(link(runId)).buffer(true).parse(binary);
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="Cafe _Zoe_ _ Unicode (Web Users) 20261122 140500.csv"; ' +
        "filename*=UTF-8''Caf%C3%A9%20%22Zo%C3%AB%22%20%E2%80%94%20%C3%9Cn%C3%AFcode%20%28Web%20Users%29%2020261122%20140500.csv",
    );
  });

  it('works until the last millisecond before the expiry', async () => {
    const knex = await databases.init(id);
    const { app, succeeded, link, clock } = await setup(knex);
    const runId = await succeeded();
    clock.now = new Date(EXPIRES.getTime() - 1);
    const res = await request(app).get(link(runId)).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(FILE);
  });

  describe('answers 404, the same for every reason', () => {
    const notFoundBody = (url: string) => ({
      error: { name: 'NotFoundError', message: DOWNLOAD_NOT_FOUND_MESSAGE },
      request: { method: 'GET', url },
      response: { statusCode: 404 },
    });

    it.each([
      ['garbage', () => 'not-a-token'],
      [
        'a tampered payload',
        (token: string) => {
          const [payload, mac] = token.split('.');
          const changed = JSON.parse(
            Buffer.from(payload, 'base64url').toString(),
          );
          changed.exp += DAY;
          return `${Buffer.from(JSON.stringify(changed)).toString(
            'base64url',
          )}.${mac}`;
        },
      ],
      [
        'a tampered MAC',
        (token: string) =>
          `${token.slice(0, -2)}${token.endsWith('AA') ? 'BA' : 'AA'}`,
      ],
      [
        'a token of another key',
        (_token: string, runId: string) =>
          new DownloadTokens([
            { id: 'k1', secret: 'another-secret-32-characters-long' },
          ]).sign(runId, EXPIRES),
      ],
    ])('%s', async (_name, forge) => {
      const knex = await databases.init(id);
      const { app, succeeded, tokens, events } = await setup(knex);
      const runId = await succeeded();
      const url = `/v1/downloads/${forge(tokens.sign(runId, EXPIRES), runId)}`;
      const res = await request(app).get(url);
      expect(res.status).toBe(404);
      expect(res.body).toEqual(notFoundBody(url));
      expect(events).toEqual([
        {
          eventId: 'report-download',
          severityLevel: 'medium',
          url: '/v1/downloads/[redacted]',
          meta: { runId: null, outcome: 'invalid-token' },
          outcome: 'fail',
          error: `NotFoundError: ${DOWNLOAD_NOT_FOUND_MESSAGE}`,
        },
      ]);
      expect(await chunkCount(knex, runId)).toBe(3);
    });

    it('a genuine token of a run that does not exist', async () => {
      const knex = await databases.init(id);
      const { app, link, events } = await setup(knex);
      const url = link('00000000-0000-4000-8000-000000000000');
      const res = await request(app).get(url);
      expect(res.status).toBe(404);
      expect(res.body).toEqual(notFoundBody(url));
      expect(events).toMatchObject([
        {
          meta: {
            runId: '00000000-0000-4000-8000-000000000000',
            outcome: 'unknown-run',
          },
          outcome: 'fail',
        },
      ]);
    });

    it.each(['queued', 'running', 'failed', 'cancelled'] as const)(
      'a genuine token of a %s run',
      async status => {
        const knex = await databases.init(id);
        const { app, link, events } = await setup(knex);
        const runId = await insertRun(knex, {
          accountId: 'acme',
          status,
          expiresAt: EXPIRES,
          chunks: CHUNKS,
        });
        const url = link(runId);
        const res = await request(app).get(url);
        expect(res.status).toBe(404);
        expect(res.body).toEqual(notFoundBody(url));
        expect(events).toMatchObject([
          {
            meta: { runId, accountId: 'acme', outcome: `run-${status}` },
            outcome: 'fail',
          },
        ]);
      },
    );
  });

  describe('answers 410 and deletes the file', () => {
    const goneBody = (url: string) => ({
      error: { name: 'GoneError', message: EXPIRED_MESSAGE },
      request: { method: 'GET', url },
      response: { statusCode: 410 },
    });

    it('when the link expired, from that very millisecond', async () => {
      const knex = await databases.init(id);
      const { app, succeeded, link, clock, events } = await setup(knex);
      const runId = await succeeded();
      clock.now = EXPIRES;
      const url = link(runId);
      const res = await request(app).get(url);
      expect(res.status).toBe(410);
      expect(res.body).toEqual(goneBody(url));
      expect(await chunkCount(knex, runId)).toBe(0);
      expect(await statusOf(knex, runId)).toBe('expired');
      expect(events).toEqual([
        {
          eventId: 'report-download',
          severityLevel: 'medium',
          url: '/v1/downloads/[redacted]',
          meta: {
            runId,
            accountId: 'acme',
            reportType: 'form-submissions',
            fileName:
              'Acme Health (Mobile Form Submissions) 20261122 140500.csv',
            outcome: 'expired',
          },
          outcome: 'fail',
          error: `GoneError: ${EXPIRED_MESSAGE}`,
        },
      ]);
      // And so it stays.
      clock.now = new Date(EXPIRES.getTime() - 1);
      const again = await request(app).get(url);
      expect(again.status).toBe(410);
      expect(again.body).toEqual(goneBody(url));
    });

    it('when the run expired before its link says', async () => {
      const knex = await databases.init(id);
      const { app, succeeded, link, clock } = await setup(knex);
      const runId = await succeeded();
      clock.now = EXPIRES;
      // A link claiming a later expiry does not outlive the run.
      const url = link(runId, new Date(EXPIRES.getTime() + DAY));
      const res = await request(app).get(url);
      expect(res.status).toBe(410);
      expect(res.body).toEqual(goneBody(url));
      expect(await chunkCount(knex, runId)).toBe(0);
      expect(await statusOf(knex, runId)).toBe('expired');
    });

    it('when the cleanup already expired the run', async () => {
      const knex = await databases.init(id);
      const { app, link } = await setup(knex);
      const runId = await insertRun(knex, {
        accountId: 'acme',
        status: 'expired',
        expiresAt: EXPIRES,
      });
      const res = await request(app).get(link(runId));
      expect(res.status).toBe(410);
      expect(res.body.error.message).toBe(EXPIRED_MESSAGE);
    });

    it('says the configured lifetime', async () => {
      const knex = await databases.init(id);
      await migrateKnex(knex);
      await insertAccount(knex, { id: 'acme', name: 'Acme Health' });
      const tokens = new DownloadTokens([KEY]);
      const runId = await insertRun(knex, {
        accountId: 'acme',
        status: 'expired',
        expiresAt: EXPIRES,
      });
      const app = await apiApp(
        createDownloadRouter({
          tokens,
          runs: new ReportRunStore(knex),
          files: new FileChunkStore(knex),
          auditor: recordingAuditor().auditor,
          expiryMs: 72 * 3_600_000,
        }),
      );
      const res = await request(app).get(
        `/v1/downloads/${tokens.sign(runId, EXPIRES)}`,
      );
      expect(res.body.error.message).toBe(
        'This report has expired. Download links expire after 72 hours.',
      );
    });
  });
});

describe('download streaming', () => {
  it('reads no further ahead than the client takes, and stops when it leaves', async () => {
    const CHUNK = Buffer.alloc(64 * 1024, 'x');
    let read = 0;
    let finished = false;
    const files = {
      async *readChunks() {
        try {
          for (;;) {
            read += 1;
            yield CHUNK;
          }
        } finally {
          finished = true;
        }
      },
    } as unknown as FileChunkStore;
    const tokens = new DownloadTokens([KEY]);
    const runs = {
      records: {
        async get(runId: string) {
          return {
            id: runId,
            accountId: 'acme',
            type: 'sms-detail',
            name: 'SMS',
            status: 'succeeded',
            attempt: 1,
            expiresAt: EXPIRES,
            fileName: 'big.csv',
            byteSize: 1e12,
          };
        },
      },
    } as unknown as ReportRunStore;
    const { auditor, events } = recordingAuditor();
    const server = express()
      .use(
        await apiApp(
          createDownloadRouter({
            tokens,
            runs,
            files,
            auditor,
            expiryMs: DAY,
            now: () => new Date(EXPIRES.getTime() - DAY),
          }),
        ),
      )
      .listen(0);
    try {
      const { port } = server.address() as AddressInfo;
      const response = await new Promise<http.IncomingMessage>(resolve => {
        http
          .get(
            `http://127.0.0.1:${port}/v1/downloads/${tokens.sign(
              'big',
              EXPIRES,
            )}`,
            resolve,
          )
          .on('error', () => {});
      });
      expect(response.statusCode).toBe(200);
      response.pause();
      await new Promise(resolve => setTimeout(resolve, 500));
      // Socket buffers hold a few MB; a 1 TB file is not read ahead.
      expect(read).toBeLessThan(200);
      const readWhilePaused = read;
      await new Promise(resolve => setTimeout(resolve, 200));
      expect(read).toBe(readWhilePaused);

      response.destroy();
      await waitFor(() => finished);
      await waitFor(() => events[0]?.outcome !== 'open');
      expect(events[0]).toMatchObject({
        outcome: 'fail',
        meta: { runId: 'big', outcome: 'interrupted' },
      });
    } finally {
      server.close();
    }
  });
});

async function waitFor(condition: () => boolean) {
  for (let i = 0; i < 100 && !condition(); i++) {
    await new Promise(resolve => setTimeout(resolve, 20));
  }
  expect(condition()).toBe(true);
}
