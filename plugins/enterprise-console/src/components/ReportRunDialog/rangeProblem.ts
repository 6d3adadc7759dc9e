import { daysCovered, isDate } from '../../lib/dates';
import { DateRangeValue } from '../DateRangeFields';

/**
 * A hint about a range the server will refuse; the server still decides,
 * and its message is shown when it does.
 */
export function rangeProblem(range: DateRangeValue): string | undefined {
  if (!isDate(range.from) || !isDate(range.to)) {
    return 'Choose both dates.';
  }
  if (range.from > range.to) {
    return 'The start date is after the end date.';
  }
  if (daysCovered(range.from, range.to) > 90) {
    return 'The server accepts ranges of at most 90 days.';
  }
  return undefined;
}
