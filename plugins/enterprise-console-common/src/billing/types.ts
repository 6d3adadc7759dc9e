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

/**
 * A plan change (`POST /v1/billing/subscriptions/{id}/change` and
 * `…/preview-change`).
 *
 * @public
 */
export type BillingSubscriptionChangeInput =
  Model.BillingSubscriptionChangeInput;

/**
 * What a plan change would do: when, why, the features lost and the
 * estimated invoice (`POST …/preview-change`).
 *
 * @public
 */
export type BillingChangePreview = Model.BillingChangePreview;

/**
 * An estimated invoice of one month.
 *
 * @public
 */
export type BillingEstimate = Model.BillingEstimate;

/**
 * One line of an estimated invoice.
 *
 * @public
 */
export type BillingEstimateLine = Model.BillingEstimateLine;

/**
 * A scheduled subscription cancelled and the one restored
 * (`POST …/{id}/cancel`).
 *
 * @public
 */
export type BillingSubscriptionCancellation =
  Model.BillingSubscriptionCancellation;

/**
 * The features a tenant's plan grants and those it uses
 * (`GET /v1/billing/tenants/{tenantId}/features`).
 *
 * @public
 */
export type BillingTenantFeatures = Model.BillingTenantFeatures;

/**
 * A pro-bono or developer plan application as a tenant admin sends it.
 *
 * @public
 */
export type BillingApplicationInput = Model.BillingApplicationInput;

/**
 * A plan application and its decision.
 *
 * @public
 */
export type BillingApplication = Model.BillingApplication;

/**
 * A billing admin's approval of an application.
 *
 * @public
 */
export type BillingApplicationApproval = Model.BillingApplicationApproval;
