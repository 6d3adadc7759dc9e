export { UsageReportDialog } from './UsageReportDialog';
