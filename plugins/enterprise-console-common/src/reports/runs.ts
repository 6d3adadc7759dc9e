import { UsageMeter } from '../ingest';
import { TenantFilter } from '../tenants';
import { ReportType, TenantUsagePeriod } from './columns';

/*
 * Report runs, tiles and the SMS detailed report as the HTTP API carries
 * them (api.md, "Enterprise console and reports").
 */

/**
 * The field delimiter of a CSV file.
 *
 * @public
 */
export type CsvDelimiter = ',' | '|';

/**
 * Where a run is in its life.
 *
 * @public
 */
export type ReportRunStatus =
  | 'queued'
  | 'running'
  | 'succeeded'
  | 'failed'
  | 'cancelled'
  | 'expired';

/**
 * The filters of the SMS detailed report, for its runs and its table.
 * Times are ISO 8601; ranges are `[from, to)`.
 *
 * @public
 */
export interface SmsDetailFilters {
  /** Date of message; both default to the last 7 days. */
  messageFrom?: string;
  messageTo?: string;
  /** Date created (optional). */
  createdFrom?: string;
  createdTo?: string;
  /** Empty or absent: every tenant of the account. */
  tenantIds?: string[];
  /** Gateway type; absent: all. */
  gateway?: string;
  hasGatewayFee?: 'yes' | 'no' | 'all';
  validity?: 'valid' | 'invalid' | 'all';
}

/**
 * The body of `POST /v1/report-runs`.
 *
 * @public
 */
export interface CreateReportRunRequest {
  accountId: string;
  type: ReportType;
  delimiter?: CsvDelimiter;
  /** Range of the form-submissions report (ISO 8601), default last 30 days. */
  from?: string;
  to?: string;
  name?: string;
  description?: string;
  /** Also send the download link by email (the in-app notification is always sent). */
  email?: boolean;
  /** The sms-detail filters. */
  filters?: SmsDetailFilters;
  /** The period of a tenant-usage report; `custom` takes `from` and `to`. */
  period?: TenantUsagePeriod;
  /** The tenants of a tenant-usage report (else all, or `filter`). */
  tenantIds?: string[];
  /** A tenant-usage report over the tenants this tenants-list filter matches. */
  filter?: TenantFilter;
}

/**
 * A report run.
 *
 * @public
 */
export interface ReportRun {
  id: string;
  accountId: string;
  type: ReportType;
  /** The name given at request time, else the report's title. */
  name: string;
  description?: string;
  delimiter: CsvDelimiter;
  status: ReportRunStatus;
  rowsWritten: number;
  /** Total rows, once the run succeeded. */
  rowCount?: number;
  /** Why the run failed, in words a user can act on. */
  error?: string;
  /** Entity ref of the requester. */
  createdBy: string;
  createdAt: string;
  startedAt?: string;
  finishedAt?: string;
  /** When the download link stops working (succeeded runs). */
  expiresAt?: string;
  /** The signed link, while the file can be downloaded. */
  downloadUrl?: string;
  /** `<Account name> (<Report title>) <YYYYMMDD HHmmss>.csv`, once written. */
  fileName?: string;
  /** Size of the file in bytes, once written. */
  byteSize?: number;
  /** The resolved parameters the run was asked for. */
  parameters: ReportRunParameters;
}

/**
 * The parameters of a run, resolved at request time: relative ranges are
 * fixed to absolute times, so a queued run reports on the time it was asked.
 *
 * @public
 */
export interface ReportRunParameters {
  from?: string;
  to?: string;
  filters?: SmsDetailFilters;
  email?: boolean;
  /** tenant-usage: the period asked for; `from`/`to` hold its bounds. */
  period?: TenantUsagePeriod;
  /** tenant-usage: the tenants chosen one by one. */
  tenantIds?: string[];
  /** tenant-usage: the tenants-list filter that chooses the tenants. */
  filter?: TenantFilter;
  /** tenant-usage: the meters (its last columns) when the run was asked for. */
  meters?: UsageMeter[];
}

/**
 * One dashboard tile.
 *
 * @public
 */
export interface ConsoleTile {
  type: ReportType;
  title: string;
  total: number;
  /** The tile counts within `from`/`to` of the answer. */
  takesDateRange: boolean;
}

/**
 * The answer of `GET /v1/accounts/{accountId}/tiles`.
 *
 * @public
 */
export interface ConsoleTiles {
  accountId: string;
  /** The range of the form and SMS tiles. */
  from: string;
  to: string;
  tiles: ConsoleTile[];
}

/**
 * One row of the SMS detailed report, as `GET /v1/sms` lists it. Charges are
 * decimal strings with four places.
 *
 * @public
 */
export interface SmsMessage {
  id: string;
  tenantId: string;
  sentAt: string;
  direction: 'incoming' | 'outgoing';
  parts: number;
  gateway?: string;
  gatewayCharge: string;
  usageCharge: string;
  totalCharge: string;
  valid: boolean;
  createdAt: string;
}
