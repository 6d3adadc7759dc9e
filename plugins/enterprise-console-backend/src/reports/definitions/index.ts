import { ConsoleReportType } from '@internal/plugin-enterprise-console-common';
import { ReportDefinition } from '../ReportDefinition';
import { formSubmissionsReport } from './formSubmissions';
import { mobileWorkersReport } from './mobileWorkers';
import { odataFeedsReport } from './odataFeeds';
import { projectSpacesReport } from './projectSpaces';
import { smsDetailReport } from './smsDetail';
import { webUsersReport } from './webUsers';

/** Every report a run can produce, by type. */
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
