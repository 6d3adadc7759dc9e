import type * as Model from '../generated/models';

/*
 * Billing as the HTTP API carries it (api.md, "Billing"; billing.md). Money
 * travels as two-decimal strings, never numbers.
 */

/**
 * The editions of the default catalogue (billing.md); a custom plan may
 * name another edition key.
 *
 * @public
 */
export const BILLING_EDITIONS = [
  'community',
  'standard',
  'pro',
  'advanced',
  'enterprise',
] as const;

/**
 * A plan as a billing admin writes it (`PUT /v1/billing/plans/{planId}`).
 *
 * @public
 */
export type BillingPlanInput = Model.BillingPlanInput;

/**
 * One version of a plan of the catalogue.
 *
 * @public
 */
export type BillingPlan = Model.BillingPlan;

/**
 * A new subscription (`POST /v1/billing/subscriptions`).
 *
 * @public
 */
export type BillingSubscriptionInput = Model.BillingSubscriptionInput;

/**
 * A subscription: the plan version a tenant pays over `[startDate, endDate)`.
 *
 * @public
 */
export type BillingSubscription = Model.BillingSubscription;
