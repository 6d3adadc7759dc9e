export { createSmsRouter } from './createSmsRouter';
export { SmsMessageStore, SMS_SORTS } from './SmsMessageStore';
export type { SmsSort, SortOrder } from './SmsMessageStore';
export {
  resolveSmsFilters,
  parseSmsFilters,
  toSmsDetailFilters,
  filteredMessages,
} from './smsFilters';
export type { SmsFilter } from './smsFilters';
