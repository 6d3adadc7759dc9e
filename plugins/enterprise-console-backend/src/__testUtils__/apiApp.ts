import { mockErrorHandler } from '@backstage/backend-test-utils';
import express from 'express';
import { createApiRouter } from '../schema/createApiRouter';

/**
 * An app serving `router` as the plugin does: behind the validation against
 * openapi.yaml, with Backstage's error handler.
 */
export async function apiApp(router: express.Router): Promise<express.Express> {
  const api = await createApiRouter();
  api.use(router);
  return express().use(api).use(mockErrorHandler());
}
