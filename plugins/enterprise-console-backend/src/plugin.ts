import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { enterpriseConsolePermissions } from '@internal/plugin-enterprise-console-common';
import {
  EnterpriseConsoleSeeder,
  enterpriseConsoleSeedExtensionPoint,
} from '@internal/plugin-enterprise-console-node';
import { migrateDatabase } from './database/migrateDatabase';
import { IngestionService } from './ingest/IngestionService';
import { TenantDataStore } from './ingest/TenantDataStore';
import { createRouter } from './router';
import { runSeeders } from './seeding/runSeeders';
import { createSettingsServices } from './settings';
import {
  scheduleUserCountSnapshots,
  UserCountSnapshots,
} from './snapshots/UserCountSnapshots';
import { AccountStore } from './tenants/AccountStore';
import { TenantDataWriter } from './tenants/TenantDataWriter';
import { TenantOverviewStore } from './tenants/TenantOverviewStore';
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
        config: coreServices.rootConfig,
        database: coreServices.database,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        logger: coreServices.logger,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
        scheduler: coreServices.scheduler,
      },
      async init({
        config,
        database,
        httpRouter,
        httpAuth,
        logger,
        permissions,
        permissionsRegistry,
        auditor,
        scheduler,
      }) {
        permissionsRegistry.addPermissions(enterpriseConsolePermissions);

        const knex = await migrateDatabase(database);
        const accounts = new AccountStore(knex);
        const tenants = new TenantStore(knex);
        const overviews = new TenantOverviewStore(knex);
        const ingestion = new IngestionService(knex, new TenantDataStore(knex));
        const writer = new TenantDataWriter(accounts, tenants, ingestion);
        const { settings, tenantCreation } = createSettingsServices({
          db: knex,
          config,
          permissions,
          accounts,
          tenants,
        });

        // Seed before serving, so the first page a user opens is populated.
        await runSeeders(seeders, writer, logger);

        await scheduleUserCountSnapshots({
          scheduler,
          snapshots: new UserCountSnapshots(knex),
          logger,
        });

        httpRouter.use(
          await createRouter({
            httpAuth,
            permissions,
            auditor,
            accounts,
            tenants,
            overviews,
            ingestion,
            writer,
            settings,
            tenantCreation,
          }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
