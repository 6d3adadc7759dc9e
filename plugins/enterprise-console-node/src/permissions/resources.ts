import { createPermissionResourceRef } from '@backstage/plugin-permission-node';
import {
  ENTERPRISE_ACCOUNT_RESOURCE_TYPE,
  ENTERPRISE_TENANT_RESOURCE_TYPE,
} from '@internal/plugin-enterprise-console-common';

/**
 * An account as the permission rules see it when a single account is
 * checked (the resource loaded by `getResources`).
 *
 * @public
 */
export interface EnterpriseAccountResource {
  id: string;
  enterprise: boolean;
  /** Entity refs of the account's admins, lower-cased. */
  adminRefs: string[];
}

/**
 * A tenant user that may count as a member of the tenant: only active users
 * are loaded, as an inactive user has no say over the tenant.
 *
 * @public
 */
export interface EnterpriseTenantMember {
  /** Lower-cased. */
  username: string;
  /** Lower-cased. */
  email?: string;
  /** Lower-cased. */
  role?: string;
}

/**
 * A tenant as the permission rules see it when a single tenant is checked.
 *
 * @public
 */
export interface EnterpriseTenantResource {
  id: string;
  accountId: string;
  /** Admin refs of the tenant's account, lower-cased. */
  accountAdminRefs: string[];
  /** The edition of the tenant's current plan, if billing has set one. */
  edition?: string;
  /** Feature keys the tenant's current plan grants. */
  features: string[];
  /** The tenant's active users. */
  members: EnterpriseTenantMember[];
}

/**
 * One condition on accounts in a form a data store can filter by; the
 * backend translates it into SQL.
 *
 * @public
 */
export type EnterpriseAccountQuery =
  | { kind: 'admin-ref'; refs: string[] }
  | { kind: 'enterprise' };

/**
 * One condition on tenants in a form a data store can filter by.
 *
 * @public
 */
export type EnterpriseTenantQuery =
  | {
      kind: 'member';
      /** Lower-cased usernames the caller is known by. */
      usernames: string[];
      /** Lower-cased email addresses of the caller. */
      emails: string[];
      /** Lower-cased tenant roles; any role when absent. */
      roles?: string[];
    }
  | { kind: 'account'; accountIds: string[] }
  | { kind: 'account-admin'; refs: string[] }
  | { kind: 'feature'; feature: string }
  | { kind: 'edition'; edition: string };

/**
 * The `enterprise-account` resource type, for rules and conditional
 * decisions on accounts. Resource refs are account ids.
 *
 * @public
 */
export const enterpriseAccountPermissionResourceRef =
  createPermissionResourceRef<
    EnterpriseAccountResource,
    EnterpriseAccountQuery
  >().with({
    pluginId: 'enterprise-console',
    resourceType: ENTERPRISE_ACCOUNT_RESOURCE_TYPE,
  });

/**
 * The `enterprise-tenant` resource type. Resource refs are tenant ids.
 *
 * @public
 */
export const enterpriseTenantPermissionResourceRef =
  createPermissionResourceRef<
    EnterpriseTenantResource,
    EnterpriseTenantQuery
  >().with({
    pluginId: 'enterprise-console',
    resourceType: ENTERPRISE_TENANT_RESOURCE_TYPE,
  });
