import { acme, accountsApi } from '../__fixtures__/accounts';
import {
  acmeContacts,
  acmeCredits,
  acmeInvoices,
  acmePayments,
} from '../__fixtures__/billingStatements';
import {
  acmeSubscriptions,
  acmeTenants,
} from '../__fixtures__/billingSubscriptions';
import { EnterpriseConsoleApi } from '../api';
import { BillingTab } from '../components/BillingTab';
import { renderWithApis } from './renderWithApis';

export const BILLING_READ = 'enterprise-console.billing.read';
export const BILLING_MANAGE = 'enterprise-console.billing.manage';
export const SETTINGS_UPDATE = 'enterprise-console.settings.update';

/**
 * The reads of acme-health's billing, as jest mocks answering the
 * fixtures; a test overrides what it changes or watches.
 */
export function billingApi(methods: Partial<EnterpriseConsoleApi> = {}) {
  return Object.assign(accountsApi([acme]), {
    listTenants: jest.fn(async () => ({
      items: acmeTenants.map(t => ({ ...t, canRead: true })),
      totalCount: acmeTenants.length,
    })),
    listBillingInvoices: jest.fn(async () => acmeInvoices),
    listBillingCredits: jest.fn(async () => acmeCredits),
    listBillingPayments: jest.fn(async () => acmePayments),
    listBillingSubscriptions: jest.fn(async () => acmeSubscriptions),
    getBillingContacts: jest.fn(async () => acmeContacts),
    ...methods,
  });
}

/**
 * The Billing tab at `?section=<section>` (and any other query, e.g.
 * `statement=<id>`) with the given API and permissions.
 */
export function renderBillingSection(
  query: string,
  options: { api: EnterpriseConsoleApi; granted: string[] },
) {
  return renderWithApis(<BillingTab />, {
    ...options,
    initialEntries: [`/enterprise-console/billing?${query}`],
  });
}
