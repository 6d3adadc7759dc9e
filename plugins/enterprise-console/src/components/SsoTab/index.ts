export { SsoTab } from './SsoTab';
