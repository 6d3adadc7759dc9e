import {
  DiscoveryService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { Knex } from 'knex';
import { AccountStore } from '../../tenants/AccountStore';
import { ReportFileStore } from '../runs/ReportFileStore';
import { DownloadRouterDeps } from './createDownloadRouter';
import { DownloadTokens } from './DownloadTokens';
import { DownloadUrlFor, downloadUrlForPlugin } from './downloadUrlFor';
import {
  ExpiredReportCleanup,
  scheduleExpiredReportCleanup,
} from './ExpiredReportCleanup';
import { DownloadLinkConfig } from './readDownloadLinkConfig';
import { ReportDelivery } from './ReportDelivery';
import { ReportDownloadStore } from './ReportDownloadStore';

export { createDownloadRouter } from './createDownloadRouter';
export type { DownloadRouterDeps } from './createDownloadRouter';
export { DownloadTokens } from './DownloadTokens';
export type { DownloadTokenCheck } from './DownloadTokens';
export { createDownloadUrlFor, downloadUrlForPlugin } from './downloadUrlFor';
export type { DownloadUrlFor } from './downloadUrlFor';
export {
  ExpiredReportCleanup,
  scheduleExpiredReportCleanup,
} from './ExpiredReportCleanup';
export { readDownloadLinkConfig } from './readDownloadLinkConfig';
export type {
  DownloadLinkConfig,
  DownloadLinkKey,
} from './readDownloadLinkConfig';
export {
  REPORT_READY_IN_APP_TOPIC,
  REPORT_READY_TOPIC,
  ReportDelivery,
} from './ReportDelivery';
export { ReportDownloadStore } from './ReportDownloadStore';

/** Everything report delivery gives the rest of the plugin. */
export interface ReportDeliveryServices {
  /** How long links work, in ms: a succeeded run expires this long after it finished. */
  expiryMs: number;
  downloadUrlFor: DownloadUrlFor;
  delivery: ReportDelivery;
  /** For createRouter, which mounts the download route. */
  downloads: DownloadRouterDeps;
}

/**
 * Makes the token keys,
 * schedules the expiry cleanup and builds what the download route and the
 * notifications need.
 */
export async function setUpReportDelivery(options: {
  /** readDownloadLinkConfig's answer, read before anything else starts. */
  linkConfig: DownloadLinkConfig;
  logger: LoggerService;
  discovery: DiscoveryService;
  notifications: NotificationService;
  scheduler: SchedulerService;
  db: Knex;
  accounts: AccountStore;
  files?: ReportFileStore;
}): Promise<ReportDeliveryServices> {
  const { expiryMs, keys } = options.linkConfig;
  const tokens = DownloadTokens.fromKeys(keys, options.logger);
  const store = new ReportDownloadStore(options.db);
  const downloadUrlFor = await downloadUrlForPlugin(options.discovery, tokens);
  await scheduleExpiredReportCleanup({
    scheduler: options.scheduler,
    cleanup: new ExpiredReportCleanup({ store }),
    logger: options.logger,
  });
  return {
    expiryMs,
    downloadUrlFor,
    delivery: new ReportDelivery({
      notifications: options.notifications,
      accountName: async id => (await options.accounts.get(id))?.name,
      downloadUrlFor,
      expiryMs,
    }),
    downloads: {
      tokens,
      store,
      files: options.files ?? new ReportFileStore(options.db),
      expiryMs,
    },
  };
}
