import express, { Request } from 'express';
import { createOpenApiRouter, EndpointMap } from './openapi/generated';
import { TypedRouter } from '@backstage/backend-openapi-utils';
import { rejectNulCharacters } from './rejectNulCharacters';

/** The plugin's router, typed by openapi.yaml's endpoints. */
export type ApiRouter = TypedRouter<EndpointMap>;

/** Ingestion streams its bodies and authorizes before reading them. */
function isIngestion(req: Request): boolean {
  return req.path === '/v1/ingest' || req.path === '/v1/ingest/csv';
}

/**
 * The router every area's routes are mounted on, typed by the endpoint map
 * generated from openapi.yaml. Handlers validate their input themselves,
 * after authorization, so that a caller without access learns nothing from
 * a 400 and every 400 names its field in plain words; under test, every
 * answer is validated against openapi.yaml instead, so the file and the
 * code cannot drift apart field by field. Ingestion reads its own bodies
 * (NDJSON and CSV streams, JSON up to 32 MB). A NUL character anywhere in a
 * path, query or parsed body is refused here, once for every area.
 */
export async function createApiRouter(): Promise<ApiRouter> {
  return createOpenApiRouter({
    middleware: [
      express.json({
        limit: '1mb',
        type: req =>
          !isIngestion(req as Request) &&
          Boolean((req as Request).is(['application/json', '+json'])),
      }),
      rejectNulCharacters(),
    ],
    validatorOptions: {
      validateRequests: false,
      validateSecurity: false,
      validateResponses: process.env.NODE_ENV === 'test',
    },
  });
}
