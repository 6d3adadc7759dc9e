export { DomainApprovalsTab } from './DomainApprovalsTab';
