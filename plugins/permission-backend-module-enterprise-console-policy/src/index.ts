/**
 * Permission policy of the Enterprise Console: roles as code, read from
 * enterpriseConsole.roles.
 *
 * @packageDocumentation
 */

export { enterpriseConsolePermissionPolicyModule as default } from './module';
export { readDefaultDecision } from './module';
export { EnterpriseConsolePolicy } from './EnterpriseConsolePolicy';
export type {
  EnterpriseConsolePolicyOptions,
  UserEmailResolver,
} from './EnterpriseConsolePolicy';
export { DEFAULT_ROLES, readRoles } from './roles';
export type { RoleDefinition, RoleScope } from './roles';
