import {
  CreateReportRunRequest,
  CsvDelimiter,
  TENANT_USAGE_REPORT_TYPE,
  TenantFilter,
  TenantUsagePeriod,
} from '@internal/plugin-enterprise-console-common';
import { daysCovered, isDate } from '../../lib/dates';
import { DateRangeValue } from '../DateRangeFields';

/** The longest name and description the server takes (openapi.yaml). */
export const MAX_NAME_LENGTH = 200;
export const MAX_DESCRIPTION_LENGTH = 1000;
/** reports.md: a custom period spans at most 366 days. */
export const MAX_CUSTOM_DAYS = 366;

/** Which tenants a usage report covers. */
export type UsageReportTenants =
  | { tenantIds: string[] }
  | { filter: TenantFilter };

/** The dialog's fields. */
export interface UsageReportForm {
  name: string;
  description: string;
  delimiter: CsvDelimiter;
  period: TenantUsagePeriod;
  custom: DateRangeValue;
}

/** Why the form cannot be sent yet, field by field (the server decides too). */
export function usageReportProblems(form: UsageReportForm): {
  name?: string;
  description?: string;
  custom?: string;
} {
  const problems: ReturnType<typeof usageReportProblems> = {};
  if (!form.name.trim()) {
    problems.name = 'A name is required.';
  } else if (form.name.length > MAX_NAME_LENGTH) {
    problems.name = `At most ${MAX_NAME_LENGTH} characters.`;
  }
  if (form.description.length > MAX_DESCRIPTION_LENGTH) {
    problems.description = `At most ${MAX_DESCRIPTION_LENGTH} characters.`;
  }
  if (form.period === 'custom') {
    const { from, to } = form.custom;
    if (!isDate(from) || !isDate(to)) {
      problems.custom = 'Choose both dates.';
    } else if (from > to) {
      problems.custom = 'The start date is after the end date.';
    } else if (daysCovered(from, to) > MAX_CUSTOM_DAYS) {
      problems.custom = `A custom period covers at most ${MAX_CUSTOM_DAYS} days.`;
    }
  }
  return problems;
}

/** The report run the form asks for, for the account and tenants given. */
export function usageReportRequest(
  form: UsageReportForm,
  accountId: string,
  tenants: UsageReportTenants,
): CreateReportRunRequest {
  const request: CreateReportRunRequest = {
    accountId,
    type: TENANT_USAGE_REPORT_TYPE,
    name: form.name.trim(),
    delimiter: form.delimiter,
    period: form.period,
    ...tenants,
  };
  if (form.description.trim()) request.description = form.description.trim();
  if (form.period === 'custom') {
    request.from = form.custom.from;
    request.to = form.custom.to;
  }
  return request;
}
