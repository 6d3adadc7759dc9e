import { InputError } from '@backstage/errors';
import {
  isValidSlug,
  MAX_SLUG_LENGTH,
} from '@internal/plugin-enterprise-console-common';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { ACCEPTED_YEARS_MESSAGE, isWithinAcceptedYears } from './isoTime';

/*
 * The field validators every area shares, and the one way input errors
 * become a 400 naming each offending field.
 */

/** An account or tenant id. */
export const slug = z.string().max(MAX_SLUG_LENGTH).refine(isValidSlug, {
  message:
    'must be lowercase letters, digits and inner hyphens, 1 to 63 characters',
});

/** An email address as the API takes one (RFC 5321's 254 characters at most). */
export const emailAddress = z.string().max(254).email();

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Whether a path id is a (lowercase) UUID, as the ids the stores make. */
export const isUuid = (value: string) => UUID.test(value);

export const entityRef = z
  .string()
  .max(255)
  .regex(/^[a-z0-9_.-]+:[a-z0-9_.-]+\/[a-zA-Z0-9_.-]+$/i, {
    message: 'must be a full entity ref such as group:default/team-a',
  });

// zod checks the shape only; luxon also refuses impossible dates such as 30 February.
export const isoTime = z
  .string()
  .max(40)
  .datetime({ offset: true, message: 'must be an ISO 8601 date-time' })
  .refine(value => DateTime.fromISO(value, { setZone: true }).isValid, {
    message: 'must be an ISO 8601 date-time',
  })
  .refine(
    value =>
      Number.isNaN(Date.parse(value)) ||
      isWithinAcceptedYears(Date.parse(value)),
    {
      message: ACCEPTED_YEARS_MESSAGE,
    },
  );

export const webUrl = z
  .string()
  .max(2000)
  .url()
  .refine(
    value => {
      try {
        return /^https?:$/.test(new URL(value).protocol);
      } catch {
        return true; // not a URL at all; url() above reports that
      }
    },
    { message: 'must be an http or https URL' },
  );

export const timezone = z
  .string()
  .max(64)
  .refine(
    value => {
      try {
        return Boolean(
          new Intl.DateTimeFormat('en-US', {
            timeZone: value,
          }).resolvedOptions().timeZone,
        );
      } catch {
        return false;
      }
    },
    { message: 'must be an IANA time zone such as Europe/Berlin' },
  );

/** Describes each problem of a failed parse, naming the field. */
export function describeIssues(error: z.ZodError, what: string): string[] {
  return error.issues.map(issue => {
    const field = issue.path.length ? issue.path.join('.') : what;
    if (issue.code === 'unrecognized_keys') {
      return `unknown field${
        issue.keys.length > 1 ? 's' : ''
      } ${issue.keys.join(', ')}`;
    }
    return `${field} ${issue.message}`;
  });
}

/** Parses input or throws a 400 that names every offending field. */
export function parseInput<S extends z.ZodTypeAny>(
  schema: S,
  input: unknown,
  what: string,
): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) {
    throw new InputError(
      `Invalid ${what}: ${describeIssues(result.error, what).join('; ')}`,
    );
  }
  return result.data;
}

/** Throws a 400 naming the first query parameter that is not `allowed`. */
export function rejectUnknownQuery(
  query: Record<string, unknown>,
  allowed: readonly string[],
): void {
  const unknown = Object.keys(query).find(key => !allowed.includes(key));
  if (unknown !== undefined) {
    throw new InputError(
      `Invalid query: unknown parameter ${unknown.slice(0, 100)}`,
    );
  }
}
