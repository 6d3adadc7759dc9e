import { ConsoleReportType } from '@internal/plugin-enterprise-console-common';
import { ReportDefinition } from '../ReportDefinition';
import { SmsMessageStore } from '../sms/SmsMessageStore';
import { formSubmissionsReport } from './formSubmissions';
import { mobileWorkersReport } from './mobileWorkers';
import { odataFeedsReport } from './odataFeeds';
import { projectSpacesReport } from './projectSpaces';
import { createSmsDetailReport } from './smsDetail';
import { webUsersReport } from './webUsers';

/**
 * Every report a run can produce, by type, reading through the area's
 * stores: no definition makes a store of its own.
 */
export function createReportDefinitions(stores: {
  sms: SmsMessageStore;
}): Readonly<Record<ConsoleReportType, ReportDefinition>> {
  return {
    'project-spaces': projectSpacesReport,
    'web-users': webUsersReport,
    'mobile-workers': mobileWorkersReport,
    'form-submissions': formSubmissionsReport,
    'odata-feeds': odataFeedsReport,
    'sms-detail': createSmsDetailReport(stores),
  };
}
