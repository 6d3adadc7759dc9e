import {
  coreServices,
  createBackendModule,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { EnterpriseConsoleServiceClient } from '@internal/plugin-enterprise-console-node';
import { TenantEntityProvider } from './TenantEntityProvider';

const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 5 },
  timeout: { minutes: 3 },
  // The console backend must be serving before the first read.
  initialDelay: { seconds: 15 },
};

/**
 * Publishes Enterprise Console tenants into the catalog as `Resource`
 * entities of type `tenant`, refreshed on a schedule.
 *
 * @public
 */
export const catalogModuleEnterpriseConsoleTenants = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'enterprise-console-tenants',
  register(reg) {
    reg.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        scheduler: coreServices.scheduler,
        logger: coreServices.logger,
      },
      async init({ catalog, config, discovery, auth, scheduler, logger }) {
        const catalogConfig = config.getOptionalConfig(
          'enterpriseConsole.catalog',
        );
        const schedule = catalogConfig?.has('schedule')
          ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
              catalogConfig.getConfig('schedule'),
            )
          : DEFAULT_SCHEDULE;
        const provider = new TenantEntityProvider({
          client: new EnterpriseConsoleServiceClient({ discovery, auth }),
          logger,
          appBaseUrl: config.getString('app.baseUrl'),
          defaultOwner:
            catalogConfig?.getOptionalString('defaultOwner') ?? 'unknown',
        });
        catalog.addEntityProvider(provider);
        await scheduler.scheduleTask({
          id: `${provider.getProviderName()}:refresh`,
          ...schedule,
          fn: async signal => {
            await provider.refresh(signal);
          },
        });
      },
    });
  },
});
