import { UsageMeter } from '../ingest';

/*
 * The reports of reports.md (the enterprise console reports and the tenant
 * usage report): their exact headers, in order, and how each column is
 * written. The backend's CSV writer formats cells by column kind; the
 * frontend shows the same titles.
 */

/**
 * The six enterprise console reports by name. Each is also a dashboard
 * tile, whose total counts the rows its report would have; code names a
 * report or tile through these rather than a string of its own.
 *
 * @public
 */
export const CONSOLE_REPORT_TYPE = {
  projectSpaces: 'project-spaces',
  webUsers: 'web-users',
  mobileWorkers: 'mobile-workers',
  formSubmissions: 'form-submissions',
  odataFeeds: 'odata-feeds',
  smsDetail: 'sms-detail',
} as const;

/**
 * The six enterprise console reports.
 *
 * @public
 */
export type ConsoleReportType =
  (typeof CONSOLE_REPORT_TYPE)[keyof typeof CONSOLE_REPORT_TYPE];

/**
 * The tenant usage report (reports.md, "Tenant usage reports"): not a
 * console tile, and its columns end with one per configured usage meter.
 *
 * @public
 */
export const TENANT_USAGE_REPORT_TYPE = 'tenant-usage' as const;

/**
 * Every report type a run can have.
 *
 * @public
 */
export type ReportType = ConsoleReportType | typeof TENANT_USAGE_REPORT_TYPE;

/**
 * The console report types in dashboard order.
 *
 * @public
 */
export const CONSOLE_REPORT_TYPES: readonly ConsoleReportType[] = [
  CONSOLE_REPORT_TYPE.projectSpaces,
  CONSOLE_REPORT_TYPE.webUsers,
  CONSOLE_REPORT_TYPE.mobileWorkers,
  CONSOLE_REPORT_TYPE.formSubmissions,
  CONSOLE_REPORT_TYPE.odataFeeds,
  CONSOLE_REPORT_TYPE.smsDetail,
];

/**
 * How a column's cells are written (reports.md, CSV format):
 * - `text`: as given, formula-neutralised;
 * - `time`: `YYYY-MM-DD HH:mm:ss` in UTC;
 * - `count`: an integer;
 * - `money`: integer ten-thousandths written with two decimals;
 * - `money4`: integer ten-thousandths written with four decimals
 *   (per-message SMS charges);
 * - `boolean`: `Yes` / `No`;
 * - `quantity`: integer ten-thousandths written as a decimal without
 *   trailing zeros (`12.5`, `3`), as ingestion answers quantities.
 * Missing values are always written as an empty cell.
 *
 * @public
 */
export type ReportColumnKind =
  | 'text'
  | 'time'
  | 'count'
  | 'money'
  | 'money4'
  | 'boolean'
  | 'quantity';

/**
 * One column of a report.
 *
 * @public
 */
export interface ReportColumn {
  header: string;
  kind: ReportColumnKind;
}

/**
 * What the console and the file name call a report, and its columns.
 *
 * @public
 */
export interface ConsoleReportDefinition {
  type: ConsoleReportType;
  /** The tile's label, e.g. `# of Project Spaces`. */
  tileTitle: string;
  /** The report's title, used in the file name and the run history. */
  title: string;
  /** Whether the report (and its tile) takes a date range. */
  takesDateRange: boolean;
  columns: readonly ReportColumn[];
}

const text = (header: string): ReportColumn => ({ header, kind: 'text' });
const time = (header: string): ReportColumn => ({ header, kind: 'time' });
const count = (header: string): ReportColumn => ({ header, kind: 'count' });

/**
 * The three columns every per-tenant row ends with.
 *
 * @public
 */
export const TENANT_COLUMNS: readonly ReportColumn[] = [
  text('Project Space Name'),
  text('Project Name'),
  text('Project URL'),
];

/**
 * The console reports by type.
 *
 * @public
 */
export const CONSOLE_REPORTS: Readonly<
  Record<ConsoleReportType, ConsoleReportDefinition>
> = {
  'project-spaces': {
    type: 'project-spaces',
    tileTitle: '# of Project Spaces',
    title: 'Project Spaces',
    takesDateRange: false,
    columns: [
      time('Date created'),
      count('# of applications'),
      count('# of mobile users'),
      count('# of web users'),
      count('# of SMS (last 30 days)'),
      time('Last Form Submission [UTC]'),
      ...TENANT_COLUMNS,
    ],
  },
  'web-users': {
    type: 'web-users',
    tileTitle: '# of Web Users',
    title: 'Web Users',
    takesDateRange: false,
    columns: [
      text('Email Address'),
      text('Name'),
      text('Role'),
      // Invitations write N/A here, so these are text, not time, cells;
      // the report formats the times of active users itself.
      text('Last Login [UTC]'),
      text('Last Access Date [UTC]'),
      text('Status'),
      ...TENANT_COLUMNS,
    ],
  },
  'mobile-workers': {
    type: 'mobile-workers',
    tileTitle: '# of Mobile Workers',
    title: 'Mobile Workers',
    takesDateRange: false,
    columns: [
      text('Username'),
      text('Name'),
      text('Email Address'),
      text('Role'),
      time('Created Date [UTC]'),
      time('Last Sync [UTC]'),
      time('Last Submission [UTC]'),
      text('App Version'),
      text('User ID'),
      ...TENANT_COLUMNS,
    ],
  },
  'form-submissions': {
    type: 'form-submissions',
    tileTitle: '# of Mobile Form Submissions',
    title: 'Mobile Form Submissions',
    takesDateRange: true,
    columns: [
      text('Form Name'),
      time('Submitted [UTC]'),
      text('App Name'),
      text('Mobile User'),
      ...TENANT_COLUMNS,
    ],
  },
  'odata-feeds': {
    type: 'odata-feeds',
    tileTitle: '# of OData Feeds',
    title: 'OData Feeds',
    takesDateRange: false,
    columns: [
      count('Odata Feeds used'),
      count('Odata Feeds available'),
      text('Report Names'),
      // A count, or the "too many feeds" message in place of one.
      { header: 'Number of rows', kind: 'count' },
      ...TENANT_COLUMNS,
    ],
  },
  'sms-detail': {
    type: 'sms-detail',
    tileTitle: '# of SMS',
    title: 'SMS Detailed Report',
    takesDateRange: true,
    columns: [
      time('Date of Message'),
      text('Project Space Name'),
      text('Direction'),
      count('SMS Parts'),
      text('Gateway'),
      { header: 'Gateway Charge', kind: 'money4' },
      { header: 'Usage Charge', kind: 'money4' },
      { header: 'Total Charge', kind: 'money4' },
      text('Message Log ID'),
      { header: 'Is Valid', kind: 'boolean' },
      time('Date Created'),
    ],
  },
};

/**
 * Whether a string names a console report.
 *
 * @public
 */
export function isConsoleReportType(
  value: unknown,
): value is ConsoleReportType {
  return (
    typeof value === 'string' &&
    (CONSOLE_REPORT_TYPES as readonly string[]).includes(value)
  );
}

/**
 * Every report type a run can have, the console reports first.
 *
 * @public
 */
export const REPORT_TYPES: readonly ReportType[] = [
  ...CONSOLE_REPORT_TYPES,
  TENANT_USAGE_REPORT_TYPE,
];

/**
 * Whether a string names a report type a run can have.
 *
 * @public
 */
export function isReportType(value: unknown): value is ReportType {
  return (
    typeof value === 'string' &&
    (REPORT_TYPES as readonly string[]).includes(value)
  );
}

/**
 * The periods of a tenant usage report: the presets of reports.md, or
 * `custom` with `from` ≤ `to`, at most 366 days.
 *
 * @public
 */
export const TENANT_USAGE_PERIODS = [
  'last-7-days',
  'last-30-days',
  'last-90-days',
  'last-180-days',
  'current-month',
  'last-month',
  'custom',
] as const;

/**
 * A period of a tenant usage report.
 *
 * @public
 */
export type TenantUsagePeriod = (typeof TENANT_USAGE_PERIODS)[number];

/**
 * The tenant usage report: its title and the columns before the meters.
 *
 * @public
 */
export const TENANT_USAGE_REPORT = {
  type: TENANT_USAGE_REPORT_TYPE,
  title: 'Tenant Usage',
  columns: [
    text('Project Space Name'),
    text('Project Name'),
    text('Account'),
    text('Plan'),
    time('Period Start [UTC]'),
    time('Period End [UTC]'),
    count('Mobile Users'),
    count('Active Mobile Users'),
    count('Web Users'),
    count('Applications'),
    count('Form Submissions'),
    count('SMS Sent'),
    count('SMS Received'),
    count('SMS Parts'),
    { header: 'SMS Charges', kind: 'money' },
    count('OData Feeds'),
  ] as readonly ReportColumn[],
} as const;

/**
 * The column of a usage meter in the tenant usage report:
 * `<Meter name> (<unit>)`, the sum of its events in the period.
 *
 * @public
 */
export function usageMeterColumn(meter: UsageMeter): ReportColumn {
  return { header: `${meter.name} (${meter.unit})`, kind: 'quantity' };
}

/**
 * Every column of the tenant usage report: the fixed ones, then one per
 * meter in config order.
 *
 * @public
 */
export function tenantUsageColumns(
  meters: readonly UsageMeter[],
): ReportColumn[] {
  return [...TENANT_USAGE_REPORT.columns, ...meters.map(usageMeterColumn)];
}

/**
 * The title of any report, as file names and the run history show it.
 *
 * @public
 */
export function reportTitle(type: ReportType): string {
  return type === TENANT_USAGE_REPORT_TYPE
    ? TENANT_USAGE_REPORT.title
    : CONSOLE_REPORTS[type].title;
}
