export { BillingTab } from './BillingTab';
