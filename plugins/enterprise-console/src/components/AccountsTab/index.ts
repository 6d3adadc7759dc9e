export { AccountsTab } from './AccountsTab';
