import type * as Model from '../generated/models';
import { TENANT_USAGE_PERIODS } from '../reports';

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
  ...TENANT_USAGE_PERIODS,
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
 * The body of `POST /v1/schedules` and `PUT /v1/schedules/{id}`: 1 to 20
 * recipients (not necessarily portal users), `time` as `HH:mm` in
 * `timezone` (defaults `06:00`, `UTC`), the period by default per
 * recurrence (DEFAULT_SCHEDULE_PERIODS), `from`/`to` dates of a `custom`
 * period.
 *
 * @public
 */
export type ScheduleRequest = Model.ScheduleRequest;

/**
 * A schedule as the API answers it: its owner is `createdBy`, whose runs
 * they are; `nextRunAt` is null while disabled; `lastStatus` is `failed`
 * when the last occurrence could not be queued (`lastError` says why).
 *
 * @public
 */
export type Schedule = Model.Schedule;
