export { SmsTab } from './SmsTab';
