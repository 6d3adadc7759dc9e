export { EnterpriseConsolePage } from './EnterpriseConsolePage';
