import {
  BackendFeature,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  NotificationSendOptions,
  notificationService,
} from '@backstage/plugin-notifications-node';
import { JsonObject } from '@backstage/config';
import { createSeedModule } from '@internal/plugin-enterprise-console-node/testUtils';
import { Knex } from 'knex';
import { upsertTenants } from '../../../__testUtils__/upsertTenants';
import { enterpriseConsolePlugin } from '../../../plugin';

/** Seeds the enterprise account acme with tenants acme-a and acme-b. */
export const acmeReplicaSeed = createSeedModule(
  'replica-seed',
  async writer => {
    await writer.upsertAccount({
      id: 'acme',
      name: 'Acme Health',
      enterprise: true,
    });
    await upsertTenants(writer, 'acme', ['acme-a', 'acme-b']);
  },
);

/**
 * The whole plugin as one backend replica on `knex` (the replica's own
 * pool), seeded by `seed`, with `reports` as its enterpriseConsole.reports
 * config and `config` besides; its notifications go to `send`. `features`
 * add to the backend, e.g. service factories replacing defaults.
 */
export function startReplicaBackend(options: {
  knex: Knex;
  seed: BackendFeature;
  reports: JsonObject;
  config?: JsonObject;
  send?: (notification: NotificationSendOptions) => Promise<void>;
  features?: BackendFeature[];
}) {
  const send = options.send ?? (async () => {});
  return startTestBackend({
    features: [
      enterpriseConsolePlugin,
      options.seed,
      mockServices.database.factory({ knex: options.knex }),
      createServiceFactory({
        service: notificationService,
        deps: {},
        factory: () => ({ send }),
      }),
      mockServices.rootConfig.factory({
        data: {
          ...options.config,
          enterpriseConsole: { reports: options.reports },
        },
      }),
      ...(options.features ?? []),
    ],
  });
}
