import { CsvDelimiter, ReportRunStatus } from '../reports';

/*
 * Scheduled reports as the HTTP API carries them (api.md, "Scheduled
 * reports"; reports.md, "Scheduled usage reports").
 */

/**
 * How often a schedule runs.
 *
 * @public
 */
export type ScheduleRecurrence = 'daily' | 'weekly' | 'monthly';

/**
 * The days a weekly schedule may run on.
 *
 * @public
 */
export const SCHEDULE_DAYS_OF_WEEK = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
] as const;

/**
 * A day of the week.
 *
 * @public
 */
export type ScheduleDayOfWeek = (typeof SCHEDULE_DAYS_OF_WEEK)[number];

/**
 * The period a scheduled run reports on, relative to the occurrence:
 * `previous-day` is the local day before it, `current-month` the month up
 * to it, and `custom` the fixed dates `from` to `to` (at most 366 days).
 *
 * @public
 */
export const SCHEDULE_PERIODS = [
  'previous-day',
  'last-7-days',
  'last-30-days',
  'last-90-days',
  'last-180-days',
  'current-month',
  'last-month',
  'custom',
] as const;

/**
 * A period preset.
 *
 * @public
 */
export type SchedulePeriod = (typeof SCHEDULE_PERIODS)[number];

/**
 * The period of a schedule that names none: daily → the previous day,
 * weekly → the last 7 days, monthly → the last month.
 *
 * @public
 */
export const DEFAULT_SCHEDULE_PERIODS: Readonly<
  Record<ScheduleRecurrence, SchedulePeriod>
> = {
  daily: 'previous-day',
  weekly: 'last-7-days',
  monthly: 'last-month',
};

/**
 * The body of `POST /v1/schedules` and `PUT /v1/schedules/{id}`.
 *
 * @public
 */
export interface ScheduleRequest {
  accountId: string;
  /** 1 to 100 characters. */
  name: string;
  description?: string;
  /** A report type the server offers (`GET /v1/report-runs` types). */
  type: string;
  /** 1 to 20 email addresses, not necessarily portal users. */
  recipients: string[];
  recurrence: ScheduleRecurrence;
  /** Weekly schedules only. */
  dayOfWeek?: ScheduleDayOfWeek;
  /** Monthly schedules only, 1 to 28. */
  dayOfMonth?: number;
  /** `HH:mm` in `timezone`; default `06:00`. */
  time?: string;
  /** An IANA time zone; default `UTC`. */
  timezone?: string;
  delimiter?: CsvDelimiter;
  /** Default per recurrence (DEFAULT_SCHEDULE_PERIODS). */
  period?: SchedulePeriod;
  /** Dates `YYYY-MM-DD` of a `custom` period, `to` included. */
  from?: string;
  to?: string;
  /** Tenant selection, for the reports that take one. */
  tenantIds?: string[];
  filter?: Record<string, unknown>;
  /** Default true. */
  enabled?: boolean;
}

/**
 * A schedule as the API answers it.
 *
 * @public
 */
export interface Schedule {
  id: string;
  accountId: string;
  name: string;
  description?: string;
  type: string;
  recipients: string[];
  recurrence: ScheduleRecurrence;
  dayOfWeek?: ScheduleDayOfWeek;
  dayOfMonth?: number;
  time: string;
  timezone: string;
  delimiter: CsvDelimiter;
  period: SchedulePeriod;
  from?: string;
  to?: string;
  tenantIds?: string[];
  filter?: Record<string, unknown>;
  enabled: boolean;
  /** The next occurrence (ISO 8601 UTC); null while disabled. */
  nextRunAt: string | null;
  /** When the last run was queued, null before the first. */
  lastRunAt: string | null;
  /** The status of the last run, or `failed` when it could not be queued. */
  lastStatus: ReportRunStatus | null;
  /** The last run's id, when it was queued. */
  lastRunId?: string;
  /** Why the last run could not be queued. */
  lastError?: string;
  /** The owner: who created the schedule; its runs are theirs. */
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  updatedBy: string;
}
