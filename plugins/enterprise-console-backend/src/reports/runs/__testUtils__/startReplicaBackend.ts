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
import { Knex } from 'knex';
import { enterpriseConsolePlugin } from '../../../plugin';

/**
 * The whole plugin as one backend replica on `knex` (the replica's own
 * pool), seeded by `seed`, with `reports` as its enterpriseConsole.reports
 * config; its notifications go to `send`.
 */
export function startReplicaBackend(options: {
  knex: Knex;
  seed: BackendFeature;
  reports: JsonObject;
  send?: (notification: NotificationSendOptions) => Promise<void>;
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
        data: { enterpriseConsole: { reports: options.reports } },
      }),
    ],
  });
}
