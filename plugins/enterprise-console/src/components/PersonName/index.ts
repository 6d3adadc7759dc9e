export { PersonName } from './PersonName';
