import {
  CsvDelimiter,
  REPORT_TYPES,
  ReportType,
  TENANT_USAGE_PERIODS,
  TenantFilter,
  TenantUsagePeriod,
} from '@internal/plugin-enterprise-console-common';
import { z } from 'zod';
import { parseLimit } from '../../lib/cursor';
import { parseInput, slug } from '../../lib/validation';

/*
 * What callers of the report-runs API may send, parsed into the typed
 * requests ReportRunService takes.
 */

const time = z.string().max(40);

const createSchema = z
  .object({
    accountId: slug,
    type: z
      .string()
      .refine(value => (REPORT_TYPES as readonly string[]).includes(value), {
        message: `must be one of ${REPORT_TYPES.join(', ')}`,
      }),
    delimiter: z
      .enum([',', '|'], {
        errorMap: () => ({ message: "must be ',' or '|'" }),
      })
      .default(','),
    from: time.optional(),
    to: time.optional(),
    name: z.string().trim().min(1).max(200).optional(),
    description: z.string().max(1000).optional(),
    email: z.boolean().optional(),
    filters: z
      .object({
        messageFrom: time.optional(),
        messageTo: time.optional(),
        createdFrom: time.optional(),
        createdTo: time.optional(),
        tenantIds: z.array(slug).max(1000).optional(),
        gateway: z.string().max(100).optional(),
        hasGatewayFee: z.enum(['yes', 'no', 'all']).optional(),
        validity: z.enum(['valid', 'invalid', 'all']).optional(),
      })
      .strict()
      .optional(),
    period: z
      .enum(TENANT_USAGE_PERIODS, {
        errorMap: () => ({
          message: `must be one of ${TENANT_USAGE_PERIODS.join(', ')}`,
        }),
      })
      .optional(),
    tenantIds: z
      .array(slug)
      .min(1, { message: 'must name at least one tenant' })
      .max(1000)
      .optional(),
    // The tenants list's own parser checks it (the tenant-usage report).
    filter: z.record(z.unknown()).optional(),
  })
  .strict();

/**
 * The schedule a run is queued by, as the mail to its recipients names it:
 * which schedule, whose, the period it reports on, and where to stop it.
 */
export interface ScheduledRunContext {
  id: string;
  name: string;
  /** The schedule's owner, an entity ref. */
  owner: string;
  /** The period as a person reads it, e.g. `2026-11-01 to 2026-11-30 (UTC)`. */
  period: string;
  /** The schedule's page in the console. */
  link: string;
}

/** What code queues a run with (ReportRunService.enqueue). */
export interface ReportRunEnqueueRequest {
  accountId: string;
  type: ReportType;
  /** As the POST body has them: from, to, filters, email, and tenant-usage's period, tenantIds, filter. */
  parameters?: {
    from?: string;
    to?: string;
    filters?: Record<string, unknown>;
    email?: boolean;
    period?: TenantUsagePeriod;
    tenantIds?: string[];
    filter?: TenantFilter;
  };
  name?: string;
  description?: string;
  delimiter?: CsvDelimiter;
  /** Who the run is for, an entity ref (`user:default/ada`): its requester. */
  requestedBy: string;
  /** Email addresses the link is mailed to, 1 to 20. */
  recipients?: string[];
  /** The schedule that queues the run, named in the recipients' mail. */
  schedule?: ScheduledRunContext;
}

// The rest is checked by createSchema, as for the POST route.
const enqueueSchema = z
  .object({
    requestedBy: z
      .string()
      .max(255)
      .regex(/^[a-z][a-z0-9-]*:[^\s]+$/i, {
        message: 'must be an entity ref such as user:default/ada',
      }),
    recipients: z
      .array(z.string().trim().max(254).email())
      .min(1)
      .max(20)
      .optional(),
    parameters: z.record(z.unknown()).optional(),
    schedule: z
      .object({
        id: z.string().max(36),
        name: z.string().max(200),
        owner: z.string().max(255),
        period: z.string().max(200),
        link: z.string().max(2000),
      })
      .strict()
      .optional(),
  })
  .passthrough();

const listQuerySchema = z
  .object({
    accountId: slug,
    mine: z.enum(['true', 'false']).optional(),
    limit: z.string().optional(),
    cursor: z.string().max(1000).optional(),
  })
  .strict();

/** A run as POST /v1/report-runs asks for it, checked. */
export type ReportRunRequest = z.output<typeof createSchema>;

/** The body of POST /v1/report-runs, or 400 naming each bad field. */
export function parseReportRunRequest(body: unknown): ReportRunRequest {
  return parseInput(createSchema, body, 'report run');
}

/** The query of GET /v1/report-runs, checked. */
export interface ReportRunListQuery {
  accountId: string;
  /** Only the caller's own runs, even for an account admin. */
  mine: boolean;
  limit: number;
  cursor?: string;
}

/** The query of GET /v1/report-runs, or 400 naming the problem. */
export function parseReportRunListQuery(query: unknown): ReportRunListQuery {
  const parsed = parseInput(listQuerySchema, query, 'query');
  return {
    accountId: parsed.accountId,
    mine: parsed.mine === 'true',
    limit: parseLimit(parsed.limit),
    cursor: parsed.cursor,
  };
}

/** A run queued by code (ReportRunService.enqueue), checked as the POST route checks it. */
export function parseReportRunEnqueueRequest(
  request: ReportRunEnqueueRequest,
): {
  run: ReportRunRequest;
  requestedBy: string;
  recipients?: string[];
  schedule?: ScheduledRunContext;
} {
  const { requestedBy, recipients, parameters, schedule, ...rest } = parseInput(
    enqueueSchema,
    request,
    'report run',
  );
  return {
    run: parseReportRunRequest({ ...rest, ...parameters }),
    requestedBy,
    recipients,
    schedule,
  };
}
