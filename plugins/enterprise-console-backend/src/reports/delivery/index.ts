export { createDownloadRouter } from './createDownloadRouter';
export type { DownloadRouterDeps } from './createDownloadRouter';
export { hideDownloadTokensFromRequestLog } from './downloadTokenRedaction';
export {
  ExpiredReportCleanup,
  expireRunFiles,
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
