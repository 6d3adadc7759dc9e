import type * as Model from '../generated/models';

/*
 * The wire types of accounts and tenants, named for their consumers; their
 * fields are stated once, in the backend's openapi.yaml (see
 * ../generated/models.ts).
 */

/**
 * How an account is invoiced: one invoice per tenant, or one for the whole account.
 *
 * @public
 */
export type InvoicingMode = Model.Account['invoicing'];

/**
 * A billing account: a business unit, customer or cost centre that groups
 * tenants. Enterprise accounts get the Enterprise Console over all their
 * tenants; `adminRefs` are catalog refs of the groups or users who
 * administer it; `currency` is an ISO 4217 code.
 *
 * @public
 */
export type Account = Model.Account;

/**
 * An account as listed in the console, with the number of its tenants.
 *
 * @public
 */
export type AccountSummary = Model.AccountSummary;

/**
 * A tenant (a "project space" in the seed documents): `id` is the "Project
 * Space Name", `name` the "Project Name", `timezone` an IANA name,
 * `entityRef` the catalog entity it belongs to, `feedLimit` the maximum
 * number of OData feeds.
 *
 * @public
 */
export type Tenant = Model.Tenant;

/**
 * A tenant as the tenants list answers it: `canRead` says whether the
 * caller may open its page (enterprise-console.tenant.read).
 *
 * @public
 */
export type TenantListItem = Model.TenantListItem;

/**
 * What the tenants list sorts by; the tenant id breaks ties.
 *
 * @public
 */
export type TenantSortKey = Model.TenantSortKey;

/**
 * One page of a list, as every list route of the API answers. (The YAML
 * states each page inline; it has no generic type.)
 *
 * @public
 */
export interface Page<T> {
  items: T[];
  /** Opaque cursor of the next page; absent on the last page. */
  nextCursor?: string;
  totalCount: number;
}

/**
 * What exists in a tenant right now: the figures of the tenant card on
 * catalog entity pages.
 *
 * @public
 */
export type TenantOverview = Model.TenantOverview;

/**
 * A tenant with its account's name and what exists in it.
 *
 * @public
 */
export type TenantDetail = Model.TenantDetail;

/**
 * A tenant's usage per UTC day of a range (both ends included), one entry
 * per day: the tenant page's charts.
 *
 * @public
 */
export type TenantUsage = Model.TenantUsage;

/**
 * One day of a tenant's usage; `meters` holds each meter's sum as a
 * decimal string, users are null on a day without a snapshot.
 *
 * @public
 */
export type TenantUsageDay = Model.TenantUsageDay;

/**
 * The filters of the tenants list (`GET /v1/tenants`), combined with AND;
 * a tenant-usage report takes the same. Times are ISO 8601, `createdTo`
 * exclusive. Tenants have no plan, edition or status until billing records
 * them, so a filter on one of those matches no tenant.
 *
 * @public
 */
export type TenantFilter = Model.TenantFilter;
