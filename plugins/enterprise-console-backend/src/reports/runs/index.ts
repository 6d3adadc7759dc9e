export { createReportRunsRouter } from './createReportRunsRouter';
export {
  DEFAULT_REPORT_RUN_CONFIG,
  readReportRunConfig,
} from './readReportRunConfig';
export type { ReportRunConfig } from './readReportRunConfig';
export { ReportRunService } from './ReportRunService';
export type { ReportRunCaller } from './ReportRunService';
export type {
  ReportRunEnqueueRequest,
  ReportRunListQuery,
  ReportRunRequest,
  ScheduledRunContext,
} from './reportRunRequests';
export { ReportRunStore } from './ReportRunStore';
export type { ReportRunRecord } from './ReportRunStore';
export { ReportWorker } from './ReportWorker';
