export { DateRangeFields } from './DateRangeFields';
export type { DateRangeValue } from './DateRangeFields';
