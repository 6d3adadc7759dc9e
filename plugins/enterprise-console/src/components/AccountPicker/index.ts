export { AccountPicker } from './AccountPicker';
export { useSelectedEnterpriseAccount } from './useSelectedEnterpriseAccount';
