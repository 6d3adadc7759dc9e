import { DateTime } from 'luxon';
import { z } from 'zod';
import { EARLIEST_YEAR, LATEST_YEAR } from '../../lib/isoTime';
import { parseInput, slug } from '../../lib/validation';
import { text } from '../plans/planInput';
import { NewSubscription } from './SubscriptionStore';

/** A UTC calendar date, YYYY-MM-DD, that exists (no 30 February). */
export const calendarDate = z
  .string()
  .max(10)
  .refine(
    value => {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) {
        return false;
      }
      const date = DateTime.fromISO(value, { zone: 'utc' });
      return (
        date.isValid && date.year >= EARLIEST_YEAR && date.year <= LATEST_YEAR
      );
    },
    {
      message: `must be a date YYYY-MM-DD between the years ${EARLIEST_YEAR} and ${LATEST_YEAR}`,
    },
  );

const subscriptionInputSchema = z
  .object({
    tenantId: slug,
    planId: slug,
    cycle: z.enum(['monthly', 'annual']),
    startDate: calendarDate,
    endDate: calendarDate.optional(),
    proBono: z
      .enum(['full-price', 'discounted', 'pro-bono'])
      .default('full-price'),
    discountPercent: z.number().int().min(1).max(99).optional(),
    serviceType: z
      .enum(['product', 'implementation', 'trial', 'developer'])
      .default('product'),
    doNotInvoice: z.boolean().default(false),
    doNotInvoiceReason: text(500, 1).optional(),
    autoRenew: z.boolean().default(false),
  })
  .strict()
  .superRefine((input, ctx) => {
    if (input.endDate !== undefined && input.endDate <= input.startDate) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['endDate'],
        message: 'must be after startDate (it is exclusive)',
      });
    }
    if (
      (input.proBono === 'discounted') !==
      (input.discountPercent !== undefined)
    ) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['discountPercent'],
        message: 'is required with proBono discounted and allowed only then',
      });
    }
    if (input.doNotInvoice !== (input.doNotInvoiceReason !== undefined)) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['doNotInvoiceReason'],
        message: 'is required with doNotInvoice and allowed only then',
      });
    }
  });

/** A new subscription's body, defaults applied, or a 400 naming each bad field. */
export function parseSubscriptionInput(body: unknown): NewSubscription {
  return parseInput(subscriptionInputSchema, body, 'subscription');
}

const changeInputSchema = z
  .object({ planId: slug, date: calendarDate.optional() })
  .strict();

/** A plan change's body (`{ planId, date? }`), or a 400 naming each bad field. */
export function parseChangeInput(body: unknown): {
  planId: string;
  date?: string;
} {
  return parseInput(changeInputSchema, body, 'change');
}

const endInputSchema = z.object({ date: calendarDate.optional() }).strict();

/** An end's body (`{ date? }`), or a 400 naming each bad field. */
export function parseEndInput(body: unknown): { date?: string } {
  return parseInput(endInputSchema, body, 'end');
}

const extendInputSchema = z.object({ endDate: calendarDate }).strict();

/** An extension's body (`{ endDate }`), or a 400 naming each bad field. */
export function parseExtendInput(body: unknown): { endDate: string } {
  return parseInput(extendInputSchema, body, 'extension');
}
