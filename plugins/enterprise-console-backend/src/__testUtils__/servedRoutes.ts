import { mockServices } from '@backstage/backend-test-utils';
import Knex from 'knex';
import { createAreas, mountAreas } from '../areas';
import { routesOf } from './routesOf';

/**
 * "METHOD /path" of every route the plugin serves, from the real areas built
 * over an in-memory database that is never queried.
 */
export async function servedRoutes(): Promise<string[]> {
  const db = Knex({
    client: 'better-sqlite3',
    connection: ':memory:',
    useNullAsDefault: true,
  });
  try {
    const { areas } = await createAreas({
      db,
      config: mockServices.rootConfig(),
      logger: mockServices.logger.mock(),
      scheduler: mockServices.scheduler.mock(),
      discovery: mockServices.discovery(),
      notifications: { send: async () => {} },
      auditor: mockServices.auditor.mock(),
      httpAuth: mockServices.httpAuth(),
      authorizer: {} as any, // only handed to the routers here
    });
    return routesOf(await mountAreas(areas)).filter(
      // The validator's own route, which openapi.yaml need not describe.
      route => route !== 'GET /openapi.json',
    );
  } finally {
    await db.destroy();
  }
}
