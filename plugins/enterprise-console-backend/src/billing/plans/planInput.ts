import { BillingPlanInput } from '@internal/plugin-enterprise-console-common';
import { z } from 'zod';
import { parseInput, slug } from '../../lib/validation';
import { moneyInput } from '../moneyInput';

// Plan names and support levels are shown in tables, emails and PDFs.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/** Text shown in tables, emails and PDFs: no control characters. */
export const text = (max: number, min = 0) =>
  z
    .string()
    .min(min)
    .max(max)
    .refine(value => !CONTROL.test(value), {
      message: 'must not contain control characters',
    });

const money = moneyInput();

const limit = (max: number) => z.number().int().min(0).max(max).nullable();

/** The one set of rules of a plan, for the API and for config alike. */
export const planInputSchema = z
  .object({
    name: text(100, 1),
    edition: slug,
    monthlyFee: money.nullable(),
    annualMonthlyPrice: money.optional(),
    includedUsers: limit(10_000_000),
    extraUserFee: money.nullable(),
    includedSms: limit(1_000_000_000),
    features: z
      .array(slug)
      .max(100)
      .refine(keys => new Set(keys).size === keys.length, {
        message: 'must not name a feature twice',
      }),
    supportLevel: text(200),
    baa: z.boolean(),
    visibility: z.enum(['public', 'internal', 'archived']),
  })
  .strict();

/** A plan's body, or a 400 naming each bad field. */
export function parsePlanInput(body: unknown): BillingPlanInput {
  return parseInput(planInputSchema, body, 'plan');
}

/** A plan id: a slug, as accounts and tenants have. */
export const planIdSchema = slug;
