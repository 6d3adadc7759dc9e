import {
  BillingPlan,
  BillingSubscription,
} from '@internal/plugin-enterprise-console-common';
import Big from 'big.js';
import { formatMoney } from '../../lib/money';
import {
  BilledSubscription,
  billingMonth,
  PlanPrices,
  subscriptionMonthLines,
} from '../proration';
import { ChangePreviewBasis } from './SubscriptionStore';

/** One line of an estimate as the API sends it. */
export interface EstimateLine {
  kind: 'plan' | 'users' | 'sms' | 'discount';
  description: string;
  quantity: string;
  unitPrice: string;
  amount: string;
}

/** The estimated invoice of one month for a tenant. */
export interface ChangeEstimate {
  period: string;
  total: string;
  lines: EstimateLine[];
}

/** What a plan charges, as the invoice arithmetic reads it. */
export function pricesOf(plan: BillingPlan): PlanPrices {
  return {
    name: plan.name,
    monthlyFee: plan.monthlyFee === null ? null : new Big(plan.monthlyFee),
    ...(plan.annualMonthlyPrice === undefined
      ? {}
      : { annualMonthlyPrice: new Big(plan.annualMonthlyPrice) }),
    includedUsers: plan.includedUsers,
    extraUserFee:
      plan.extraUserFee === null ? null : new Big(plan.extraUserFee),
    includedSms: plan.includedSms,
  };
}

function billed(subscription: BillingSubscription): BilledSubscription {
  return {
    startDate: subscription.startDate,
    ...(subscription.endDate === undefined
      ? {}
      : { endDate: subscription.endDate }),
    cycle: subscription.cycle,
    proBono: subscription.proBono,
    ...(subscription.discountPercent === undefined
      ? {}
      : { discountPercent: String(subscription.discountPercent) }),
  };
}

/**
 * The estimated invoice of the effective date's month, by the arithmetic
 * the invoice run uses (proration.ts): the tenant's earlier subscriptions
 * of that month, the current one up to the effective date and the next one
 * from it (on the current one's terms and end, as the change makes it),
 * each prorated by day, extra users at `activeMobileUsers`, no SMS (not
 * yet sent). A do-not-invoice subscription is not invoiced, so adds
 * nothing.
 */
export function estimateChange(
  basis: ChangePreviewBasis,
  activeMobileUsers: number,
): ChangeEstimate {
  const { current, timing } = basis;
  const { effectiveDate } = timing;
  const month = billingMonth(effectiveDate.slice(0, 7));
  const parts: Array<{
    plan: BillingPlan;
    subscription: BilledSubscription;
    invoiced: boolean;
  }> = [
    ...basis.others.map(other => ({
      plan: other.plan,
      subscription: billed(other.subscription),
      invoiced: !other.subscription.doNotInvoice,
    })),
    {
      plan: basis.from,
      subscription: { ...billed(current), endDate: effectiveDate },
      invoiced: !current.doNotInvoice,
    },
    {
      plan: basis.to,
      subscription: { ...billed(current), startDate: effectiveDate },
      invoiced: !current.doNotInvoice,
    },
  ];
  let total = new Big(0);
  const lines: EstimateLine[] = [];
  for (const part of parts.filter(p => p.invoiced)) {
    const result = subscriptionMonthLines({
      plan: pricesOf(part.plan),
      subscription: part.subscription,
      month,
      activeMobileUsers,
      smsMessages: [],
    });
    total = total.plus(result.subtotal);
    for (const line of result.lines) {
      lines.push({
        kind: line.kind,
        description: line.description,
        quantity: String(line.quantity),
        // A discount is one amount: its unit is the amount itself.
        unitPrice: formatMoney(line.unitPrice ?? line.amount),
        amount: formatMoney(line.amount),
      });
    }
  }
  return { period: month.period, total: formatMoney(total), lines };
}

/** The features in use that `plan` lacks, each once, sorted. */
export function featuresLost(inUse: string[], plan: BillingPlan): string[] {
  const granted = new Set(plan.features);
  return [...new Set(inUse.filter(feature => !granted.has(feature)))].sort();
}
