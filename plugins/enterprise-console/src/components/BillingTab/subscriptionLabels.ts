import {
  BillingApplication,
  BillingPlan,
  BillingSubscription,
} from '@internal/plugin-enterprise-console-common';

/*
 * How subscriptions read in the console. The API carries keys; people read
 * these words. Keys the console does not know yet are shown as they come.
 */

export const CYCLE_LABELS: Record<BillingSubscription['cycle'], string> = {
  monthly: 'Monthly',
  annual: 'Annual',
};

export const SERVICE_TYPE_LABELS: Record<
  BillingSubscription['serviceType'],
  string
> = {
  product: 'Product',
  implementation: 'Implementation',
  trial: 'Trial',
  developer: 'Developer',
};

export const SUBSCRIPTION_STATUS_LABELS: Record<
  BillingSubscription['status'],
  string
> = {
  scheduled: 'Scheduled',
  active: 'Active',
  ended: 'Ended',
};

export const APPLICATION_KIND_LABELS: Record<
  BillingApplication['kind'],
  string
> = {
  'pro-bono': 'Pro bono',
  developer: 'Developer',
};

export const APPLICATION_STATUS_LABELS: Record<
  BillingApplication['status'],
  string
> = {
  pending: 'Pending',
  approved: 'Approved',
  rejected: 'Rejected',
};

/** Full price, `20% discount` or Pro bono. */
export function pricingLabel(subscription: BillingSubscription): string {
  switch (subscription.proBono) {
    case 'discounted':
      return subscription.discountPercent
        ? `${subscription.discountPercent}% discount`
        : 'Discounted';
    case 'pro-bono':
      return 'Pro bono';
    default:
      return 'Full price';
  }
}

/** A plan's name from the catalogue, or its id when the catalogue lacks it. */
export function planName(
  planId: string | null | undefined,
  plans: readonly BillingPlan[],
): string {
  if (!planId) return '—';
  return plans.find(plan => plan.id === planId)?.name ?? planId;
}

/** `Pro (v1)`: the plan and the version the subscription pays. */
export function planWithVersion(
  subscription: BillingSubscription,
  plans: readonly BillingPlan[],
): string {
  return `${planName(subscription.planId, plans)} (v${
    subscription.planVersion
  })`;
}

/**
 * The subscription a scheduled one follows: the tenant's subscription that
 * ends on the day it starts.
 */
export function precedingSubscription(
  scheduled: BillingSubscription,
  subscriptions: readonly BillingSubscription[],
): BillingSubscription | undefined {
  return subscriptions.find(
    other =>
      other.id !== scheduled.id &&
      other.tenantId === scheduled.tenantId &&
      other.endDate === scheduled.startDate,
  );
}

/** What a scheduled subscription will do, in words. */
export type ScheduledChange = {
  kind: 'downgrade' | 'upgrade' | 'change' | 'end' | 'start';
  /** "Downgrade to Standard on 2026-12-15". */
  label: string;
};

/**
 * A scheduled subscription as the change it stands for: an end (the
 * fallback to Community), a downgrade or upgrade by catalogue order (the
 * catalogue lists the smaller editions first), or a future start.
 */
export function describeScheduledChange(
  scheduled: BillingSubscription,
  previous: BillingSubscription | undefined,
  plans: readonly BillingPlan[],
): ScheduledChange {
  const to = planName(scheduled.planId, plans);
  const on = scheduled.startDate;
  if (!previous) {
    return { kind: 'start', label: `Starts on ${to} on ${on}` };
  }
  if (scheduled.planId === 'community' && previous.planId !== 'community') {
    return {
      kind: 'end',
      label: `Ends on ${on}, then Community`,
    };
  }
  const rank = (planId: string) => plans.findIndex(plan => plan.id === planId);
  const before = rank(previous.planId);
  const after = rank(scheduled.planId);
  if (before >= 0 && after >= 0 && after < before) {
    return { kind: 'downgrade', label: `Downgrade to ${to} on ${on}` };
  }
  if (before >= 0 && after >= 0 && after > before) {
    return { kind: 'upgrade', label: `Upgrade to ${to} on ${on}` };
  }
  return { kind: 'change', label: `Change to ${to} on ${on}` };
}

/** The applicant's name from a user entity ref: `user:default/jane` → jane. */
export function refName(entityRef: string): string {
  const slash = entityRef.lastIndexOf('/');
  const colon = entityRef.indexOf(':');
  return entityRef.slice(Math.max(slash, colon) + 1) || entityRef;
}
