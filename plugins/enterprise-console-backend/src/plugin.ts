import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  enterpriseConsoleClockServiceRef,
  enterpriseConsoleEntitlementsExtensionPoint,
  EnterpriseConsoleSeeder,
  enterpriseConsoleSeedExtensionPoint,
} from '@internal/plugin-enterprise-console-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { createAreas, mountAreas } from './areas';
import { checkFeatureKey, FeatureRegistrationEntry } from './billing';
import { migrateDatabase } from './database/migrateDatabase';
import { createAuthorizer } from './permissions/authorize';
import { registerResourceTypes } from './permissions/registerResourceTypes';
import { hideDownloadTokensFromRequestLog } from './reports/delivery';
import {
  readServicePermissions,
  restrictServicePrincipals,
} from './permissions/servicePrincipals';
import { runSeeders } from './seeding/runSeeders';

/**
 * The Enterprise Console backend plugin: it migrates the database, builds
 * the areas (`areas.ts`), seeds, and starts and stops the areas' work.
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
    const features: FeatureRegistrationEntry[] = [];
    reg.registerExtensionPoint(enterpriseConsoleEntitlementsExtensionPoint, {
      addFeature(feature, registration) {
        // A bad key fails the module's init, naming it.
        checkFeatureKey(feature);
        features.push({ feature, registration });
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
        clock: enterpriseConsoleClockServiceRef,
      },
      async init(deps) {
        const { config, httpRouter, httpAuth, logger, lifecycle } = deps;
        // Config errors surface before anything else starts.
        const servicePermissions = readServicePermissions(config);
        const db = await migrateDatabase(deps.database);
        registerResourceTypes(deps.permissionsRegistry, db);
        const permissions = restrictServicePrincipals(
          deps.permissions,
          servicePermissions,
        );
        const authorizer = createAuthorizer({
          httpAuth,
          permissions,
          permissionsRegistry: deps.permissionsRegistry,
          db,
        });

        const { areas, writer } = await createAreas({
          db,
          config,
          logger,
          scheduler: deps.scheduler,
          discovery: deps.discovery,
          notifications: deps.notifications,
          auditor: deps.auditor,
          httpAuth,
          authorizer,
          // Scheduled reports come due by it; tests replace the service.
          now: () => deps.clock.now(),
          features,
        });

        // Seed before serving, so the first page a user opens is populated,
        // and before workers start, so no run reads half-seeded data.
        await runSeeders(seeders, writer, logger);
        for (const area of areas) {
          await area.start?.();
        }
        lifecycle.addShutdownHook(async () => {
          for (const area of areas) {
            await area.stop?.();
          }
        });

        // Before everything else, so no answer logs a link, 404s included.
        httpRouter.use(hideDownloadTokensFromRequestLog());
        httpRouter.use(await mountAreas(areas));
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
