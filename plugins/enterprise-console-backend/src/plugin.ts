import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  EnterpriseConsoleSeeder,
  enterpriseConsoleSeedExtensionPoint,
} from '@internal/plugin-enterprise-console-node';
import { migrateDatabase } from './database/migrateDatabase';
import { createRouter } from './router';
import { runSeeders } from './seeding/runSeeders';
import { AccountStore } from './tenants/AccountStore';
import { TenantDataWriter } from './tenants/TenantDataWriter';
import { TenantStore } from './tenants/TenantStore';

/**
 * The Enterprise Console backend plugin.
 *
 * @public
 */
export const enterpriseConsolePlugin = createBackendPlugin({
  pluginId: 'enterprise-console',
  register(reg) {
    const seeders: EnterpriseConsoleSeeder[] = [];
    reg.registerExtensionPoint(enterpriseConsoleSeedExtensionPoint, {
      addSeeder(seeder) {
        seeders.push(seeder);
      },
    });

    reg.registerInit({
      deps: {
        database: coreServices.database,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        logger: coreServices.logger,
      },
      async init({ database, httpRouter, httpAuth, logger }) {
        const knex = await migrateDatabase(database);
        const accounts = new AccountStore(knex);
        const tenants = new TenantStore(knex);

        // Seed before serving, so the first page a user opens is populated.
        await runSeeders(
          seeders,
          new TenantDataWriter(accounts, tenants),
          logger,
        );

        httpRouter.use(await createRouter({ httpAuth, accounts }));
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
