import {
  ReportType,
  UsageMeter,
} from '@internal/plugin-enterprise-console-common';
import { ReportDefinition } from '../ReportDefinition';
import { SmsMessageStore } from '../sms/SmsMessageStore';
import { formSubmissionsReport } from './formSubmissions';
import { mobileWorkersReport } from './mobileWorkers';
import { odataFeedsReport } from './odataFeeds';
import { projectSpacesReport } from './projectSpaces';
import { createSmsDetailReport } from './smsDetail';
import { createTenantUsageReport } from './tenantUsage';
import { webUsersReport } from './webUsers';

export { createTenantUsageReport } from './tenantUsage';

/**
 * Every report a run can produce, by type, reading through the area's
 * stores (no definition makes a store of its own) and with the configured
 * usage meters.
 */
export function createReportDefinitions(deps: {
  sms: SmsMessageStore;
  usageMeters?: readonly UsageMeter[];
}): Readonly<Record<ReportType, ReportDefinition>> {
  return {
    'project-spaces': projectSpacesReport,
    'web-users': webUsersReport,
    'mobile-workers': mobileWorkersReport,
    'form-submissions': formSubmissionsReport,
    'odata-feeds': odataFeedsReport,
    'sms-detail': createSmsDetailReport(deps),
    'tenant-usage': createTenantUsageReport(deps.usageMeters ?? []),
  };
}
