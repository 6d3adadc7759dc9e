import { BillingPlan } from '@internal/plugin-enterprise-console-common';

/**
 * A catalogue of five plans in the server's order: Standard may be billed
 * annually, Advanced adds a feature and the BAA, Enterprise is priced by
 * contract with unlimited users and SMS (null limits).
 */
export const billingPlans: BillingPlan[] = [
  {
    id: 'community',
    name: 'Community',
    edition: 'community',
    version: 1,
    monthlyFee: '0.00',
    includedUsers: 10,
    extraUserFee: '2.00',
    includedSms: 0,
    features: [],
    supportLevel: 'Community forum',
    baa: false,
    visibility: 'public',
  },
  {
    id: 'standard',
    name: 'Standard',
    edition: 'standard',
    version: 2,
    monthlyFee: '300.00',
    annualMonthlyPrice: '270.00',
    includedUsers: 50,
    extraUserFee: '2.00',
    includedSms: 50,
    features: ['sms-reminders', 'api-access'],
    supportLevel: 'General support',
    baa: false,
    visibility: 'public',
  },
  {
    id: 'pro',
    name: 'Pro',
    edition: 'pro',
    version: 1,
    monthlyFee: '600.00',
    includedUsers: 250,
    extraUserFee: '2.00',
    includedSms: 50,
    features: ['api-access', 'sms-reminders', 'odata-feeds'],
    supportLevel: 'Application support',
    baa: false,
    visibility: 'public',
  },
  {
    id: 'advanced',
    name: 'Advanced',
    edition: 'advanced',
    version: 1,
    monthlyFee: '1200.00',
    includedUsers: 1500,
    extraUserFee: '1.5',
    includedSms: 50,
    features: ['api-access', 'sms-reminders', 'odata-feeds', 'custom-roles'],
    supportLevel: 'Named contact',
    baa: true,
    visibility: 'public',
  },
  {
    id: 'enterprise',
    name: 'Enterprise',
    edition: 'enterprise',
    version: 1,
    monthlyFee: null,
    includedUsers: null,
    extraUserFee: null,
    includedSms: null,
    features: ['api-access', 'custom-roles'],
    supportLevel: 'By contract',
    baa: true,
    visibility: 'public',
  },
];

/** The server's answer to a user who may read no account's billing. */
export const catalogueRefusal = {
  error: {
    name: 'NotAllowedError',
    message:
      'Not allowed: enterprise-console.billing.read on an account or enterprise-console.billing.manage is required',
  },
  request: { method: 'GET', url: '/v1/billing/plans' },
  response: { statusCode: 403 },
};
