import {
  TenantFilter,
  TenantSortKey,
} from '@internal/plugin-enterprise-console-common';
import { addDays, isDate } from '../../lib/dates';

/** The sorts the table offers, by column; the id breaks ties. */
export const TENANT_SORT_KEYS: readonly TenantSortKey[] = [
  'id',
  'name',
  'createdAt',
  'accountId',
];

/**
 * What the tenants list shows, as its URL query holds it (so a reload or a
 * shared link shows the same view). Dates are UTC days, `createdTo`
 * included; empty strings are unset filters.
 */
export interface TenantListView {
  account: string;
  plan: string;
  edition: string;
  status: string;
  createdFrom: string;
  createdTo: string;
  q: string;
  sort: TenantSortKey;
  order: 'asc' | 'desc';
}

const TEXT_KEYS = [
  'account',
  'plan',
  'edition',
  'status',
  'createdFrom',
  'createdTo',
  'q',
] as const;

/** The view a URL query describes; unknown sorts fall back to the default. */
export function readTenantListView(params: URLSearchParams): TenantListView {
  const sort = params.get('sort') as TenantSortKey | null;
  const view = {
    sort: sort && TENANT_SORT_KEYS.includes(sort) ? sort : 'name',
    order: params.get('order') === 'desc' ? 'desc' : 'asc',
  } as TenantListView;
  for (const key of TEXT_KEYS) {
    view[key] = params.get(key) ?? '';
  }
  return view;
}

/**
 * `params` with the view written into it: set filters only, other
 * parameters (of other tabs) kept.
 */
export function writeTenantListView(
  params: URLSearchParams,
  view: TenantListView,
): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const key of [...TEXT_KEYS, 'sort', 'order'] as const) {
    const value = view[key].trim();
    if (value) next.set(key, value);
    else next.delete(key);
  }
  return next;
}

/**
 * The view's filters as the API takes them (the list query and a usage
 * report's `filter`): `createdTo` exclusive, so the day after the one
 * shown. Half-typed dates are left out.
 */
export function toTenantFilter(view: TenantListView): TenantFilter {
  const filter: TenantFilter = {};
  if (view.account) filter.accountId = view.account;
  for (const key of ['plan', 'edition', 'status', 'q'] as const) {
    const value = view[key].trim();
    if (value) filter[key] = value;
  }
  if (isDate(view.createdFrom)) filter.createdFrom = view.createdFrom;
  if (isDate(view.createdTo)) filter.createdTo = addDays(view.createdTo, 1);
  return filter;
}

/** The filters in words, for the usage report dialog. */
export function describeTenantFilter(
  view: TenantListView,
  accountName: string,
): string {
  const parts = [`the tenants of ${accountName}`];
  if (view.q.trim()) parts.push(`whose name or id contains "${view.q.trim()}"`);
  for (const key of ['plan', 'edition', 'status'] as const) {
    if (view[key].trim()) parts.push(`with ${key} ${view[key].trim()}`);
  }
  const from = isDate(view.createdFrom) ? view.createdFrom : '';
  const to = isDate(view.createdTo) ? view.createdTo : '';
  if (from && to) parts.push(`created from ${from} to ${to} (UTC)`);
  else if (from) parts.push(`created on or after ${from} (UTC)`);
  else if (to) parts.push(`created up to ${to} (UTC)`);
  return `The report holds ${parts.join(', ')}.`;
}
