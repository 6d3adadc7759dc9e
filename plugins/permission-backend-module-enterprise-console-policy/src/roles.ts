import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import { enterpriseConsolePermissionsByShortName } from '@internal/plugin-enterprise-console-common';

/**
 * Which accounts and tenants a role's resource permissions reach.
 *
 * @public
 */
export type RoleScope = 'all' | 'administered-accounts' | 'own-tenants';

/**
 * A role of the Enterprise Console policy, normalised from config.
 *
 * @public
 */
export interface RoleDefinition {
  name: string;
  description?: string;
  /** Lower-cased full entity refs of users and groups. */
  members: string[];
  /** Short permission names, e.g. console.read. */
  permissions: string[];
  scope: RoleScope;
  /** Tenant roles required under scope own-tenants; any when empty. */
  tenantRoles: string[];
  /** Names of roles that holders of this role may assign. */
  manages: string[];
}

const SCOPES: RoleScope[] = ['all', 'administered-accounts', 'own-tenants'];

/**
 * The roles of permissions.md. They ship without members: who holds them is
 * the organisation's choice, made in config.
 *
 * @public
 */
export const DEFAULT_ROLES: readonly RoleDefinition[] = [
  {
    name: 'enterprise-admin',
    description: 'Enterprise console of the accounts they administer',
    members: [],
    permissions: [
      'console.read',
      'report.export',
      'schedule.manage',
      'settings.read',
      'settings.update',
      'billing.read',
    ],
    scope: 'administered-accounts',
    tenantRoles: [],
    manages: ['report-manager', 'auditor'],
  },
  {
    name: 'report-manager',
    description: 'Export reports and manage scheduled reports',
    members: [],
    permissions: ['report.export', 'schedule.manage'],
    scope: 'all',
    tenantRoles: [],
    manages: ['auditor'],
  },
  {
    name: 'billing-admin',
    description:
      'Plans, subscriptions, invoices, credits, payments and approvals',
    members: [],
    permissions: [
      'billing.read',
      'billing.manage',
      'tenant.read',
      'tenant.plan.change',
    ],
    scope: 'all',
    tenantRoles: [],
    manages: [],
  },
  {
    name: 'tenant-admin',
    description: 'Their own tenants only: tenant data and plan change requests',
    members: [],
    permissions: ['tenant.read', 'tenant.plan.change'],
    scope: 'own-tenants',
    tenantRoles: ['admin'],
    manages: [],
  },
  {
    name: 'auditor',
    description: 'Read-only access to consoles, settings, billing and tenants',
    members: [],
    permissions: [
      'console.read',
      'settings.read',
      'billing.read',
      'tenant.read',
    ],
    scope: 'all',
    tenantRoles: [],
    manages: [],
  },
];

/** A user or group ref in full, lower-cased form; anything else is a config error. */
function normaliseMember(ref: string, where: string): string {
  let parsed;
  try {
    parsed = parseEntityRef(ref);
  } catch (error) {
    throw new Error(`Invalid ${where}: ${(error as Error).message}`);
  }
  const kind = parsed.kind.toLowerCase();
  if (kind !== 'user' && kind !== 'group') {
    throw new Error(
      `Invalid ${where}: '${ref}' is not a user or group entity ref`,
    );
  }
  return stringifyEntityRef(parsed).toLowerCase();
}

/**
 * Reads enterpriseConsole.roles, or the shipped roles when none are set.
 * Mistakes (unknown permissions, scopes or managed roles, duplicate names,
 * refs that name neither a user nor a group) fail startup rather than
 * silently granting or withholding access.
 *
 * @public
 */
export function readRoles(config: Config): RoleDefinition[] {
  const configs = config.getOptionalConfigArray('enterpriseConsole.roles');
  if (!configs || configs.length === 0) {
    return DEFAULT_ROLES.map(role => ({ ...role }));
  }
  const roles = configs.map((roleConfig, index) => {
    const name = roleConfig.getString('name');
    const where = `enterpriseConsole.roles[${index}] (${name})`;
    const shipped = DEFAULT_ROLES.find(role => role.name === name);
    const permissions =
      roleConfig.getOptionalStringArray('permissions') ??
      shipped?.permissions ??
      [];
    for (const permission of permissions) {
      if (!enterpriseConsolePermissionsByShortName[permission]) {
        throw new Error(
          `Invalid ${where}: unknown permission '${permission}', expected one of ${Object.keys(
            enterpriseConsolePermissionsByShortName,
          ).join(', ')}`,
        );
      }
    }
    const scope = (roleConfig.getOptionalString('scope') ??
      shipped?.scope ??
      'all') as RoleScope;
    if (!SCOPES.includes(scope)) {
      throw new Error(
        `Invalid ${where}: unknown scope '${scope}', expected one of ${SCOPES.join(
          ', ',
        )}`,
      );
    }
    return {
      name,
      description:
        roleConfig.getOptionalString('description') ?? shipped?.description,
      members: (roleConfig.getOptionalStringArray('members') ?? []).map(ref =>
        normaliseMember(ref, `${where} member`),
      ),
      permissions: [...permissions],
      scope,
      tenantRoles: (
        roleConfig.getOptionalStringArray('tenantRoles') ??
        shipped?.tenantRoles ??
        []
      ).map(role => role.toLowerCase()),
      manages: [...(roleConfig.getOptionalStringArray('manages') ?? [])],
      inheritedManages: roleConfig.getOptionalStringArray('manages')
        ? []
        : shipped?.manages ?? [],
    };
  });

  const names = new Set<string>();
  for (const role of roles) {
    if (names.has(role.name)) {
      throw new Error(
        `Invalid enterpriseConsole.roles: role '${role.name}' is defined twice`,
      );
    }
    names.add(role.name);
  }
  for (const role of roles) {
    // A shipped role's own managed roles count only where they are
    // configured too; managed roles named in config must exist.
    role.manages.push(
      ...role.inheritedManages.filter(managed => names.has(managed)),
    );
    const unknown = role.manages.filter(managed => !names.has(managed));
    if (unknown.length > 0) {
      throw new Error(
        `Invalid enterpriseConsole.roles: role '${
          role.name
        }' manages unknown role${unknown.length > 1 ? 's' : ''} ${unknown.join(
          ', ',
        )}`,
      );
    }
  }
  return roles.map(({ inheritedManages: _, ...role }) => role);
}
