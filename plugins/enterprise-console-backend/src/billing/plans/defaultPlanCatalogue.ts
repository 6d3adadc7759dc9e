import { BillingPlanInput } from '@internal/plugin-enterprise-console-common';

/** A plan of the catalogue with its id, as config and the seed write it. */
export type CataloguePlan = BillingPlanInput & { id: string };

const STANDARD_FEATURES = ['api-access', 'sms-reminders'];
const PRO_FEATURES = [...STANDARD_FEATURES, 'odata-feeds', 'report-builder'];
const ADVANCED_FEATURES = [...PRO_FEATURES, 'custom-roles'];

/**
 * The default catalogue of billing.md ("Plans"), used when
 * `enterpriseConsole.billing.plans` is not configured. Enterprise is priced
 * by contract (null fee) with unlimited users and SMS (null limits). The
 * seed names no annual prices, so these plans bill monthly until config
 * gives them an `annualMonthlyPrice`.
 */
export const DEFAULT_PLAN_CATALOGUE: readonly CataloguePlan[] = [
  {
    id: 'community',
    name: 'Community',
    edition: 'community',
    monthlyFee: '0.00',
    includedUsers: 10,
    extraUserFee: '2.00',
    includedSms: 0,
    features: [],
    supportLevel: 'Community forum and issue reports',
    baa: false,
    visibility: 'public',
  },
  {
    id: 'standard',
    name: 'Standard',
    edition: 'standard',
    monthlyFee: '300.00',
    includedUsers: 50,
    extraUserFee: '2.00',
    includedSms: 50,
    features: STANDARD_FEATURES,
    supportLevel: 'General support with direct email follow-up',
    baa: false,
    visibility: 'public',
  },
  {
    id: 'pro',
    name: 'Pro',
    edition: 'pro',
    monthlyFee: '600.00',
    includedUsers: 250,
    extraUserFee: '2.00',
    includedSms: 50,
    features: PRO_FEATURES,
    supportLevel: 'Support specific to your applications and content',
    baa: false,
    visibility: 'public',
  },
  {
    id: 'advanced',
    name: 'Advanced',
    edition: 'advanced',
    monthlyFee: '1200.00',
    includedUsers: 500,
    extraUserFee: '2.00',
    includedSms: 50,
    features: ADVANCED_FEATURES,
    supportLevel: 'A named point of contact for application support',
    baa: true,
    visibility: 'public',
  },
  {
    id: 'enterprise',
    name: 'Enterprise',
    edition: 'enterprise',
    monthlyFee: null,
    includedUsers: null,
    extraUserFee: null,
    includedSms: null,
    features: ADVANCED_FEATURES,
    supportLevel: 'By contract, with a named point of contact',
    baa: true,
    visibility: 'public',
  },
];
