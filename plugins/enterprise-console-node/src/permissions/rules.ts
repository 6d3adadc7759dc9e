import { createPermissionRule } from '@backstage/plugin-permission-node';
import { z } from 'zod';
import {
  enterpriseAccountPermissionResourceRef,
  enterpriseTenantPermissionResourceRef,
} from './resources';

/*
 * Every rule has an `apply` for one loaded resource and a `toQuery` that the
 * backend turns into SQL; the two must agree, so both go through the same
 * normalisation (entity refs, emails and roles compare lower-cased).
 */

const lower = (values: readonly string[] | undefined) =>
  Array.from(new Set((values ?? []).map(v => v.toLowerCase())));

/**
 * The tenant usernames a user entity ref stands for: `user:default/jdoe`
 * (or `user:jdoe`) is the tenant user `jdoe`. Refs in other namespaces or of
 * other kinds name nobody, so a same-named user elsewhere never matches.
 *
 * @public
 */
export function usernamesOfUserRefs(refs: readonly string[]): string[] {
  return lower(refs).flatMap(ref => {
    const match = /^user:(?:default\/)?([^:/]+)$/.exec(ref);
    return match ? [match[1]] : [];
  });
}

const claimsSchema = z
  .array(z.string())
  .describe(
    'Entity refs of the user and of the groups the user belongs to (ownership refs)',
  );

/**
 * The account's admin refs include the user or one of the user's groups.
 *
 * @public
 */
export const isAccountAdmin = createPermissionRule({
  name: 'IS_ACCOUNT_ADMIN',
  description:
    "Allow when the user, or a group the user belongs to, is among the account's admins",
  resourceRef: enterpriseAccountPermissionResourceRef,
  paramsSchema: z.object({ claims: claimsSchema }),
  apply: (account, { claims }) =>
    lower(claims).some(claim => account.adminRefs.includes(claim)),
  toQuery: ({ claims }) => ({ kind: 'admin-ref', refs: lower(claims) }),
});

/**
 * The account is an enterprise account.
 *
 * @public
 */
export const isEnterprise = createPermissionRule({
  name: 'IS_ENTERPRISE',
  description: 'Allow when the account is an enterprise account',
  resourceRef: enterpriseAccountPermissionResourceRef,
  // No parameters: the rule needs none.
  apply: account => account.enterprise,
  toQuery: () => ({ kind: 'enterprise' as const }),
});

/**
 * The user is an active user of the tenant, matched by user entity ref
 * (the ref's name is the tenant username) or by email.
 *
 * @public
 */
export const isTenantMember = createPermissionRule({
  name: 'IS_TENANT_MEMBER',
  description:
    "Allow when the user is an active user of the tenant, matched by user entity ref (the ref's name as tenant username) or by profile email, optionally only in some tenant roles",
  resourceRef: enterpriseTenantPermissionResourceRef,
  paramsSchema: z.object({
    userRefs: z
      .array(z.string())
      .describe(
        'User entity refs of the user; user:default/<name> matches the tenant username <name>',
      ),
    emails: z
      .array(z.string())
      .optional()
      .describe('Profile email addresses of the user'),
    roles: z
      .array(z.string())
      .optional()
      .describe('Tenant roles that count (e.g. Admin); any role when empty'),
  }),
  apply: (tenant, { userRefs, emails, roles }) => {
    const usernames = usernamesOfUserRefs(userRefs);
    const wantedEmails = lower(emails);
    const wantedRoles = lower(roles);
    return tenant.members.some(
      member =>
        (usernames.includes(member.username) ||
          (member.email !== undefined &&
            wantedEmails.includes(member.email))) &&
        (wantedRoles.length === 0 ||
          (member.role !== undefined && wantedRoles.includes(member.role))),
    );
  },
  toQuery: ({ userRefs, emails, roles }) => ({
    kind: 'member',
    usernames: usernamesOfUserRefs(userRefs),
    emails: lower(emails),
    ...(roles && roles.length > 0 ? { roles: lower(roles) } : {}),
  }),
});

/**
 * The tenant belongs to one of the given accounts.
 *
 * @public
 */
export const isInAccount = createPermissionRule({
  name: 'IS_IN_ACCOUNT',
  description: 'Allow when the tenant belongs to one of the given accounts',
  resourceRef: enterpriseTenantPermissionResourceRef,
  paramsSchema: z.object({
    accountIds: z.array(z.string()).describe('Account ids'),
  }),
  apply: (tenant, { accountIds }) => accountIds.includes(tenant.accountId),
  toQuery: ({ accountIds }) => ({ kind: 'account', accountIds }),
});

/**
 * The user, or a group of the user, administers the tenant's account. Lets a
 * role scoped to administered accounts reach tenant permissions too.
 *
 * @public
 */
export const isTenantAccountAdmin = createPermissionRule({
  name: 'IS_ACCOUNT_ADMIN',
  description:
    "Allow when the user, or a group the user belongs to, is among the admins of the tenant's account",
  resourceRef: enterpriseTenantPermissionResourceRef,
  paramsSchema: z.object({ claims: claimsSchema }),
  apply: (tenant, { claims }) =>
    lower(claims).some(claim => tenant.accountAdminRefs.includes(claim)),
  toQuery: ({ claims }) => ({ kind: 'account-admin', refs: lower(claims) }),
});

/**
 * The tenant's current plan grants a feature.
 *
 * @public
 */
export const hasFeature = createPermissionRule({
  name: 'HAS_FEATURE',
  description: "Allow when the tenant's current plan grants a feature",
  resourceRef: enterpriseTenantPermissionResourceRef,
  paramsSchema: z.object({
    feature: z.string().min(1).describe('Feature key, e.g. sms-reminders'),
  }),
  apply: (tenant, { feature }) => tenant.features.includes(feature),
  toQuery: ({ feature }) => ({ kind: 'feature', feature }),
});

/**
 * The tenant's current plan is of an edition.
 *
 * @public
 */
export const hasEdition = createPermissionRule({
  name: 'HAS_EDITION',
  description: "Allow when the tenant's current plan is of the given edition",
  resourceRef: enterpriseTenantPermissionResourceRef,
  paramsSchema: z.object({
    edition: z.string().min(1).describe('Edition, e.g. pro or enterprise'),
  }),
  apply: (tenant, { edition }) => tenant.edition === edition,
  toQuery: ({ edition }) => ({ kind: 'edition', edition }),
});

/**
 * The rules of the `enterprise-account` resource type.
 *
 * @public
 */
export const enterpriseAccountPermissionRules = {
  isAccountAdmin,
  isEnterprise,
};

/**
 * The rules of the `enterprise-tenant` resource type.
 *
 * @public
 */
export const enterpriseTenantPermissionRules = {
  isTenantMember,
  isInAccount,
  isAccountAdmin: isTenantAccountAdmin,
  hasFeature,
  hasEdition,
};
