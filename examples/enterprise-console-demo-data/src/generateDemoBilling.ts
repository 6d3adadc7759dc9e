import {
  BillingApplicationInput,
  BillingSubscriptionInput,
} from '@internal/plugin-enterprise-console-common';
import { TenantInput } from '@internal/plugin-enterprise-console-node';

/** The demo persona that applies for plans (examples/org.yaml). */
export const DEMO_TENANT_ADMIN = 'user:default/demo-tenant-admin';

/** A plan change of a tenant's running subscription, asked for on `date`. */
export interface DemoPlanChange {
  tenantId: string;
  planId: string;
  date: string;
}

/** A pending application and who sent it. */
export interface DemoApplication {
  application: BillingApplicationInput;
  applicant: string;
}

/**
 * The demo's billing: a subscription for every tenant, so that the Billing
 * tab shows every edition and term, a scheduled downgrade and pending
 * applications of both kinds.
 */
export interface DemoBilling {
  subscriptions: BillingSubscriptionInput[];
  changes: DemoPlanChange[];
  applications: DemoApplication[];
}

const DAY_MS = 24 * 60 * 60 * 1000;

function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Plans in turn, so that each account shows several editions. */
const PLAN_ROTATION = ['standard', 'pro', 'community', 'advanced', 'standard'];

/**
 * Derives the demo's billing from its tenants, relative to `referenceDate`.
 * Each tenant subscribes from the day it was created; special terms go to
 * fixed positions within an account, so they exist at any scale that gives
 * the account enough tenants.
 */
export function generateDemoBilling(
  tenants: readonly TenantInput[],
  referenceDate: Date,
): DemoBilling {
  const today = Date.UTC(
    referenceDate.getUTCFullYear(),
    referenceDate.getUTCMonth(),
    referenceDate.getUTCDate(),
  );
  const subscriptions: BillingSubscriptionInput[] = [];
  const changes: DemoPlanChange[] = [];
  const applications: DemoApplication[] = [];
  const byAccount = new Map<string, TenantInput[]>();
  for (const tenant of tenants) {
    byAccount.set(tenant.accountId, [
      ...(byAccount.get(tenant.accountId) ?? []),
      tenant,
    ]);
  }

  for (const [accountId, accountTenants] of byAccount) {
    accountTenants.forEach((tenant, index) => {
      const created = Date.parse(tenant.createdAt);
      const startDate = utcDay(created);
      const base = {
        tenantId: tenant.id,
        cycle: 'monthly' as const,
        startDate,
      };
      const recent = today - created < 40 * DAY_MS;
      if (accountId === 'umbrella-ngo') {
        // The non-profit: one pro-bono tenant; the others apply (below).
        subscriptions.push(
          index === 0
            ? { ...base, planId: 'standard', proBono: 'pro-bono' }
            : { ...base, planId: 'community' },
        );
        if (index === 1) {
          applications.push({
            applicant: DEMO_TENANT_ADMIN,
            application: {
              tenantId: tenant.id,
              kind: 'pro-bono',
              planId: 'standard',
              organisation: 'Umbrella Relief',
              reason:
                'A six-month pilot of cholera case tracking in two districts.',
              expectedUsers: 40,
              pilotMonths: 6,
            },
          });
        }
        if (index === 2) {
          applications.push({
            applicant: DEMO_TENANT_ADMIN,
            application: {
              tenantId: tenant.id,
              kind: 'developer',
              integrationDescription:
                'A connector that exports case data to the national DHIS2 instance.',
            },
          });
        }
        return;
      }
      if (index === 0 && accountId === 'acme-health') {
        subscriptions.push({
          ...base,
          planId: 'enterprise',
          cycle: 'monthly',
          autoRenew: true,
        });
        return;
      }
      if (index === 1) {
        // Paid Pro for ten days, then a downgrade asked for today: the
        // 30-day minimum schedules it (billing.md).
        subscriptions.push({
          ...base,
          planId: 'pro',
          startDate: recent ? startDate : utcDay(today - 10 * DAY_MS),
        });
        changes.push({
          tenantId: tenant.id,
          planId: 'standard',
          date: utcDay(today),
        });
        return;
      }
      if (index === 2) {
        subscriptions.push({
          ...base,
          planId: 'advanced',
          serviceType: 'implementation',
          startDate: utcDay(today - 60 * DAY_MS),
          endDate: utcDay(today + 45 * DAY_MS),
          doNotInvoice: true,
          doNotInvoiceReason: 'Paid in the implementation bundle contract',
        });
        return;
      }
      if (index === 3) {
        subscriptions.push({
          ...base,
          planId: 'pro',
          startDate: utcDay(today - 7 * DAY_MS),
          serviceType: 'trial',
        });
        return;
      }
      if (index === 4) {
        subscriptions.push({
          ...base,
          planId: 'standard',
          proBono: 'discounted',
          discountPercent: 20,
          autoRenew: true,
        });
        return;
      }
      subscriptions.push({
        ...base,
        planId: PLAN_ROTATION[index % PLAN_ROTATION.length],
      });
    });
  }
  return { subscriptions, changes, applications };
}
