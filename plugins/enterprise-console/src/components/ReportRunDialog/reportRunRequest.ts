import {
  CONSOLE_REPORT_TYPE,
  CreateReportRunRequest,
  CsvDelimiter,
  ReportType,
  SmsDetailFilters,
} from '@internal/plugin-enterprise-console-common';
import { DateRangeValue } from '../DateRangeFields';

/**
 * The body of an emailed run. A range goes to `from`/`to`, except for the
 * SMS report, whose range is its date-of-message filter.
 */
export function reportRunRequest(options: {
  accountId: string;
  type: ReportType;
  delimiter: CsvDelimiter;
  range?: DateRangeValue;
  filters?: SmsDetailFilters;
}): CreateReportRunRequest {
  const { accountId, type, delimiter, range, filters } = options;
  const request: CreateReportRunRequest = {
    accountId,
    type,
    delimiter,
    email: true,
  };
  if (type === CONSOLE_REPORT_TYPE.smsDetail) {
    const messageRange = range
      ? { messageFrom: range.from, messageTo: range.to }
      : {};
    if (filters || range) request.filters = { ...filters, ...messageRange };
  } else if (range) {
    request.from = range.from;
    request.to = range.to;
  }
  return request;
}
