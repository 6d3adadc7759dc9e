import {
  DEFAULT_SCHEDULE_PERIODS,
  SCHEDULE_DAYS_OF_WEEK,
  SCHEDULE_PERIODS,
} from '@internal/plugin-enterprise-console-common';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { parseLimit } from '../lib/cursor';
import { parseInput, slug } from '../lib/validation';
import { isKnownTimeZone } from './recurrence';
import { ScheduleFields } from './ScheduleStore';

/*
 * What callers of the schedules API may send, parsed into ScheduleFields
 * with the defaults of reports.md filled in; each rule a 400 naming its
 * field.
 */

/** reports.md: a custom period of a tenant usage report is at most 366 days. */
export const MAX_CUSTOM_PERIOD_DAYS = 366;
export const MAX_RECIPIENTS = 20;
export const MAX_NAME_LENGTH = 100;

const date = z
  .string()
  .max(10)
  .refine(
    value =>
      /^\d{4}-\d{2}-\d{2}$/.test(value) &&
      DateTime.fromISO(value, { zone: 'UTC' }).isValid,
    { message: 'must be a date YYYY-MM-DD' },
  );

const recipientsMessage = `must list 1 to ${MAX_RECIPIENTS} email addresses`;
const nameMessage = `must be 1 to ${MAX_NAME_LENGTH} characters`;

const scheduleSchema = z
  .object({
    accountId: slug,
    name: z
      .string()
      .trim()
      .min(1, nameMessage)
      .max(MAX_NAME_LENGTH, nameMessage),
    description: z.string().max(1000).optional(),
    type: z.string().max(100),
    recipients: z
      .array(
        z
          .string()
          .trim()
          .max(254, 'must be an email address')
          .email('must be an email address'),
        { invalid_type_error: recipientsMessage },
      )
      .min(1, recipientsMessage)
      .max(MAX_RECIPIENTS, recipientsMessage),
    recurrence: z.enum(['daily', 'weekly', 'monthly'], {
      errorMap: () => ({ message: 'must be daily, weekly or monthly' }),
    }),
    dayOfWeek: z
      .enum(SCHEDULE_DAYS_OF_WEEK, {
        errorMap: () => ({ message: 'must be monday to sunday' }),
      })
      .optional(),
    dayOfMonth: z
      .number({ invalid_type_error: 'must be a whole number from 1 to 28' })
      .int('must be a whole number from 1 to 28')
      .min(1, 'must be a whole number from 1 to 28')
      .max(28, 'must be a whole number from 1 to 28')
      .optional(),
    time: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, {
        message: 'must be a time of day HH:mm, 00:00 to 23:59',
      })
      .default('06:00'),
    timezone: z
      .string()
      .max(64, 'must be an IANA time zone such as Europe/Berlin')
      .refine(isKnownTimeZone, {
        message: 'must be an IANA time zone such as Europe/Berlin',
      })
      .default('UTC'),
    delimiter: z
      .enum([',', '|'], {
        errorMap: () => ({ message: "must be ',' or '|'" }),
      })
      .default(','),
    period: z
      .enum(SCHEDULE_PERIODS, {
        errorMap: () => ({
          message: `must be one of ${SCHEDULE_PERIODS.join(', ')}`,
        }),
      })
      .optional(),
    from: date.optional(),
    to: date.optional(),
    tenantIds: z.array(slug).min(1).max(1000).optional(),
    filter: z.record(z.unknown()).optional(),
    enabled: z.boolean().default(true),
  })
  .strict()
  .superRefine((value, ctx) => {
    const issue = (path: string, message: string) =>
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: [path], message });
    if (value.recurrence === 'weekly' && value.dayOfWeek === undefined) {
      issue('dayOfWeek', 'is required for a weekly schedule');
    }
    if (value.recurrence !== 'weekly' && value.dayOfWeek !== undefined) {
      issue('dayOfWeek', 'is only for weekly schedules');
    }
    if (value.recurrence === 'monthly' && value.dayOfMonth === undefined) {
      issue('dayOfMonth', 'is required for a monthly schedule');
    }
    if (value.recurrence !== 'monthly' && value.dayOfMonth !== undefined) {
      issue('dayOfMonth', 'is only for monthly schedules');
    }
    if (value.tenantIds !== undefined && value.filter !== undefined) {
      issue('filter', 'cannot be given with tenantIds; choose one');
    }
    if (value.period === 'custom') {
      if (value.from === undefined) {
        issue('from', 'is required for a custom period');
      }
      if (value.to === undefined) {
        issue('to', 'is required for a custom period');
      }
      if (value.from !== undefined && value.to !== undefined) {
        const days = DateTime.fromISO(value.to, { zone: 'UTC' })
          .diff(DateTime.fromISO(value.from, { zone: 'UTC' }), 'days')
          .as('days');
        if (days < 0) {
          issue('from', 'must not be after to');
        } else if (days + 1 > MAX_CUSTOM_PERIOD_DAYS) {
          issue(
            'to',
            `must be within ${MAX_CUSTOM_PERIOD_DAYS} days of from (a custom period is at most ${MAX_CUSTOM_PERIOD_DAYS} days, both dates included)`,
          );
        }
      }
    } else {
      if (value.from !== undefined) {
        issue('from', 'is only for a custom period');
      }
      if (value.to !== undefined) {
        issue('to', 'is only for a custom period');
      }
    }
  });

/** The body of POST /v1/schedules or PUT /v1/schedules/{id}, or 400 naming each bad field. */
export function parseScheduleRequest(body: unknown): ScheduleFields {
  const parsed = parseInput(scheduleSchema, body, 'schedule');
  return {
    ...parsed,
    recipients: [...new Set(parsed.recipients)],
    period: parsed.period ?? DEFAULT_SCHEDULE_PERIODS[parsed.recurrence],
  };
}

const listQuerySchema = z
  .object({
    accountId: slug,
    limit: z.string().optional(),
    cursor: z.string().max(1000).optional(),
  })
  .strict();

/** The query of GET /v1/schedules, or 400 naming the problem. */
export function parseScheduleListQuery(query: unknown): {
  accountId: string;
  limit: number;
  cursor?: string;
} {
  const parsed = parseInput(listQuerySchema, query, 'query');
  return {
    accountId: parsed.accountId,
    limit: parseLimit(parsed.limit),
    cursor: parsed.cursor,
  };
}

/** The body of the enable, disable and run actions: nothing, or an empty object. */
export function parseEmptyBody(body: unknown): void {
  parseInput(z.object({}).strict().optional(), body, 'body');
}
