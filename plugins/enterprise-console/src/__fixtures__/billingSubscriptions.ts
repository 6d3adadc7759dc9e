import {
  BillingApplication,
  BillingChangePreview,
  BillingSubscription,
  BillingTenantFeatures,
  Tenant,
} from '@internal/plugin-enterprise-console-common';

function subscription(
  fields: Partial<BillingSubscription> &
    Pick<BillingSubscription, 'id' | 'tenantId' | 'planId' | 'startDate'>,
): BillingSubscription {
  return {
    accountId: 'acme-health',
    planVersion: 1,
    cycle: 'monthly',
    proBono: 'full-price',
    serviceType: 'product',
    doNotInvoice: false,
    autoRenew: true,
    status: 'active',
    ...fields,
  };
}

/**
 * The subscriptions of acme-health, newest start first: Alpha Clinic on Pro
 * since 2026-11-15 with a downgrade to Standard scheduled for 2026-12-15 (its
 * 30-day minimum), Beta Labs on an implementation bundle, Gamma pro bono.
 */
export const alphaStandardScheduled = subscription({
  id: 'sub-alpha-standard',
  tenantId: 'alpha',
  planId: 'standard',
  planVersion: 2,
  startDate: '2026-12-15',
  status: 'scheduled',
});
export const alphaPro = subscription({
  id: 'sub-alpha-pro',
  tenantId: 'alpha',
  planId: 'pro',
  startDate: '2026-11-15',
  endDate: '2026-12-15',
});
export const betaImplementation = subscription({
  id: 'sub-beta-impl',
  tenantId: 'beta',
  planId: 'advanced',
  cycle: 'annual',
  startDate: '2026-06-01',
  endDate: '2027-01-01',
  proBono: 'discounted',
  discountPercent: 20,
  serviceType: 'implementation',
});
export const gammaProBono = subscription({
  id: 'sub-gamma-standard',
  tenantId: 'gamma',
  planId: 'standard',
  planVersion: 2,
  startDate: '2026-10-01',
  proBono: 'pro-bono',
});
export const alphaCommunityEnded = subscription({
  id: 'sub-alpha-community',
  tenantId: 'alpha',
  planId: 'community',
  startDate: '2026-01-01',
  endDate: '2026-11-15',
  status: 'ended',
});

export const acmeSubscriptions: BillingSubscription[] = [
  alphaStandardScheduled,
  alphaPro,
  gammaProBono,
  betaImplementation,
  alphaCommunityEnded,
];

/** Alpha Clinic before the downgrade was scheduled: Pro, open-ended. */
export const alphaProOpen: BillingSubscription = {
  ...alphaPro,
  endDate: undefined,
};

/** The tenants of acme-health as the tenants list has them. */
export const acmeTenants: Tenant[] = ['alpha', 'beta', 'gamma'].map(id => ({
  id,
  accountId: 'acme-health',
  name: `${id.charAt(0).toUpperCase()}${id.slice(1)} Clinic`,
  createdAt: '2025-01-15T08:30:00.000Z',
  timezone: 'UTC',
  feedLimit: 25,
}));

/** Pro → Standard within Pro's first 30 days: scheduled, OData lost. */
export const downgradePreview: BillingChangePreview = {
  effectiveDate: '2026-12-15',
  scheduled: true,
  reason:
    'Pro is in its first 30 days (the minimum commitment), so the downgrade waits until 2026-12-15.',
  featuresLost: ['odata-feeds'],
  estimate: {
    period: '2026-12',
    total: '435.49',
    lines: [
      {
        kind: 'plan',
        description: 'Pro, 2026-12-01 to 2026-12-14',
        quantity: '14/31',
        unitPrice: '600.00',
        amount: '270.97',
      },
      {
        kind: 'plan',
        description: 'Standard, 2026-12-15 to 2026-12-31',
        quantity: '17/31',
        unitPrice: '300.00',
        amount: '164.52',
      },
    ],
  },
};

/** Ending Pro: Community from 2026-12-15, two features switched off. */
export const endPreview: BillingChangePreview = {
  effectiveDate: '2026-12-15',
  scheduled: true,
  reason:
    'Pro is in its first 30 days (the minimum commitment), so the end waits until 2026-12-15.',
  featuresLost: ['sms-reminders', 'api-access'],
  estimate: {
    period: '2026-12',
    total: '270.97',
    lines: [
      {
        kind: 'plan',
        description: 'Pro, 2026-12-01 to 2026-12-14',
        quantity: '14/31',
        unitPrice: '600.00',
        amount: '270.97',
      },
      {
        kind: 'plan',
        description: 'Community, 2026-12-15 to 2026-12-31',
        quantity: '17/31',
        unitPrice: '0.00',
        amount: '0.00',
      },
    ],
  },
};

export const alphaFeatures: BillingTenantFeatures = {
  tenantId: 'alpha',
  planId: 'pro',
  edition: 'pro',
  granted: ['api-access', 'sms-reminders', 'odata-feeds'],
  inUse: ['odata-feeds'],
};

export const pendingProBono: BillingApplication = {
  id: 'app-1',
  tenantId: 'gamma',
  accountId: 'acme-health',
  kind: 'pro-bono',
  planId: 'standard',
  organisation: 'Field Nurses Trust',
  reason: 'A charity running home visits.',
  expectedUsers: 40,
  pilotMonths: 6,
  status: 'pending',
  applicant: 'user:default/jane',
  createdAt: '2026-11-20T09:00:00.000Z',
};

export const rejectedDeveloper: BillingApplication = {
  id: 'app-2',
  tenantId: 'beta',
  accountId: 'acme-health',
  kind: 'developer',
  planId: 'community',
  integrationDescription: 'A connector to our lab system.',
  status: 'rejected',
  applicant: 'user:default/joe',
  createdAt: '2026-11-25T09:00:00.000Z',
  decidedAt: '2026-11-26T10:00:00.000Z',
  decidedBy: 'user:default/billing-admin',
  rejectionReason: 'Developer plans are for integration partners.',
};

export const pendingDeveloper: BillingApplication = {
  id: 'app-3',
  tenantId: 'alpha',
  accountId: 'acme-health',
  kind: 'developer',
  planId: 'community',
  integrationDescription: 'Sync of forms to our warehouse.',
  status: 'pending',
  applicant: 'user:default/ann',
  createdAt: '2026-11-10T09:00:00.000Z',
};
