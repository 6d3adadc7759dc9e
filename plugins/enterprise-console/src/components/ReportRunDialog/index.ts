export { ReportRunDialog } from './ReportRunDialog';
export { ReportQueuedNotice } from './ReportQueuedNotice';
export { rangeProblem } from './rangeProblem';
