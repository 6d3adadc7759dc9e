import { mockServices } from '@backstage/backend-test-utils';
import knexFactory from 'knex';
import { AccountStore } from '../../tenants/AccountStore';
import { createReportsArea } from '..';

/**
 * The reports area's router, for tests that list routes: its stores are
 * built on a database that is never queried, nothing is started.
 */
export async function reportsRouterOnly() {
  // The stores ask which database they are on; nothing more.
  const db = knexFactory({
    client: 'better-sqlite3',
    connection: ':memory:',
    useNullAsDefault: true,
  });
  try {
    const area = await createReportsArea({
      config: mockServices.rootConfig(),
      db,
      logger: mockServices.logger.mock(),
      scheduler: mockServices.scheduler.mock(),
      discovery: mockServices.discovery(),
      notifications: { send: async () => {} },
      auditor: mockServices.auditor.mock(),
      httpAuth: mockServices.httpAuth(),
      authorizer: {} as any, // only handed to the routers
      accounts: new AccountStore(db),
    });
    return area.router;
  } finally {
    await db.destroy();
  }
}
