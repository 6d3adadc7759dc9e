export { ReportsTab } from './ReportsTab';
