import { LoggerService, UserInfoService } from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  isResourcePermission,
  PermissionCondition,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  ENTERPRISE_ACCOUNT_RESOURCE_TYPE,
  ENTERPRISE_TENANT_RESOURCE_TYPE,
  enterpriseConsolePermissionsByShortName,
} from '@internal/plugin-enterprise-console-common';
import {
  createEnterpriseAccountConditionalDecision,
  createEnterpriseTenantConditionalDecision,
  enterpriseAccountConditions,
  enterpriseTenantConditions,
} from '@internal/plugin-enterprise-console-node';
import { RoleDefinition } from './roles';

const PREFIX = 'enterprise-console.';

/**
 * Looks up a user's profile email addresses (for IS_TENANT_MEMBER).
 *
 * @public
 */
export type UserEmailResolver = (userEntityRef: string) => Promise<string[]>;

/**
 * Options of {@link EnterpriseConsolePolicy}.
 *
 * @public
 */
export interface EnterpriseConsolePolicyOptions {
  roles: RoleDefinition[];
  /** Decision for permissions of other plugins. */
  defaultDecision: 'allow' | 'deny';
  userInfo: UserInfoService;
  emailsOf: UserEmailResolver;
  logger?: LoggerService;
}

/**
 * The roles-as-code policy: Enterprise Console permissions are granted by
 * the roles a user holds (directly or through a group) and denied
 * otherwise; other plugins' permissions get the configured default.
 *
 * @public
 */
export class EnterpriseConsolePolicy implements PermissionPolicy {
  constructor(private readonly options: EnterpriseConsolePolicyOptions) {}

  /** The roles whose members include one of the refs. */
  rolesOf(claims: readonly string[]): RoleDefinition[] {
    const lower = new Set(claims.map(claim => claim.toLowerCase()));
    return this.options.roles.filter(role =>
      role.members.some(member => lower.has(member)),
    );
  }

  /** The roles that holders of the refs may assign ("manages"). */
  managedRolesOf(claims: readonly string[]): string[] {
    return [...new Set(this.rolesOf(claims).flatMap(role => role.manages))];
  }

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const { permission } = request;
    if (!permission.name.startsWith(PREFIX)) {
      return {
        result:
          this.options.defaultDecision === 'allow'
            ? AuthorizeResult.ALLOW
            : AuthorizeResult.DENY,
      };
    }
    const shortName = permission.name.slice(PREFIX.length);
    // Our namespace is deny by default: unknown permissions and callers
    // without a user identity get nothing.
    if (!enterpriseConsolePermissionsByShortName[shortName] || !user) {
      return { result: AuthorizeResult.DENY };
    }

    const { userEntityRef, ownershipEntityRefs } =
      await this.options.userInfo.getUserInfo(user.credentials);
    const claims = [
      ...new Set(
        [userEntityRef, ...ownershipEntityRefs].map(ref => ref.toLowerCase()),
      ),
    ];
    const granting = this.rolesOf(claims).filter(role =>
      role.permissions.includes(shortName),
    );
    if (granting.length === 0) {
      return { result: AuthorizeResult.DENY };
    }
    // A scope narrows resources; a permission without a resource type has
    // nothing to narrow and is granted as listed.
    if (
      !isResourcePermission(permission) ||
      granting.some(role => role.scope === 'all')
    ) {
      return { result: AuthorizeResult.ALLOW };
    }

    if (isResourcePermission(permission, ENTERPRISE_ACCOUNT_RESOURCE_TYPE)) {
      // Only administered-accounts reaches accounts; own-tenants does not.
      if (!granting.some(role => role.scope === 'administered-accounts')) {
        return { result: AuthorizeResult.DENY };
      }
      return createEnterpriseAccountConditionalDecision(
        permission,
        enterpriseAccountConditions.isAccountAdmin({ claims }),
      );
    }

    if (isResourcePermission(permission, ENTERPRISE_TENANT_RESOURCE_TYPE)) {
      type TenantCondition = PermissionCondition<
        typeof ENTERPRISE_TENANT_RESOURCE_TYPE
      >;
      const conditions: TenantCondition[] = [];
      if (granting.some(role => role.scope === 'administered-accounts')) {
        conditions.push(enterpriseTenantConditions.isAccountAdmin({ claims }));
      }
      const tenantScoped = granting.filter(
        role => role.scope === 'own-tenants',
      );
      if (tenantScoped.length > 0) {
        const emails = await this.emailsOf(userEntityRef);
        // A role without tenant roles accepts any; otherwise the union.
        const anyRole = tenantScoped.some(
          role => role.tenantRoles.length === 0,
        );
        const roles = anyRole
          ? undefined
          : [...new Set(tenantScoped.flatMap(role => role.tenantRoles))];
        conditions.push(
          enterpriseTenantConditions.isTenantMember({
            userRefs: [userEntityRef],
            emails,
            ...(roles ? { roles } : {}),
          }),
        );
      }
      return createEnterpriseTenantConditionalDecision(
        permission,
        conditions.length === 1
          ? conditions[0]
          : { anyOf: conditions as [TenantCondition, ...TenantCondition[]] },
      );
    }

    return { result: AuthorizeResult.DENY };
  }

  private async emailsOf(userEntityRef: string): Promise<string[]> {
    try {
      return await this.options.emailsOf(userEntityRef);
    } catch (error) {
      // Without emails the user is still matched by username; failing the
      // whole decision would lock them out of their tenants entirely.
      this.options.logger?.warn(
        `Could not look up the email of ${userEntityRef}: ${error}`,
      );
      return [];
    }
  }
}
