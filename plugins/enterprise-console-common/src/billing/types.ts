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

/**
 * The day an end is asked for (`POST /v1/billing/subscriptions/{id}/end`).
 *
 * @public
 */
export type BillingSubscriptionEndInput = Model.BillingSubscriptionEndInput;

/**
 * What a change or an end did: the subscription that ends, the one that
 * follows, when, and why it waits when it is scheduled
 * (`POST …/{id}/change` and `…/{id}/end`).
 *
 * @public
 */
export type BillingSubscriptionChange =
  Model.operations['ChangeBillingSubscription']['responses'][200]['content']['application/json'];

/**
 * The new end of an implementation subscription (`POST …/{id}/extend`).
 *
 * @public
 */
export type BillingSubscriptionExtendInput =
  Model.BillingSubscriptionExtendInput;

/**
 * A billing admin's rejection of an application, with the reason the
 * applicant is told.
 *
 * @public
 */
export type BillingApplicationRejection = Model.BillingApplicationRejection;

/**
 * An application approved and the subscription it created.
 *
 * @public
 */
export type BillingApplicationDecision =
  Model.operations['ApproveBillingApplication']['responses'][200]['content']['application/json'];
