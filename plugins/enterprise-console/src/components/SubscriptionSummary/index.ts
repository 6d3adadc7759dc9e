export { SubscriptionSummary } from './SubscriptionSummary';
