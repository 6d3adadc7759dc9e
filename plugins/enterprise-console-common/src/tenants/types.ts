/**
 * How an account is invoiced: one invoice per tenant, or one for the whole account.
 *
 * @public
 */
export type InvoicingMode = 'per-tenant' | 'consolidated';

/**
 * A billing account: a business unit, customer or cost centre that groups tenants.
 *
 * @public
 */
export interface Account {
  id: string;
  name: string;
  /** Enterprise accounts get the Enterprise Console over all their tenants. */
  enterprise: boolean;
  /** Catalog refs of the groups or users who administer the account. */
  adminRefs: string[];
  adminEmails: string[];
  invoicing: InvoicingMode;
  /** ISO 4217 currency code. */
  currency: string;
  autopay: boolean;
  createdAt: string;
  updatedAt: string;
}

/**
 * An account as listed in the console, with the number of its tenants.
 *
 * @public
 */
export interface AccountSummary extends Account {
  tenantCount: number;
}

/**
 * A tenant (a "project space" in the seed documents).
 *
 * @public
 */
export interface Tenant {
  /** The "Project Space Name". */
  id: string;
  accountId: string;
  /** The "Project Name". */
  name: string;
  url?: string;
  createdAt: string;
  /** IANA time zone name. */
  timezone: string;
  /** Catalog entity the tenant belongs to, if any. */
  entityRef?: string;
  /** Maximum number of OData feeds. */
  feedLimit: number;
}

/**
 * One page of a list, as every list route of the API answers.
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
export interface TenantOverview {
  activeWebUsers: number;
  activeMobileUsers: number;
  inactiveUsers: number;
  applications: number;
  /** ISO 8601 time of the latest form submission, if any. */
  lastSubmissionAt?: string;
  /** SMS messages sent in the 30 days before `asOf`. */
  smsLast30Days: number;
  /** SMS parts (billed units) in the same 30 days. */
  smsPartsLast30Days: number;
  /** When the figures were taken. */
  asOf: string;
}

/**
 * A tenant with its account's name and what exists in it.
 *
 * @public
 */
export interface TenantDetail extends Tenant {
  accountName: string;
  overview: TenantOverview;
}

/**
 * The filters of the tenants list (`GET /v1/tenants`), combined with AND;
 * a tenant-usage report takes the same. Times are ISO 8601, `createdTo`
 * exclusive. Tenants have no plan, edition or status until billing records
 * them, so a filter on one of those matches no tenant.
 *
 * @public
 */
export interface TenantFilter {
  accountId?: string;
  plan?: string;
  edition?: string;
  status?: string;
  createdFrom?: string;
  createdTo?: string;
  /** Case-insensitive substring of the tenant's id or name. */
  q?: string;
}
