import { z } from 'zod';
import { parseInput, slug } from '../../lib/validation';
import { text } from '../plans/planInput';
import { calendarDate } from '../subscriptions/subscriptionInput';

/** The plan an application asks for when it names none (billing.md). */
export const DEFAULT_PLAN_BY_KIND = {
  'pro-bono': 'standard',
  developer: 'community',
} as const;

export type ApplicationKind = keyof typeof DEFAULT_PLAN_BY_KIND;

/** A valid application, the plan defaulted; the fields of the other kind absent. */
export type NewApplication =
  | {
      tenantId: string;
      kind: 'pro-bono';
      planId: string;
      organisation: string;
      reason: string;
      expectedUsers: number;
      pilotMonths: number;
    }
  | {
      tenantId: string;
      kind: 'developer';
      planId: string;
      integrationDescription: string;
    };

const PRO_BONO_FIELDS = [
  'organisation',
  'reason',
  'expectedUsers',
  'pilotMonths',
] as const;
const DEVELOPER_FIELDS = ['integrationDescription'] as const;

const applicationInputSchema = z
  .object({
    tenantId: slug,
    kind: z.enum(['pro-bono', 'developer']),
    planId: slug.optional(),
    organisation: text(200, 1).optional(),
    reason: text(2000, 1).optional(),
    expectedUsers: z.number().int().min(1).max(1_000_000).optional(),
    pilotMonths: z.number().int().min(1).max(36).optional(),
    integrationDescription: text(2000, 1).optional(),
  })
  .strict()
  .superRefine((input, ctx) => {
    // Each kind's fields are required with it and refused with the other,
    // so a stored application never carries answers nobody reviews.
    const [required, refused] =
      input.kind === 'pro-bono'
        ? [PRO_BONO_FIELDS, DEVELOPER_FIELDS]
        : [DEVELOPER_FIELDS, PRO_BONO_FIELDS];
    for (const field of required) {
      if (input[field] === undefined) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: [field],
          message: `is required for a ${input.kind} application`,
        });
      }
    }
    for (const field of refused) {
      if (input[field] !== undefined) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: [field],
          message: `is not part of a ${input.kind} application`,
        });
      }
    }
  });

/** An application's body, its plan defaulted by kind, or a 400 naming each bad field. */
export function parseApplicationInput(body: unknown): NewApplication {
  const input = parseInput(applicationInputSchema, body, 'application');
  const planId = input.planId ?? DEFAULT_PLAN_BY_KIND[input.kind];
  if (input.kind === 'pro-bono') {
    return {
      tenantId: input.tenantId,
      kind: 'pro-bono',
      planId,
      organisation: input.organisation!,
      reason: input.reason!,
      expectedUsers: input.expectedUsers!,
      pilotMonths: input.pilotMonths!,
    };
  }
  return {
    tenantId: input.tenantId,
    kind: 'developer',
    planId,
    integrationDescription: input.integrationDescription!,
  };
}

const approvalSchema = z
  .object({ planId: slug.optional(), startDate: calendarDate.optional() })
  .strict();

/** An approval's body (`{ planId?, startDate? }`), or a 400 naming each bad field. */
export function parseApprovalInput(body: unknown): {
  planId?: string;
  startDate?: string;
} {
  return parseInput(approvalSchema, body, 'approval');
}

const rejectionSchema = z.object({ reason: text(2000, 1) }).strict();

/** A rejection's body (`{ reason }`), or a 400 naming each bad field. */
export function parseRejectionInput(body: unknown): { reason: string } {
  return parseInput(rejectionSchema, body, 'rejection');
}
