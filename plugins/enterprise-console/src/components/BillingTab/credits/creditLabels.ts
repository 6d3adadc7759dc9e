import {
  BillingCreditEntry,
  BillingCreditLine,
} from '@internal/plugin-enterprise-console-common';

export const CREDIT_SCOPE_LABELS: Record<BillingCreditLine['scope'], string> = {
  plan: 'Plan fee',
  users: 'Extra users',
  sms: 'SMS',
  general: 'General',
};

export const CREDIT_REASON_LABELS: Record<
  BillingCreditEntry['reason'],
  string
> = {
  grant: 'Grant',
  adjustment: 'Adjustment',
  applied: 'Applied to a statement',
  'payment-excess': 'Payment excess',
  'transfer-in': 'Moved in (plan change)',
  'transfer-out': 'Moved out (plan change)',
  'void-reversal': 'Given back (statement voided)',
};

/** "Account" or "Subscription of Alpha Clinic": whom a credit line is for. */
export function creditLevelLabel(
  line: Pick<BillingCreditLine, 'subscriptionId' | 'tenantId'>,
  tenantName: (tenantId: string) => string,
): string {
  if (!line.subscriptionId) return 'Account';
  return `Subscription of ${
    line.tenantId ? tenantName(line.tenantId) : line.subscriptionId
  }`;
}
