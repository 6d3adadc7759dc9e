import { z } from 'zod';
import { entityRef, isoTime, slug, timezone, webUrl } from '../lib/validation';

/*
 * One source of truth for what an account or a tenant may contain; the
 * HTTP routes and the seeding writer both validate through here.
 */

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
