export { TenantsTab } from './TenantsTab';
