import {
  TenantDetail,
  TenantUsage,
} from '@internal/plugin-enterprise-console-common';

/** A tenant named after its id, "Tenant <id>", of the account acme. */
export function tenantOf(tenantId: string): TenantDetail {
  return {
    id: tenantId,
    accountId: 'acme',
    accountName: 'Acme Health',
    name: `Tenant ${tenantId}`,
    createdAt: '2025-01-15T08:30:00.000Z',
    timezone: 'UTC',
    feedLimit: 25,
    overview: {
      activeWebUsers: 4,
      activeMobileUsers: 12,
      inactiveUsers: 2,
      applications: 3,
      smsLast30Days: 5,
      smsPartsLast30Days: 9,
      asOf: '2026-11-20T12:00:00.000Z',
    },
  };
}

/** One day of usage of a tenant, with a snapshot, forms and one meter. */
export function tenantUsageOf(tenantId: string): TenantUsage {
  return {
    tenantId,
    from: '2026-11-20',
    to: '2026-11-20',
    meters: [{ key: 'voice-minutes', name: 'Voice', unit: 'minutes' }],
    days: [
      {
        day: '2026-11-20',
        mobileUsers: 12,
        webUsers: 4,
        submissions: 6,
        smsMessages: 5,
        smsParts: 9,
        meters: { 'voice-minutes': '12.5' },
      },
    ],
  };
}
