export { UsageReportDialog } from './UsageReportDialog';
export { UsageReportButton } from './UsageReportButton';
