import { InputError } from '@backstage/errors';
import {
  DEFAULT_ENTERPRISE_SETTINGS,
  EnterpriseSettings,
} from '@internal/plugin-enterprise-console-common';
import { parse as parseDomain } from 'tldts';
import { z } from 'zod';
import { describeIssues, parseInput } from '../lib/validation';

/** Bounds of the lists and texts, so that a settings row stays small. */
export const SETTINGS_LIMITS = {
  signupDomains: 500,
  ssoProviders: 20,
  ssoDomainsPerProvider: 500,
  message: 1000,
} as const;

const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
// At least two labels, and a top-level label that is not all digits, so that
// IP addresses and single-label hosts are not taken for email domains.
const DNS_NAME = new RegExp(`^(?:${LABEL}\\.)+(?!\\d+$)${LABEL}$`);

/**
 * Whether a value is an email domain a policy may name: a lowercase DNS name
 * (`example.com`), or `*.` and a DNS name for every subdomain of it
 * (`*.example.com` matches `eu.example.com`, not `example.com`).
 */
export function isValidDomainPattern(value: string): boolean {
  const name = value.startsWith('*.') ? value.slice(2) : value;
  return name.length <= 253 && DNS_NAME.test(name);
}

function domainProblem(value: string): string | undefined {
  if (value !== value.toLowerCase()) {
    return 'must be lowercase';
  }
  if (/^[a-z][a-z0-9+.-]*:/.test(value) || value.includes('/')) {
    return 'must be a domain name without a scheme or path';
  }
  if (value.includes('@')) {
    return 'must be a domain name, not an email address';
  }
  if (value.includes('*') && !/^\*\.[^*]+$/.test(value)) {
    return 'may only use a wildcard as a leading *.';
  }
  if (!isValidDomainPattern(value)) {
    return 'must be a DNS name such as example.com or *.example.com';
  }
  return publicSuffixProblem(value);
}

/**
 * Why a pattern would claim a whole public suffix (`co.uk`, `*.co.uk`,
 * `github.io`): the domains under it belong to unrelated owners, so one
 * account binding it would lock out the users of every other account.
 * Uses the Public Suffix List, private section included.
 */
export function publicSuffixProblem(value: string): string | undefined {
  const name = value.startsWith('*.') ? value.slice(2) : value;
  const parsed = parseDomain(name, { allowPrivateDomains: true });
  const known = parsed.isIcann === true || parsed.isPrivate === true;
  if (!known || parsed.publicSuffix !== name) {
    return undefined;
  }
  const claim = value === name ? name : `${value} covers ${name}, which`;
  return `${claim} is a public suffix; an account may only bind domains registered under it, such as example.${name}`;
}

const domain = z
  .string()
  .max(255)
  .superRefine((value, ctx) => {
    const problem = domainProblem(value);
    if (problem) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
    }
  });

function uniqueDomains(options: { min?: number; max: number }) {
  return z
    .array(domain)
    .min(options.min ?? 0)
    .max(options.max)
    .superRefine((values, ctx) => {
      const seen = new Set<string>();
      values.forEach((value, index) => {
        if (seen.has(value)) {
          ctx.addIssue({
            code: z.ZodIssueCode.custom,
            path: [index],
            message: `repeats ${value}`,
          });
        }
        seen.add(value);
      });
    });
}

const providerId = z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9_-]{0,99}$/, {
  message: 'must be an auth provider id such as google',
});

const defaults = DEFAULT_ENTERPRISE_SETTINGS;

const exportDefaultsSchema = z
  .object({
    fileType: z
      .enum(['csv', 'excel-csv'])
      .default(defaults.exportDefaults.fileType),
    dateConversion: z
      .enum(['utc', 'tenant-timezone'])
      .default(defaults.exportDefaults.dateConversion),
    checkboxExpansion: z
      .enum(['combined', 'expanded'])
      .default(defaults.exportDefaults.checkboxExpansion),
  })
  .strict();

const ssoSchema = z
  .object({
    providers: z
      .array(
        z
          .object({
            providerId,
            domains: uniqueDomains({
              min: 1,
              max: SETTINGS_LIMITS.ssoDomainsPerProvider,
            }),
          })
          .strict(),
      )
      .max(SETTINGS_LIMITS.ssoProviders)
      .default([]),
  })
  .strict()
  .superRefine((sso, ctx) => {
    // One provider per domain: the sign-in resolver could not honour two.
    const boundTo = new Map<string, string>();
    const providers = new Set<string>();
    sso.providers.forEach((binding, index) => {
      if (providers.has(binding.providerId)) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['providers', index, 'providerId'],
          message: `repeats ${binding.providerId}; list its domains once`,
        });
      }
      providers.add(binding.providerId);
      binding.domains.forEach((value, domainIndex) => {
        const other = boundTo.get(value);
        if (other !== undefined && other !== binding.providerId) {
          ctx.addIssue({
            code: z.ZodIssueCode.custom,
            path: ['providers', index, 'domains', domainIndex],
            message: `${value} is already bound to ${other}`,
          });
        }
        boundTo.set(value, binding.providerId);
      });
    });
  });

/**
 * The body of `PUT /v1/accounts/{accountId}/settings`. Fields left out take
 * their defaults, so a PUT always describes the whole settings. The
 * read-only fields of the GET answer are accepted (and ignored) so that a
 * client may send back what it read.
 */
export const settingsSchema = z
  .object({
    restrictTenantCreation: z
      .boolean()
      .default(defaults.restrictTenantCreation),
    restrictSignups: z.boolean().default(defaults.restrictSignups),
    restrictSignupDomains: uniqueDomains({
      max: SETTINGS_LIMITS.signupDomains,
    }).default([]),
    restrictSignupMessage: z
      .string()
      .trim()
      .max(SETTINGS_LIMITS.message)
      .default(defaults.restrictSignupMessage),
    exportDefaults: exportDefaultsSchema.default({}),
    sso: ssoSchema.default({}),
    accountId: z.string().max(63).optional(),
    updatedAt: z.union([z.string().max(40), z.null()]).optional(),
    updatedBy: z.union([z.string().max(255), z.null()]).optional(),
    domainBindings: z
      .array(z.unknown())
      .max(
        SETTINGS_LIMITS.signupDomains +
          SETTINGS_LIMITS.ssoProviders * SETTINGS_LIMITS.ssoDomainsPerProvider,
      )
      .optional(),
  })
  .strict()
  .superRefine((settings, ctx) => {
    if (settings.restrictSignups && settings.restrictSignupMessage === '') {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['restrictSignupMessage'],
        message: 'is required while restrictSignups is on',
      });
    }
    if (
      settings.restrictSignups &&
      settings.restrictSignupDomains.length === 0
    ) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['restrictSignupDomains'],
        message: 'needs at least one domain while restrictSignups is on',
      });
    }
  });

/**
 * Validates a settings body for the account in the path, or throws a 400
 * naming every offending field.
 */
export function parseSettings(
  input: unknown,
  accountId: string,
): EnterpriseSettings {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new InputError('Invalid settings: the body must be a JSON object');
  }
  const result = settingsSchema.safeParse(input);
  if (!result.success) {
    throw new InputError(
      `Invalid settings: ${describeIssues(result.error, 'settings').join(
        '; ',
      )}`,
    );
  }
  const {
    accountId: bodyAccountId,
    updatedAt,
    updatedBy,
    domainBindings,
    ...settings
  } = result.data;
  if (bodyAccountId !== undefined && bodyAccountId !== accountId) {
    throw new InputError(
      "Invalid settings: accountId must match the path's accountId",
    );
  }
  return settings;
}

/** The domain of an email address, lower-cased, or undefined if it has none. */
export function emailDomain(email: string): string | undefined {
  const at = email.lastIndexOf('@');
  if (at <= 0 || at === email.length - 1) {
    return undefined;
  }
  const value = email.slice(at + 1).toLowerCase();
  return isValidDomainPattern(value) && !value.startsWith('*.')
    ? value
    : undefined;
}

/**
 * The patterns that would match a domain: itself, then `*.parent` for each
 * parent that still has two labels (`a.b.example.com` gives
 * `*.b.example.com` and `*.example.com`).
 */
export function matchingPatterns(value: string): string[] {
  const labels = value.split('.');
  const patterns = [value];
  for (let i = 1; i < labels.length - 1; i++) {
    patterns.push(`*.${labels.slice(i).join('.')}`);
  }
  return patterns;
}

const signupCheckSchema = z
  .object({
    email: z.string().max(254),
    providerId: z.string().max(100).optional(),
  })
  .strict();

/** The body of POST /v1/signup-check, checked. */
export type SignupCheckRequest = z.output<typeof signupCheckSchema>;

/** The body of POST /v1/signup-check, or 400 naming each bad field. */
export function parseSignupCheck(body: unknown): SignupCheckRequest {
  return parseInput(signupCheckSchema, body, 'signup check');
}
