import { useApi } from '@backstage/core-plugin-api';
import {
  BillingPlan,
  BillingSubscription,
  BillingTenantFeatures,
  enterpriseConsoleBillingReadPermission,
} from '@internal/plugin-enterprise-console-common';
import useAsync from 'react-use/esm/useAsync';
import { enterpriseConsoleApiRef } from '../../api';
import { useConsolePermission } from '../../permissions';
import {
  describeScheduledChange,
  precedingSubscription,
  ScheduledChange,
} from '../BillingTab/subscriptionLabels';

export type TenantSubscription = {
  /** The subscription running today, if any. */
  current?: BillingSubscription;
  /** The next scheduled change, if any. */
  next?: { subscription: BillingSubscription; change: ScheduledChange };
  /** What the plan grants and what the tenant uses; absent when unreadable. */
  features?: BillingTenantFeatures;
  plans: BillingPlan[];
};

function statusOf(error: unknown): number | undefined {
  return (error as { statusCode?: number } | undefined)?.statusCode;
}

/**
 * A tenant's subscription as summaries show it, for users holding
 * billing.read on the tenant's account; `hidden` for everyone else, and
 * when the server refuses (a 403 or 404 is no error worth showing there).
 */
export function useTenantSubscription(tenant: {
  id: string;
  accountId: string;
}): {
  hidden: boolean;
  loading: boolean;
  error?: Error;
  value?: TenantSubscription;
} {
  const api = useApi(enterpriseConsoleApiRef);
  const permission = useConsolePermission(
    enterpriseConsoleBillingReadPermission,
    tenant.accountId,
  );
  const state = useAsync(async (): Promise<TenantSubscription | undefined> => {
    if (!permission.allowed) return undefined;
    const [subscriptions, features, plans] = await Promise.all([
      api.listBillingSubscriptions({ tenantId: tenant.id }),
      // Names and features only enrich the summary; it stands without them.
      api.getBillingTenantFeatures(tenant.id).catch(() => undefined),
      api.listBillingPlans().catch(() => [] as BillingPlan[]),
    ]);
    const current = subscriptions.find(s => s.status === 'active');
    const scheduled = subscriptions
      .filter(s => s.status === 'scheduled')
      .sort((a, b) => a.startDate.localeCompare(b.startDate))[0];
    return {
      current,
      features,
      plans,
      next: scheduled && {
        subscription: scheduled,
        change: describeScheduledChange(
          scheduled,
          precedingSubscription(scheduled, subscriptions),
          plans,
        ),
      },
    };
  }, [api, tenant.id, permission.allowed]);

  const refused = [403, 404].includes(statusOf(state.error) ?? 0);
  return {
    hidden: permission.loading ? false : !permission.allowed || refused,
    loading: permission.loading || state.loading,
    error: refused ? undefined : state.error,
    value: state.value,
  };
}
