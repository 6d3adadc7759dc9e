import { BillingPlan } from '@internal/plugin-enterprise-console-common';
import { formatCount, formatMoney } from '../../lib/numbers';

/** What a cell shows when a plan has no value there. */
export const NONE = '—';

/** Words that a feature key spells in capitals (or as a brand writes them). */
const SPELLED: Record<string, string> = {
  api: 'API',
  sms: 'SMS',
  sso: 'SSO',
  odata: 'OData',
  baa: 'BAA',
  hipaa: 'HIPAA',
  pdf: 'PDF',
};

/** `sms-reminders` → `SMS reminders`: a feature key as a row label. */
export function featureLabel(key: string): string {
  const words = key
    .split('-')
    .filter(Boolean)
    .map(word => SPELLED[word] ?? word);
  if (words.length === 0) return key;
  const [first, ...rest] = words;
  return [first.charAt(0).toUpperCase() + first.slice(1), ...rest].join(' ');
}

/**
 * Every plan's feature keys once, in the order plans list them (so the
 * features of the smaller editions come first).
 */
export function featureUnion(plans: readonly BillingPlan[]): string[] {
  const keys = new Set<string>();
  for (const plan of plans) {
    for (const feature of plan.features) keys.add(feature);
  }
  return [...keys];
}

/** A row of the comparison with its text per plan. */
export type TextRow = {
  label: string;
  cell: (plan: BillingPlan) => string;
};

/** The rows above the features; a null limit is unlimited (api.md). */
export const PRICE_ROWS: readonly TextRow[] = [
  {
    label: 'Monthly fee',
    cell: plan =>
      plan.monthlyFee === null ? 'by contract' : formatMoney(plan.monthlyFee),
  },
  {
    label: 'Annual price per month',
    cell: plan =>
      plan.annualMonthlyPrice ? formatMoney(plan.annualMonthlyPrice) : NONE,
  },
  {
    label: 'Included mobile users',
    cell: plan =>
      plan.includedUsers === null
        ? 'unlimited'
        : formatCount(plan.includedUsers),
  },
  {
    label: 'Extra mobile user per month',
    cell: plan =>
      plan.extraUserFee === null ? NONE : formatMoney(plan.extraUserFee),
  },
  {
    label: 'Included SMS parts per month',
    cell: plan =>
      plan.includedSms === null ? 'unlimited' : formatCount(plan.includedSms),
  },
];

/** The rows below the features. */
export const TERMS_ROWS: readonly TextRow[] = [
  { label: 'Support', cell: plan => plan.supportLevel },
  { label: 'BAA (HIPAA)', cell: plan => (plan.baa ? 'Yes' : 'No') },
];
