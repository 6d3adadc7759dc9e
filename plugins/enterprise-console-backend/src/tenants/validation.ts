import { InputError } from '@backstage/errors';
import {
  isValidSlug,
  MAX_SLUG_LENGTH,
} from '@internal/plugin-enterprise-console-common';
import { DateTime } from 'luxon';
import { z } from 'zod';

/*
 * One source of truth for what an account or a tenant may contain; the
 * HTTP routes and the seeding writer both validate through here.
 */

/** An account or tenant id. */
export const slug = z.string().max(MAX_SLUG_LENGTH).refine(isValidSlug, {
  message:
    'must be lowercase letters, digits and inner hyphens, 1 to 63 characters',
});

const entityRef = z
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
  });

const webUrl = z
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

const timezone = z
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

export const accountSchema = z
  .object({
    id: slug,
    name: z.string().trim().min(1).max(200),
    enterprise: z.boolean().default(false),
    adminRefs: z.array(entityRef).max(100).default([]),
    adminEmails: z.array(z.string().email().max(254)).max(100).default([]),
    invoicing: z.enum(['per-tenant', 'consolidated']).default('per-tenant'),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, { message: 'must be an ISO 4217 code such as USD' })
      .default('USD'),
    autopay: z.boolean().default(false),
  })
  .strict();

export const tenantSchema = z
  .object({
    id: slug,
    accountId: slug,
    name: z.string().trim().min(1).max(200),
    url: webUrl.optional(),
    createdAt: isoTime,
    timezone: timezone.default('UTC'),
    entityRef: entityRef.optional(),
    feedLimit: z.number().int().min(0).max(100000).default(25),
  })
  .strict();

export type ValidAccount = z.output<typeof accountSchema>;
export type ValidTenant = z.output<typeof tenantSchema>;

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
