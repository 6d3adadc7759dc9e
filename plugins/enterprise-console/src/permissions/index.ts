export { useConsolePermission } from './useConsolePermission';
export { RequireConsolePermission } from './RequireConsolePermission';
