import { AuditorService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import express from 'express';
import Router from 'express-promise-router';
import { DownloadTokens, FileChunkStore, sendStoredFile } from '../../files';
import { ReportRunRecord, ReportRunStore } from '../runs/ReportRunStore';
import { expireRunFiles } from './ExpiredReportCleanup';
import { describeLinkLifetime } from './readDownloadLinkConfig';
import { redactDownloadToken } from './downloadTokenRedaction';

/** The one answer for every link that does not lead to a file, so none leaks why. */
export const DOWNLOAD_NOT_FOUND_MESSAGE = 'Download link not found';

/** reports.md: the 410 of an expired link. */
export function expiredReportMessage(expiryMs: number): string {
  return `This report has expired. Download links expire after ${describeLinkLifetime(
    expiryMs,
  )}.`;
}

/** What the download route works with, besides the auditor. */
export interface DownloadRouterDeps {
  tokens: DownloadTokens;
  runs: ReportRunStore;
  files: FileChunkStore;
  /** The configured link lifetime, for the 410 message. */
  expiryMs: number;
  now?: () => Date;
}

/** @backstage/errors has no 410; named in the same way as its classes. */
class GoneError extends Error {
  name = 'GoneError';
}

/**
 * `GET /v1/downloads/:token` (api.md): the file of a succeeded run for
 * anyone holding its signed link, no portal session needed (the plugin
 * allows the path unauthenticated).
 *
 * - not a token we signed, an unknown run, a run without a file: 404;
 * - expired (token, run expiry or status): 410, and the file goes now;
 * - otherwise: 200, the file streamed chunk by chunk.
 *
 * Every answer is audited. The audit records the path with the token
 * redacted: a live link in the audit log would let its readers download.
 */
export function createDownloadRouter(
  options: DownloadRouterDeps & { auditor: AuditorService },
): express.Router {
  const { tokens, runs, files, auditor, expiryMs } = options;
  const now = options.now ?? (() => new Date());
  const router = Router();

  router.get('/v1/downloads/:token', async (req, res) => {
    const auditedRequest = withRedactedUrl(req);
    const check = tokens.verify(req.params.token, now());
    const run = check && (await runs.records.get(check.fileId));
    const meta = run
      ? {
          runId: run.id,
          accountId: run.accountId,
          reportType: run.type,
          fileName: run.fileName ?? null,
        }
      : { runId: check?.fileId ?? null };
    const event = await auditor.createEvent({
      eventId: 'report-download',
      severityLevel: 'medium',
      request: auditedRequest,
      meta,
    });

    const refuse = async (error: Error, outcome: string) => {
      await event.fail({ error, meta: { ...meta, outcome } });
      if (error instanceof GoneError) {
        res.status(410).json({
          error: { name: error.name, message: error.message },
          request: { method: req.method, url: req.originalUrl },
          response: { statusCode: 410 },
        });
        return;
      }
      throw error;
    };

    if (!check) {
      return refuse(
        new NotFoundError(DOWNLOAD_NOT_FOUND_MESSAGE),
        'invalid-token',
      );
    }
    const at = now();
    const runExpired =
      run !== undefined &&
      (run.status === 'expired' ||
        (run.status === 'succeeded' &&
          run.expiresAt !== undefined &&
          run.expiresAt.getTime() <= at.getTime()));
    if (check.status === 'expired' || runExpired) {
      if (run && runExpired) {
        await expireRunFiles(runs, files, [run.id]);
      }
      return refuse(new GoneError(expiredReportMessage(expiryMs)), 'expired');
    }
    if (!run || run.status !== 'succeeded') {
      return refuse(
        new NotFoundError(DOWNLOAD_NOT_FOUND_MESSAGE),
        run ? `run-${run.status}` : 'unknown-run',
      );
    }
    return send(run);

    async function send(file: ReportRunRecord) {
      try {
        await sendStoredFile(res, files, {
          id: file.id,
          attempt: file.attempt,
          fileName: file.fileName ?? 'report.csv',
          contentType: 'text/csv; charset=utf-8',
          byteSize: file.byteSize,
        });
      } catch (error) {
        // The headers are out; the response was cut.
        await event.fail({
          error: error as Error,
          meta: { ...meta, outcome: 'interrupted' },
        });
        return;
      }
      await event.success({
        meta: {
          ...meta,
          outcome: 'downloaded',
          byteSize: file.byteSize ?? null,
        },
      });
    }
  });

  return router;
}

/**
 * The request as the auditor sees it: the same request, with the token in
 * its URL replaced.
 */
function withRedactedUrl(req: express.Request): express.Request {
  const originalUrl = redactDownloadToken(req.originalUrl);
  return Object.create(req, {
    originalUrl: { value: originalUrl, enumerable: true },
    url: { value: originalUrl, enumerable: true },
  });
}
