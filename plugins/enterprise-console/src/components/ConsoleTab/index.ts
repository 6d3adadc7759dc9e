export { ConsoleTab } from './ConsoleTab';
