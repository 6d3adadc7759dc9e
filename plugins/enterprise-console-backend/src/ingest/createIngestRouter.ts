import { AuditorService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  enterpriseConsoleDataIngestPermission,
  IngestResult,
  TENANT_DATA_RECORD_TYPES,
} from '@internal/plugin-enterprise-console-common';
import express, { Request, Response } from 'express';
import Router from 'express-promise-router';
import { audited } from '../lib/audited';
import { Authorizer } from '../permissions/authorize';
import { slug } from '../lib/validation';
import { IngestionService, IngestItem } from './IngestionService';
import { readCsvRecords } from './readCsv';
import { readNdjsonRecords } from './readNdjson';
import { isRecordType } from './recordTypes';

/** Most records one JSON body may hold; larger loads go as NDJSON. */
export const MAX_JSON_RECORDS = 10_000;

const NDJSON_TYPES = ['application/x-ndjson', 'application/ndjson'];
const CSV_TYPES = ['text/csv', 'application/csv', 'text/plain'];

// 10,000 records of a few hundred bytes each, with room to spare.
const parseJson = express.json({ limit: '32mb' });

/** Runs the JSON body parser after authorization, turning its errors into 400s. */
async function readJsonBody(req: Request, res: Response): Promise<unknown> {
  await new Promise<void>((resolve, reject) => {
    parseJson(req, res, error => (error ? reject(error) : resolve()));
  }).catch(error => {
    if (error?.type === 'entity.parse.failed') {
      throw new InputError(`The body is not valid JSON: ${error.message}`);
    }
    throw error; // too large (413), bad charset (415): already client errors
  });
  return req.body;
}

function recordsOfJsonBody(body: unknown): unknown[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new InputError('The body must be a JSON object { "records": [...] }');
  }
  const unknown = Object.keys(body).filter(key => key !== 'records');
  if (unknown.length > 0) {
    throw new InputError(
      `Invalid body: unknown field${unknown.length > 1 ? 's' : ''} ${unknown
        .map(key => key.slice(0, 100))
        .join(', ')}`,
    );
  }
  const records = (body as { records?: unknown }).records;
  if (!Array.isArray(records)) {
    throw new InputError('Invalid body: records must be an array');
  }
  if (records.length > MAX_JSON_RECORDS) {
    throw new InputError(
      `Invalid body: records may hold at most ${MAX_JSON_RECORDS} records per call, got ${records.length}; send larger loads as application/x-ndjson`,
    );
  }
  return records;
}

/** Ingestion routes: JSON, NDJSON and CSV, all through one IngestionService. */
export function createIngestRouter(options: {
  /** Service principals pass only while servicePermissions grants data.ingest. */
  authorizer: Authorizer;
  auditor: AuditorService;
  ingestion: IngestionService;
}) {
  const { authorizer, auditor, ingestion } = options;
  const router = Router();

  /** One ingestion, audited as data-ingest with its format and counts. */
  const auditedIngest = (
    req: Request,
    format: 'json' | 'ndjson' | 'csv',
    work: () => Promise<IngestResult>,
  ): Promise<IngestResult> =>
    audited(
      auditor,
      {
        eventId: 'data-ingest',
        severityLevel: 'medium',
        request: req,
        meta: { queryType: format },
      },
      async () => {
        await authorizer.authorize(req, enterpriseConsoleDataIngestPermission);
        const result = await work();
        return {
          value: result,
          meta: {
            accepted: result.accepted,
            unchanged: result.unchanged,
            rejected: result.rejectedCount,
          },
        };
      },
    );

  router.post('/v1/ingest', async (req, res) => {
    if (req.is(NDJSON_TYPES)) {
      res.json(
        await auditedIngest(req, 'ndjson', () =>
          ingestion.ingest(readNdjsonRecords(req)),
        ),
      );
      return;
    }
    if (req.is(['application/json', '+json'])) {
      res.json(
        await auditedIngest(req, 'json', async () => {
          const records = recordsOfJsonBody(await readJsonBody(req, res));
          const items: IngestItem[] = records.map(value => ({ value }));
          return ingestion.ingest(items, { atomic: true });
        }),
      );
      return;
    }
    await authorizer.authorize(req, enterpriseConsoleDataIngestPermission);
    throw new InputError(
      req.headers['content-type']
        ? `Unsupported content type ${String(req.headers['content-type']).slice(
            0,
            100,
          )}; send application/json or application/x-ndjson`
        : 'The body is empty or has no content type; send application/json or application/x-ndjson',
    );
  });

  router.post('/v1/ingest/csv', async (req, res) => {
    res.json(
      await auditedIngest(req, 'csv', async () => {
        const { type, tenantId } = req.query;
        if (!isRecordType(type)) {
          throw new InputError(
            `Invalid query: type must be one of ${TENANT_DATA_RECORD_TYPES.join(
              ', ',
            )}`,
          );
        }
        if (tenantId !== undefined && !slug.safeParse(tenantId).success) {
          throw new InputError(
            'Invalid query: tenantId must be lowercase letters, digits and inner hyphens, 1 to 63 characters',
          );
        }
        if (!req.is(CSV_TYPES)) {
          throw new InputError(
            'Unsupported content type; send text/csv with a header row',
          );
        }
        return ingestion.ingest(
          readCsvRecords(req, type, tenantId as string | undefined),
        );
      }),
    );
  });

  return router;
}
