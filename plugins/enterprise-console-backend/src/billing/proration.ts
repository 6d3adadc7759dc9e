import Big from 'big.js';
import { DateTime } from 'luxon';
import { roundToCent } from '../lib/money';

/*
 * The invoice arithmetic of billing.md, "Line items of a subscription's
 * invoice for month M", as pure functions: the invoice run and the estimate
 * of a plan change's preview both call these, so a preview never promises
 * what the invoice then differs from. Dates are UTC calendar dates
 * (YYYY-MM-DD), periods half-open, a subscription's endDate exclusive.
 */

/** What a plan charges; null limits are unlimited, a null fee is "by contract". */
export interface PlanPrices {
  name: string;
  monthlyFee: Big | null;
  /** Per month, billed 12 at a time; present = the plan can be billed annually. */
  annualMonthlyPrice?: Big;
  includedUsers: number | null;
  extraUserFee: Big | null;
  includedSms: number | null;
}

/** The subscription fields invoice lines depend on. */
export interface BilledSubscription {
  startDate: string;
  /** Exclusive: the last billed day is the day before. */
  endDate?: string;
  cycle: 'monthly' | 'annual';
  proBono: 'full-price' | 'discounted' | 'pro-bono';
  /** 0–100, up to two decimals; only with `discounted`. */
  discountPercent?: string;
}

/** A calendar month: [start, end) and its number of days D. */
export interface BillingMonth {
  /** YYYY-MM */
  period: string;
  start: string;
  end: string;
  days: number;
}

/** One line of an invoice before credits. */
export interface InvoiceLineDraft {
  kind: 'plan' | 'users' | 'sms' | 'discount';
  description: string;
  quantity: number;
  /** Absent where messages of different fees make up the line (SMS). */
  unitPrice?: Big;
  amount: Big;
}

/** An SMS message as its charge is worked out: valid ones only. */
export interface BilledSmsMessage {
  sentAt: string;
  parts: number;
  /** Gateway fee plus usage fee, per part. */
  feePerPart: Big;
}

const day = (date: string) => DateTime.fromISO(date, { zone: 'utc' });

/** The month `YYYY-MM`, e.g. 2016-02 → 2016-02-01 to 2016-03-01, 29 days. */
export function billingMonth(period: string): BillingMonth {
  const start = DateTime.fromFormat(period, 'yyyy-MM', { zone: 'utc' });
  if (!start.isValid) {
    throw new RangeError(`Not a month: ${period}`);
  }
  const end = start.plus({ months: 1 });
  return {
    period,
    start: start.toISODate()!,
    end: end.toISODate()!,
    days: start.daysInMonth!,
  };
}

/** The days of `month` the subscription covers: [max(start), min(end)). */
export function coveredDays(
  subscription: Pick<BilledSubscription, 'startDate' | 'endDate'>,
  month: BillingMonth,
): number {
  const from = DateTime.max(day(subscription.startDate), day(month.start));
  const to = subscription.endDate
    ? DateTime.min(day(subscription.endDate), day(month.end))
    : day(month.end);
  return Math.max(0, Math.round(to.diff(from, 'days').days));
}

/** Whether an annual subscription's 12 months fall due in `month`: its first month and each anniversary. */
function annualFeeDue(startDate: string, month: BillingMonth): boolean {
  const months = Math.round(
    day(month.start).diff(day(startDate).startOf('month'), 'months').months,
  );
  return months >= 0 && months % 12 === 0;
}

/**
 * 1. The plan fee (and 4. its pro-bono treatment): a full month is one
 * monthly fee; a part month is days covered × round(fee / D); an annual
 * cycle carries 12 × the annual price per month in its first month.
 * Returns no line for a by-contract plan or a month without a fee due.
 */
export function planFeeLines(
  plan: PlanPrices,
  subscription: BilledSubscription,
  month: BillingMonth,
): { lines: InvoiceLineDraft[]; prorated: boolean } {
  const days = coveredDays(subscription, month);
  if (days === 0 || plan.monthlyFee === null) {
    return { lines: [], prorated: false };
  }
  let line: InvoiceLineDraft;
  let prorated = false;
  if (subscription.cycle === 'annual' && plan.annualMonthlyPrice) {
    if (!annualFeeDue(subscription.startDate, month)) {
      return { lines: [], prorated: false };
    }
    line = {
      kind: 'plan',
      description: `${plan.name} plan, 12 months billed annually`,
      quantity: 12,
      unitPrice: plan.annualMonthlyPrice,
      amount: plan.annualMonthlyPrice.times(12),
    };
  } else if (days === month.days) {
    line = {
      kind: 'plan',
      description: `${plan.name} plan, ${month.period}`,
      quantity: 1,
      unitPrice: plan.monthlyFee,
      amount: plan.monthlyFee,
    };
  } else {
    prorated = true;
    const unitPrice = roundToCent(plan.monthlyFee.div(month.days));
    line = {
      kind: 'plan',
      description: `${plan.name} plan, ${days} of ${month.days} days of ${month.period}`,
      quantity: days,
      unitPrice,
      amount: unitPrice.times(days),
    };
  }
  if (subscription.proBono === 'pro-bono') {
    const free = new Big(0);
    return {
      lines: [
        {
          ...line,
          description: `${line.description} (pro bono)`,
          unitPrice: free,
          amount: free,
        },
      ],
      prorated,
    };
  }
  const lines = [line];
  if (subscription.proBono === 'discounted' && subscription.discountPercent) {
    const percent = new Big(subscription.discountPercent);
    lines.push({
      kind: 'discount',
      description: `${percent.toString()}% discount on the plan fee`,
      quantity: 1,
      amount: roundToCent(line.amount.times(percent).div(100)).times(-1),
    });
  }
  return { lines, prorated };
}

/**
 * 2. Extra users: max(0, users − included) at the extra-user fee, or at
 * round(fee × days covered / D) when the plan fee was prorated.
 */
export function extraUsersLine(
  plan: PlanPrices,
  activeMobileUsers: number,
  proration: { prorated: boolean; days: number; month: BillingMonth },
): InvoiceLineDraft | undefined {
  if (plan.includedUsers === null || plan.extraUserFee === null) {
    return undefined;
  }
  const excess = Math.max(0, activeMobileUsers - plan.includedUsers);
  if (excess === 0) {
    return undefined;
  }
  const unitPrice = proration.prorated
    ? roundToCent(
        plan.extraUserFee.times(proration.days).div(proration.month.days),
      )
    : plan.extraUserFee;
  return {
    kind: 'users',
    description: `${excess} mobile users beyond the ${plan.includedUsers} included`,
    quantity: excess,
    unitPrice,
    amount: unitPrice.times(excess),
  };
}

/**
 * 3. SMS: in order of sending, the first `includedSms` parts are free; a
 * message wholly past the allowance costs parts × fee per part, one
 * straddling it (parts past the allowance) × fee per part, which is its
 * charge × past / parts. Rounded once, at the end.
 */
export function smsLine(
  plan: PlanPrices,
  messages: BilledSmsMessage[],
): InvoiceLineDraft | undefined {
  if (plan.includedSms === null) {
    return undefined;
  }
  // ISO times in UTC order as strings; sort is stable for equal times.
  const ordered = [...messages].sort((a, b) =>
    a.sentAt.localeCompare(b.sentAt, 'en'),
  );
  let allowance = plan.includedSms;
  let billedParts = 0;
  let charge = new Big(0);
  for (const message of ordered) {
    const free = Math.min(allowance, message.parts);
    allowance -= free;
    const past = message.parts - free;
    if (past > 0) {
      billedParts += past;
      charge = charge.plus(message.feePerPart.times(past));
    }
  }
  if (billedParts === 0) {
    return undefined;
  }
  return {
    kind: 'sms',
    description: `${billedParts} SMS parts beyond the ${plan.includedSms} included`,
    quantity: billedParts,
    amount: roundToCent(charge),
  };
}

/** The lines of one subscription's invoice for a month, and their sum. */
export function subscriptionMonthLines(options: {
  plan: PlanPrices;
  subscription: BilledSubscription;
  month: BillingMonth;
  activeMobileUsers: number;
  smsMessages: BilledSmsMessage[];
}): { lines: InvoiceLineDraft[]; subtotal: Big } {
  const { plan, subscription, month } = options;
  const days = coveredDays(subscription, month);
  if (days === 0) {
    return { lines: [], subtotal: new Big(0) };
  }
  const fee = planFeeLines(plan, subscription, month);
  const lines = [
    ...fee.lines,
    extraUsersLine(plan, options.activeMobileUsers, {
      prorated: fee.prorated,
      days,
      month,
    }),
    smsLine(plan, options.smsMessages),
  ].filter((line): line is InvoiceLineDraft => line !== undefined);
  return {
    lines,
    subtotal: lines.reduce((sum, line) => sum.plus(line.amount), new Big(0)),
  };
}
