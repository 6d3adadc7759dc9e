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
import {
  readDownloadLinkConfig,
  setUpReportDelivery,
} from './reports/delivery';
import {
  readReportRunConfig,
  ReportFileStore,
  setUpReportRuns,
} from './reports/runs';
import { reportDefinitions } from './reports/definitions';
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
        const downloadLinks = readDownloadLinkConfig(config);
        const reportRunConfig = readReportRunConfig(config);
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

        const reportFiles = new ReportFileStore(knex);
        const reportDelivery = await setUpReportDelivery({
          linkConfig: downloadLinks,
          logger,
          discovery,
          notifications,
          scheduler,
          db: knex,
          accounts,
          files: reportFiles,
        });
        const reportRuns = setUpReportRuns({
          config: reportRunConfig,
          db: knex,
          accounts,
          files: reportFiles,
          definitions: reportDefinitions,
          logger,
          linkExpiryMs: reportDelivery.expiryMs,
          downloadUrlFor: reportDelivery.downloadUrlFor,
          onSucceeded: run => reportDelivery.delivery.deliver(run),
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
        reportRuns.worker.start();
        lifecycle.addShutdownHook(() => reportRuns.worker.stop());

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
            downloads: reportDelivery.downloads,
            reportRuns: reportRuns.service,
            db: knex,
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
