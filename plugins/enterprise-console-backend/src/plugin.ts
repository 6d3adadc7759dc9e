import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  EnterpriseConsoleSeeder,
  enterpriseConsoleSeedExtensionPoint,
} from '@internal/plugin-enterprise-console-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { migrateDatabase } from './database/migrateDatabase';
import { IngestionService } from './ingest/IngestionService';
import { createAuthorizer } from './permissions/authorize';
import { registerResourceTypes } from './permissions/registerResourceTypes';
import {
  readServicePermissions,
  restrictServicePrincipals,
} from './permissions/servicePrincipals';
import { TenantDataStore } from './ingest/TenantDataStore';
import { createReportsArea } from './reports';
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
        discovery: coreServices.discovery,
        notifications: notificationService,
        lifecycle: coreServices.lifecycle,
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
        discovery,
        notifications,
        lifecycle,
      }) {
        // Config errors surface before anything else starts.
        const servicePermissions = readServicePermissions(config);
        const knex = await migrateDatabase(database);
        registerResourceTypes(permissionsRegistry, knex);
        const restrictedPermissions = restrictServicePrincipals(
          permissions,
          servicePermissions,
        );
        const authorizer = createAuthorizer({
          httpAuth,
          permissions: restrictedPermissions,
          permissionsRegistry,
          db: knex,
        });
        const accounts = new AccountStore(knex);
        const tenants = new TenantStore(knex);
        const overviews = new TenantOverviewStore(knex);
        const ingestion = new IngestionService(knex, new TenantDataStore(knex));
        const writer = new TenantDataWriter(accounts, tenants, ingestion);
        const { settings, tenantCreation } = createSettingsServices({
          db: knex,
          config,
          permissions: restrictedPermissions,
          accounts,
          tenants,
        });

        const reports = await createReportsArea({
          config,
          db: knex,
          logger,
          scheduler,
          discovery,
          notifications,
          auditor,
          httpAuth,
          authorizer,
          accounts,
        });

        // Seed before serving, so the first page a user opens is populated.
        await runSeeders(seeders, writer, logger);

        await scheduleUserCountSnapshots({
          scheduler,
          snapshots: new UserCountSnapshots(knex),
          logger,
        });

        // After seeding, so no run reads half-seeded data. A stopping
        // replica hands its runs back to the queue for the others.
        reports.start();
        lifecycle.addShutdownHook(() => reports.stop());

        httpRouter.use(
          await createRouter({
            httpAuth,
            permissions: restrictedPermissions,
            authorizer,
            auditor,
            accounts,
            tenants,
            overviews,
            ingestion,
            writer,
            settings,
            tenantCreation,
            reports: reports.router,
          }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
        // Signed links from emails and notifications: the token is the credential.
        httpRouter.addAuthPolicy({
          path: '/v1/downloads',
          allow: 'unauthenticated',
        });
      },
    });
  },
});
