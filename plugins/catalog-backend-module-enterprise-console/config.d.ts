import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  enterpriseConsole?: {
    /**
     * How tenants are published into the software catalog.
     */
    catalog?: {
      /**
       * Owner of tenant entities whose account names no admin group.
       * Defaults to "unknown".
       */
      defaultOwner?: string;
      /**
       * How often tenants are re-read. Defaults to every 5 minutes, first
       * run 15 seconds after startup, timeout 3 minutes.
       */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    };
  };
}
