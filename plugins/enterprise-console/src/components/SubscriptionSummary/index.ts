export { SubscriptionSummary } from './SubscriptionSummary';
export { TenantApplications } from './TenantApplications';
