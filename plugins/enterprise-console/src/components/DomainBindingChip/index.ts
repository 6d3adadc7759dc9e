export { DomainBindingChip, DomainWithState } from './DomainBindingChip';
