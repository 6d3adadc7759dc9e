import { BillingPlans } from './BillingPlans';

/**
 * Billing: first the plan catalogue side by side. The catalogue is not
 * about one account, so the tab has no account picker; the server decides
 * who may read it (billing.read on any account, or billing.manage).
 *
 * @public
 */
export function BillingTab() {
  return <BillingPlans />;
}
