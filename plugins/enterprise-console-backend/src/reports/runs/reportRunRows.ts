import type { ScheduledRunContext } from './reportRunRequests';
import {
  CsvDelimiter,
  ReportRun,
  ReportRunStatus,
  ReportType,
} from '@internal/plugin-enterprise-console-common';
import { readBoolean, readCount } from '../../database/columns';
import { TimeColumn } from '../../database/timeColumn';

/**
 * A run as stored: the fields of the API's ReportRun (times as Dates, no
 * link yet) with the queue's bookkeeping.
 */
export interface ReportRunRecord
  extends Omit<
    ReportRun,
    'createdAt' | 'startedAt' | 'finishedAt' | 'expiresAt' | 'downloadUrl'
  > {
  createdAt: Date;
  startedAt?: Date;
  finishedAt?: Date;
  expiresAt?: Date;
  /** How many times the run was claimed; fences every write of a claim. */
  attempt: number;
  leaseOwner?: string;
  leaseExpiresAt?: Date;
  cancelRequested: boolean;
  /** Email addresses the file is mailed to besides the requester's notification. */
  recipients?: string[];
  /** The schedule that queued the run, as its recipients' mail names it. */
  schedule?: ScheduledRunContext;
}

/** What a request fixes about a run. */
export type NewReportRun = Pick<
  ReportRunRecord,
  | 'accountId'
  | 'type'
  | 'name'
  | 'description'
  | 'delimiter'
  | 'parameters'
  | 'createdBy'
  | 'recipients'
  | 'schedule'
>;

/** One claim of a run: the writes of the claim name its attempt. */
export interface ReportRunClaim {
  id: string;
  attempt: number;
}

/** What a succeeded run records. */
export interface ReportRunOutcome {
  rowCount: number;
  byteSize: number;
  fileName: string;
  finishedAt: Date;
  expiresAt: Date;
}

export interface ReportRunRow {
  id: string;
  account_id: string;
  type: string;
  name: string;
  description: string | null;
  delimiter: string;
  parameters: string;
  status: string;
  rows_written: number | string;
  row_count: number | string | null;
  error: string | null;
  created_by: string;
  created_at: TimeColumn;
  started_at: TimeColumn | null;
  finished_at: TimeColumn | null;
  expires_at: TimeColumn | null;
  attempt: number | string;
  lease_owner: string | null;
  lease_expires_at: TimeColumn | null;
  cancel_requested: boolean | number;
  file_name: string | null;
  byte_size: number | string | null;
  recipients: string | null;
  schedule: string | null;
}

/** The table ReportRunStore owns; no other store reads or writes it. */
export const TABLE = 'report_runs';
export const ACTIVE: ReportRunStatus[] = ['queued', 'running'];

function optionalDate(value: TimeColumn | null): Date | undefined {
  return value === null || value === undefined ? undefined : new Date(value);
}

export function toRecord(row: ReportRunRow): ReportRunRecord {
  return {
    id: row.id,
    accountId: row.account_id,
    type: row.type as ReportType,
    name: row.name,
    description: row.description ?? undefined,
    delimiter: row.delimiter as CsvDelimiter,
    parameters: JSON.parse(row.parameters),
    status: row.status as ReportRunStatus,
    rowsWritten: readCount(row.rows_written),
    rowCount: row.row_count === null ? undefined : readCount(row.row_count),
    error: row.error ?? undefined,
    createdBy: row.created_by,
    createdAt: new Date(row.created_at),
    startedAt: optionalDate(row.started_at),
    finishedAt: optionalDate(row.finished_at),
    expiresAt: optionalDate(row.expires_at),
    attempt: readCount(row.attempt),
    leaseOwner: row.lease_owner ?? undefined,
    leaseExpiresAt: optionalDate(row.lease_expires_at),
    cancelRequested: readBoolean(row.cancel_requested),
    fileName: row.file_name ?? undefined,
    byteSize: row.byte_size === null ? undefined : readCount(row.byte_size),
    recipients: row.recipients ? JSON.parse(row.recipients) : undefined,
    schedule: row.schedule ? JSON.parse(row.schedule) : undefined,
  };
}
