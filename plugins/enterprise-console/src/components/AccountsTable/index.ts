export { AccountsTable } from './AccountsTable';
