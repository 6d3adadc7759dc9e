import {
  DEFAULT_SCHEDULE_PERIODS,
  REPORT_TYPES,
  ReportType,
  Schedule,
  SCHEDULE_DAYS_OF_WEEK,
  ScheduleDayOfWeek,
  SchedulePeriod,
  ScheduleRecurrence,
  ScheduleRequest,
  TENANT_USAGE_REPORT_TYPE,
} from '@internal/plugin-enterprise-console-common';
import { daysCovered, isDate } from '../../lib/dates';

/*
 * The create/edit form of a schedule and the checks it makes before
 * sending, the same rules as the backend's (scheduleRequests.ts), so most
 * mistakes are named next to their field rather than by a refused request.
 */

export const MAX_NAME_LENGTH = 100;
export const MAX_DESCRIPTION_LENGTH = 1000;
export const MAX_RECIPIENTS = 20;
export const MAX_EMAIL_LENGTH = 254;
export const MAX_CUSTOM_PERIOD_DAYS = 366;

/** The report types a schedule may name: every report a run can have. */
export const SCHEDULABLE_REPORT_TYPES: readonly ReportType[] = REPORT_TYPES;

/** The reports that cover a date range; the others ignore the period. */
export const RANGE_REPORT_TYPES: readonly string[] = [
  'form-submissions',
  'sms-detail',
  TENANT_USAGE_REPORT_TYPE,
];

export const PERIOD_LABELS: Record<SchedulePeriod, string> = {
  'previous-day': 'Previous day',
  'last-7-days': 'Last 7 days',
  'last-30-days': 'Last 30 days',
  'last-90-days': 'Last 90 days',
  'last-180-days': 'Last 180 days',
  'current-month': 'Current month',
  'last-month': 'Last month',
  custom: 'Custom dates',
};

export const DAY_LABELS: Record<ScheduleDayOfWeek, string> = {
  monday: 'Monday',
  tuesday: 'Tuesday',
  wednesday: 'Wednesday',
  thursday: 'Thursday',
  friday: 'Friday',
  saturday: 'Saturday',
  sunday: 'Sunday',
};

export { SCHEDULE_DAYS_OF_WEEK };

// The syntax the backend's validator accepts as an email address.
const EMAIL =
  /^(?!\.)(?!.*\.\.)([A-Za-z0-9_'+\-.]*)[A-Za-z0-9_+-]@([A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,}$/;

/** Whether the backend takes a value as an email address. */
export function isEmailAddress(value: string): boolean {
  return value.length <= MAX_EMAIL_LENGTH && EMAIL.test(value);
}

/** Whether a time zone is one this browser (and so, IANA) knows. */
export function isKnownTimeZone(zone: string): boolean {
  if (!zone) return false;
  try {
    return Boolean(
      new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions()
        .timeZone,
    );
  } catch {
    return false;
  }
}

/** The IANA time zones to offer, UTC first. */
export function timeZoneOptions(): string[] {
  const supported: string[] =
    (Intl as any).supportedValuesOf?.('timeZone') ?? [];
  return ['UTC', ...supported.filter(zone => zone !== 'UTC')];
}

/** The browser's time zone, UTC when it has none. */
export function browserTimeZone(): string {
  const zone = new Intl.DateTimeFormat().resolvedOptions().timeZone;
  return zone && isKnownTimeZone(zone) ? zone : 'UTC';
}

export type TenantChoice = 'all' | 'chosen' | 'filter';

/** The tenants list filters a schedule may keep (TenantFilter less the account). */
export const TENANT_FILTER_FIELDS = [
  ['q', 'Name or id contains'],
  ['plan', 'Plan'],
  ['edition', 'Edition'],
  ['status', 'Status'],
  ['createdFrom', 'Created from (YYYY-MM-DD)'],
  ['createdTo', 'Created before (YYYY-MM-DD)'],
] as const;

export type TenantFilterField = (typeof TENANT_FILTER_FIELDS)[number][0];

export interface ScheduleForm {
  name: string;
  description: string;
  type: ReportType;
  recipients: string[];
  recurrence: ScheduleRecurrence;
  dayOfWeek: ScheduleDayOfWeek;
  /** As typed, so a wrong value can be named. */
  dayOfMonth: string;
  time: string;
  timezone: string;
  delimiter: ',' | '|';
  period: SchedulePeriod;
  from: string;
  to: string;
  tenantChoice: TenantChoice;
  tenantIds: string[];
  filter: Partial<Record<TenantFilterField, string>>;
  enabled: boolean;
}

/** A new schedule: daily at 06:00 in the browser's time zone. */
export function emptyForm(timezone = browserTimeZone()): ScheduleForm {
  return {
    name: '',
    description: '',
    type: SCHEDULABLE_REPORT_TYPES[0],
    recipients: [],
    recurrence: 'daily',
    dayOfWeek: 'monday',
    dayOfMonth: '1',
    time: '06:00',
    timezone,
    delimiter: ',',
    period: DEFAULT_SCHEDULE_PERIODS.daily,
    from: '',
    to: '',
    tenantChoice: 'all',
    tenantIds: [],
    filter: {},
    enabled: true,
  };
}

/** The form of an existing schedule, for editing. */
export function formOf(schedule: Schedule): ScheduleForm {
  const filter: ScheduleForm['filter'] = {};
  for (const [field] of TENANT_FILTER_FIELDS) {
    const value = schedule.filter?.[field];
    if (typeof value === 'string') filter[field] = value;
  }
  let tenantChoice: TenantChoice = 'all';
  if (schedule.tenantIds) tenantChoice = 'chosen';
  else if (schedule.filter) tenantChoice = 'filter';
  return {
    ...emptyForm(schedule.timezone),
    name: schedule.name,
    description: schedule.description ?? '',
    type: schedule.type as ReportType,
    recipients: [...schedule.recipients],
    recurrence: schedule.recurrence,
    dayOfWeek: schedule.dayOfWeek ?? 'monday',
    dayOfMonth: String(schedule.dayOfMonth ?? 1),
    time: schedule.time,
    delimiter: schedule.delimiter,
    period: schedule.period,
    from: schedule.from ?? '',
    to: schedule.to ?? '',
    tenantChoice,
    tenantIds: schedule.tenantIds ?? [],
    filter,
    enabled: schedule.enabled,
  };
}

export type FormProblems = Partial<
  Record<
    | 'name'
    | 'description'
    | 'recipients'
    | 'dayOfMonth'
    | 'time'
    | 'timezone'
    | 'from'
    | 'to'
    | 'tenants',
    string
  >
>;

const DAY_OF_MONTH = /^\d{1,2}$/;

/** What is wrong with the form, by field; empty when it may be sent. */
export function formProblems(form: ScheduleForm): FormProblems {
  const problems: FormProblems = {};
  const name = form.name.trim();
  if (name.length < 1 || name.length > MAX_NAME_LENGTH) {
    problems.name = `Name must be 1 to ${MAX_NAME_LENGTH} characters`;
  }
  if (form.description.length > MAX_DESCRIPTION_LENGTH) {
    problems.description = `Description must be at most ${MAX_DESCRIPTION_LENGTH} characters`;
  }
  if (form.recipients.length < 1 || form.recipients.length > MAX_RECIPIENTS) {
    problems.recipients = `Add 1 to ${MAX_RECIPIENTS} email addresses`;
  } else {
    const wrong = form.recipients.find(r => !isEmailAddress(r));
    if (wrong) problems.recipients = `${wrong} is not an email address`;
  }
  if (form.recurrence === 'monthly') {
    const day = Number(form.dayOfMonth);
    if (!DAY_OF_MONTH.test(form.dayOfMonth) || day < 1 || day > 28) {
      problems.dayOfMonth = 'Day of month must be a whole number from 1 to 28';
    }
  }
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(form.time)) {
    problems.time = 'Time must be HH:mm, 00:00 to 23:59';
  }
  if (!isKnownTimeZone(form.timezone)) {
    problems.timezone = 'Choose an IANA time zone such as Europe/Berlin';
  }
  if (form.period === 'custom' && RANGE_REPORT_TYPES.includes(form.type)) {
    if (!isDate(form.from)) problems.from = 'Enter the first day';
    if (!isDate(form.to)) problems.to = 'Enter the last day';
    if (!problems.from && !problems.to) {
      const days = daysCovered(form.from, form.to);
      if (days < 1) problems.from = 'The first day must not be after the last';
      else if (days > MAX_CUSTOM_PERIOD_DAYS) {
        problems.to = `A custom period is at most ${MAX_CUSTOM_PERIOD_DAYS} days`;
      }
    }
  }
  if (form.type === TENANT_USAGE_REPORT_TYPE) {
    if (form.tenantChoice === 'chosen' && form.tenantIds.length === 0) {
      problems.tenants = 'Choose at least one tenant';
    }
    if (
      form.tenantChoice === 'filter' &&
      !Object.values(form.filter).some(value => value?.trim())
    ) {
      problems.tenants = 'Fill in at least one filter';
    }
  }
  return problems;
}

/** The request body of a valid form (see formProblems). */
export function scheduleRequest(
  accountId: string,
  form: ScheduleForm,
): ScheduleRequest {
  const description = form.description.trim();
  const ranged = RANGE_REPORT_TYPES.includes(form.type);
  // A report without a range ignores the period: keep the recurrence's
  // default rather than a custom range nobody can see.
  const period =
    ranged || form.period !== 'custom'
      ? form.period
      : DEFAULT_SCHEDULE_PERIODS[form.recurrence];
  const request: ScheduleRequest = {
    accountId,
    name: form.name.trim(),
    ...(description ? { description } : {}),
    type: form.type,
    recipients: form.recipients,
    recurrence: form.recurrence,
    ...(form.recurrence === 'weekly' ? { dayOfWeek: form.dayOfWeek } : {}),
    ...(form.recurrence === 'monthly'
      ? { dayOfMonth: Number(form.dayOfMonth) }
      : {}),
    time: form.time,
    timezone: form.timezone,
    delimiter: form.delimiter,
    period,
    ...(period === 'custom' ? { from: form.from, to: form.to } : {}),
    enabled: form.enabled,
  };
  if (form.type === TENANT_USAGE_REPORT_TYPE) {
    if (form.tenantChoice === 'chosen') request.tenantIds = form.tenantIds;
    if (form.tenantChoice === 'filter') {
      const filter: Record<string, string> = {};
      for (const [field] of TENANT_FILTER_FIELDS) {
        const value = form.filter[field]?.trim();
        if (value) filter[field] = value;
      }
      request.filter = filter;
    }
  }
  return request;
}

/** A schedule's recurrence in words: "Every Monday at 08:00 Europe/Berlin". */
export function describeRecurrence(
  schedule: Pick<
    Schedule,
    'recurrence' | 'dayOfWeek' | 'dayOfMonth' | 'time' | 'timezone'
  >,
): string {
  const at = `at ${schedule.time} ${schedule.timezone}`;
  if (schedule.recurrence === 'weekly' && schedule.dayOfWeek) {
    return `Every ${DAY_LABELS[schedule.dayOfWeek]} ${at}`;
  }
  if (schedule.recurrence === 'monthly' && schedule.dayOfMonth) {
    return `Monthly on day ${schedule.dayOfMonth} ${at}`;
  }
  return `Every day ${at}`;
}
