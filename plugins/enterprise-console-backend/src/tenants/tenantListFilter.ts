import {
  isValidSlug,
  TenantFilter,
} from '@internal/plugin-enterprise-console-common';
import { Knex } from 'knex';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { ACCEPTED_YEARS_MESSAGE, isWithinAcceptedYears } from '../lib/isoTime';

const dateOrTime = z
  .string()
  .max(40)
  .refine(value => DateTime.fromISO(value, { zone: 'utc' }).isValid, {
    message: 'must be an ISO 8601 date or date-time',
  })
  .transform(value => DateTime.fromISO(value, { zone: 'utc' }).toJSDate())
  .refine(
    // Only a parsed date is checked; an unparsed one is refused above.
    date => !(date instanceof Date) || isWithinAcceptedYears(date),
    { message: ACCEPTED_YEARS_MESSAGE },
  );

/**
 * The filters of the tenants list, as its query and a tenant-usage report
 * request carry them: the one parser of both, so a report chooses exactly
 * the tenants the list shows.
 */
export const tenantListFilterSchema = z.object({
  accountId: z
    .string()
    .refine(isValidSlug, { message: 'must be an account id' })
    .optional(),
  plan: z.string().min(1).max(100).optional(),
  edition: z.string().min(1).max(100).optional(),
  status: z.string().min(1).max(100).optional(),
  q: z.string().max(200).optional(),
  createdFrom: dateOrTime.optional(),
  createdTo: dateOrTime.optional(),
});

/** Filters of the tenants list; all optional, combined with AND. */
export type TenantListFilter = z.output<typeof tenantListFilterSchema>;

/** A parsed filter as the API and stored run parameters write it. */
export function toTenantFilter(filter: TenantListFilter): TenantFilter {
  const written: TenantFilter = {};
  for (const key of ['accountId', 'plan', 'edition', 'status', 'q'] as const) {
    if (filter[key] !== undefined) {
      written[key] = filter[key];
    }
  }
  if (filter.createdFrom) {
    written.createdFrom = filter.createdFrom.toISOString();
  }
  if (filter.createdTo) {
    written.createdTo = filter.createdTo.toISOString();
  }
  return written;
}

/**
 * Narrows a query of `tenants` (as `table`) to the filter's tenants:
 * `createdTo` is exclusive, `q` a case-insensitive substring of id or name.
 */
export function applyTenantListFilter(
  query: Knex.QueryBuilder,
  filter: TenantListFilter,
  table: string = 'tenants',
): Knex.QueryBuilder {
  const column = (name: string) => `${table}.${name}`;
  if (filter.accountId) {
    query.where(column('account_id'), filter.accountId);
  }
  if (filter.createdFrom) {
    query.where(column('created_at'), '>=', filter.createdFrom);
  }
  if (filter.createdTo) {
    query.where(column('created_at'), '<', filter.createdTo);
  }
  // Billing records these when a subscription takes effect; a tenant
  // without one matches no value.
  if (filter.plan) {
    query.where(column('plan_id'), filter.plan);
  }
  if (filter.edition) {
    query.where(column('edition'), filter.edition);
  }
  if (filter.status) {
    query.where(column('status'), filter.status);
  }
  if (filter.q) {
    // LIKE wildcards in the search text are matched literally.
    const pattern = `%${filter.q
      .toLowerCase()
      .replace(/[\\%_]/g, c => `\\${c}`)}%`;
    query.where(inner =>
      inner
        .whereRaw(`lower(??) like ? escape '\\'`, [column('id'), pattern])
        .orWhereRaw(`lower(??) like ? escape '\\'`, [column('name'), pattern]),
    );
  }
  return query;
}
