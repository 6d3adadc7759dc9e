import {
  ConsoleReportType,
  ReportType,
  UsageMeter,
} from '@internal/plugin-enterprise-console-common';
import { ReportDefinition } from '../ReportDefinition';
import { formSubmissionsReport } from './formSubmissions';
import { mobileWorkersReport } from './mobileWorkers';
import { odataFeedsReport } from './odataFeeds';
import { projectSpacesReport } from './projectSpaces';
import { smsDetailReport } from './smsDetail';
import { createTenantUsageReport } from './tenantUsage';
import { webUsersReport } from './webUsers';

export { createTenantUsageReport } from './tenantUsage';

/** Every console report, by type. */
export const reportDefinitions: Readonly<
  Record<ConsoleReportType, ReportDefinition>
> = {
  'project-spaces': projectSpacesReport,
  'web-users': webUsersReport,
  'mobile-workers': mobileWorkersReport,
  'form-submissions': formSubmissionsReport,
  'odata-feeds': odataFeedsReport,
  'sms-detail': smsDetailReport,
};

/** Every report a run can produce, by type, with the configured usage meters. */
export function createReportDefinitions(
  usageMeters: readonly UsageMeter[],
): Readonly<Record<ReportType, ReportDefinition>> {
  return {
    ...reportDefinitions,
    'tenant-usage': createTenantUsageReport(usageMeters),
  };
}
