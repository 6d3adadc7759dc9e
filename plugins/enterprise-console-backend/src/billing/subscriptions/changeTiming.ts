import { BILLING_EDITIONS } from '@internal/plugin-enterprise-console-common';
import Big from 'big.js';
import { DateTime } from 'luxon';

/*
 * When a plan change or an end takes effect (billing.md, "Subscriptions"):
 * an upgrade at once; a downgrade or an end at once too, except from a paid
 * plan within its first 30 days, the minimum commitment, when it waits for
 * day 31. The start date is day 1, so day 30 still waits and day 31 does
 * not. Trials have no minimum. Dates are UTC calendar dates (YYYY-MM-DD).
 */

/** The minimum commitment of a paid plan, in days. */
export const MINIMUM_COMMITMENT_DAYS = 30;

/** What decides a change's direction and minimum: the plan and how it is paid. */
export interface PlanStanding {
  edition: string;
  /** Two-decimal string, or null when priced by contract. */
  monthlyFee: string | null;
}

/** The subscription a change starts from. */
export interface ChangingSubscription {
  startDate: string;
  plan: PlanStanding;
  serviceType: 'product' | 'implementation' | 'trial' | 'developer';
  proBono: 'full-price' | 'discounted' | 'pro-bono';
}

/** When the change takes effect, and why when it waits. */
export interface ChangeTiming {
  direction: 'upgrade' | 'downgrade';
  effectiveDate: string;
  scheduled: boolean;
  reason?: string;
}

/** Editions of the default catalogue in order; a custom edition ranks by price alone. */
function editionRank(edition: string): number | undefined {
  const rank = (BILLING_EDITIONS as readonly string[]).indexOf(edition);
  return rank === -1 ? undefined : rank;
}

/** A by-contract fee ranks above every listed price. */
function priceOf(plan: PlanStanding): Big | undefined {
  return plan.monthlyFee === null ? undefined : new Big(plan.monthlyFee);
}

/**
 * An upgrade is a move to a higher edition or, within an edition (or
 * between custom editions), to a higher price; anything else is a
 * downgrade, which is the side the minimum commitment protects.
 */
export function isUpgrade(from: PlanStanding, to: PlanStanding): boolean {
  const fromRank = editionRank(from.edition);
  const toRank = editionRank(to.edition);
  if (fromRank !== undefined && toRank !== undefined && fromRank !== toRank) {
    return toRank > fromRank;
  }
  const fromPrice = priceOf(from);
  const toPrice = priceOf(to);
  if (toPrice === undefined) {
    return fromPrice !== undefined;
  }
  return fromPrice !== undefined && toPrice.gt(fromPrice);
}

/**
 * Whether the subscription is bound by the minimum commitment: a paid plan
 * (a fee above zero, or by contract) that is not a trial and not pro bono
 * (which pays nothing to commit to).
 */
export function hasMinimumCommitment(
  subscription: ChangingSubscription,
): boolean {
  const price = priceOf(subscription.plan);
  const paid = price === undefined || price.gt(0);
  return (
    paid &&
    subscription.serviceType !== 'trial' &&
    subscription.proBono !== 'pro-bono'
  );
}

/** The 1-based day of the subscription a date falls on: its start is day 1. */
export function subscriptionDay(startDate: string, date: string): number {
  const days = DateTime.fromISO(date, { zone: 'utc' }).diff(
    DateTime.fromISO(startDate, { zone: 'utc' }),
    'days',
  ).days;
  return Math.round(days) + 1;
}

function waitsForCommitment(
  subscription: ChangingSubscription,
  requestedOn: string,
): ChangeTiming | undefined {
  const day = subscriptionDay(subscription.startDate, requestedOn);
  if (!hasMinimumCommitment(subscription) || day > MINIMUM_COMMITMENT_DAYS) {
    return undefined;
  }
  const effectiveDate = DateTime.fromISO(subscription.startDate, {
    zone: 'utc',
  })
    .plus({ days: MINIMUM_COMMITMENT_DAYS })
    .toISODate()!;
  return {
    direction: 'downgrade',
    effectiveDate,
    scheduled: true,
    reason: `Day ${day} of a paid plan's ${MINIMUM_COMMITMENT_DAYS}-day minimum commitment: the change takes effect on ${effectiveDate}`,
  };
}

/** When a change to `to`, asked for on `requestedOn`, takes effect. */
export function changeTiming(
  subscription: ChangingSubscription,
  to: PlanStanding,
  requestedOn: string,
): ChangeTiming {
  if (isUpgrade(subscription.plan, to)) {
    return {
      direction: 'upgrade',
      effectiveDate: requestedOn,
      scheduled: false,
    };
  }
  return (
    waitsForCommitment(subscription, requestedOn) ?? {
      direction: 'downgrade',
      effectiveDate: requestedOn,
      scheduled: false,
    }
  );
}

/** When ending a subscription, asked for on `requestedOn`, takes effect (then Community). */
export function endTiming(
  subscription: ChangingSubscription,
  requestedOn: string,
): ChangeTiming {
  return (
    waitsForCommitment(subscription, requestedOn) ?? {
      direction: 'downgrade',
      effectiveDate: requestedOn,
      scheduled: false,
    }
  );
}
