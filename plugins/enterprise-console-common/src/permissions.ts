import {
  createPermission,
  Permission,
} from '@backstage/plugin-permission-common';

/*
 * The permission contract of the Enterprise Console (permissions.md). The
 * names are what policies, the community RBAC plugin and role config refer
 * to; they never change meaning.
 */

/**
 * Resource type of billing accounts; resource refs are account ids.
 *
 * @public
 */
export const ENTERPRISE_ACCOUNT_RESOURCE_TYPE = 'enterprise-account';

/**
 * Resource type of tenants; resource refs are tenant ids.
 *
 * @public
 */
export const ENTERPRISE_TENANT_RESOURCE_TYPE = 'enterprise-tenant';

/**
 * Dashboard tiles and aggregated data of an account.
 *
 * @public
 */
export const enterpriseConsoleConsoleReadPermission = createPermission({
  name: 'enterprise-console.console.read',
  attributes: { action: 'read' },
  resourceType: ENTERPRISE_ACCOUNT_RESOURCE_TYPE,
});

/**
 * Run, download, email and cancel reports of an account ("Export Reports").
 *
 * @public
 */
export const enterpriseConsoleReportExportPermission = createPermission({
  name: 'enterprise-console.report.export',
  attributes: { action: 'create' },
  resourceType: ENTERPRISE_ACCOUNT_RESOURCE_TYPE,
});

/**
 * Create, edit, enable, disable, delete and run scheduled reports of an
 * account ("Scheduled Task Management").
 *
 * @public
 */
export const enterpriseConsoleScheduleManagePermission = createPermission({
  name: 'enterprise-console.schedule.manage',
  attributes: { action: 'update' },
  resourceType: ENTERPRISE_ACCOUNT_RESOURCE_TYPE,
});

/**
 * Read an account's enterprise settings and SSO page.
 *
 * @public
 */
export const enterpriseConsoleSettingsReadPermission = createPermission({
  name: 'enterprise-console.settings.read',
  attributes: { action: 'read' },
  resourceType: ENTERPRISE_ACCOUNT_RESOURCE_TYPE,
});

/**
 * Change an account's enterprise settings.
 *
 * @public
 */
export const enterpriseConsoleSettingsUpdatePermission = createPermission({
  name: 'enterprise-console.settings.update',
  attributes: { action: 'update' },
  resourceType: ENTERPRISE_ACCOUNT_RESOURCE_TYPE,
});

/**
 * Statements, subscriptions, credits and payments of an account.
 *
 * @public
 */
export const enterpriseConsoleBillingReadPermission = createPermission({
  name: 'enterprise-console.billing.read',
  attributes: { action: 'read' },
  resourceType: ENTERPRISE_ACCOUNT_RESOURCE_TYPE,
});

/**
 * Plans, subscription changes, invoice runs, credits, payments and approvals.
 *
 * @public
 */
export const enterpriseConsoleBillingManagePermission = createPermission({
  name: 'enterprise-console.billing.manage',
  attributes: { action: 'update' },
});

/**
 * Granular data of one tenant: its users, submissions and messages.
 *
 * @public
 */
export const enterpriseConsoleTenantReadPermission = createPermission({
  name: 'enterprise-console.tenant.read',
  attributes: { action: 'read' },
  resourceType: ENTERPRISE_TENANT_RESOURCE_TYPE,
});

/**
 * Create tenants; denied to non-admins while their account restricts tenant
 * creation.
 *
 * @public
 */
export const enterpriseConsoleTenantCreatePermission = createPermission({
  name: 'enterprise-console.tenant.create',
  attributes: { action: 'create' },
});

/**
 * Request plan changes and plan applications for a tenant.
 *
 * @public
 */
export const enterpriseConsoleTenantPlanChangePermission = createPermission({
  name: 'enterprise-console.tenant.plan.change',
  attributes: { action: 'update' },
  resourceType: ENTERPRISE_TENANT_RESOURCE_TYPE,
});

/**
 * Writing tenant data: the account and tenant PUT routes and the ingestion
 * API, normally by a service principal.
 *
 * @public
 */
export const enterpriseConsoleDataIngestPermission = createPermission({
  name: 'enterprise-console.data.ingest',
  attributes: { action: 'create' },
});

/**
 * Who administers an account: changing an account's `adminRefs` or
 * `adminEmails`, and moving a tenant from one account to another. Kept
 * apart from data.ingest, so that writing tenant data never takes over an
 * account; no shipped role holds it.
 *
 * @public
 */
export const enterpriseConsoleAccountAdminsManagePermission = createPermission({
  name: 'enterprise-console.account.admins.manage',
  attributes: { action: 'update' },
});

/**
 * List every account's id, name and admins (`GET /v1/accounts`) without
 * reading its console: what the catalog needs to publish tenants owned by
 * their account's admins. No shipped role holds it.
 *
 * @public
 */
export const enterpriseConsoleAccountListPermission = createPermission({
  name: 'enterprise-console.account.list',
  attributes: { action: 'read' },
});

/**
 * Approve or reject the email domains accounts bind to SSO providers and
 * sign-up restrictions (`/v1/domain-bindings`), across all accounts: a
 * binding claims users of every account, so a platform admin, not the
 * account's own admins, decides. No shipped role holds it.
 *
 * @public
 */
export const enterpriseConsoleDomainApprovePermission = createPermission({
  name: 'enterprise-console.domain.approve',
  attributes: { action: 'update' },
});

/**
 * Every permission of the Enterprise Console, as registered by the backend.
 *
 * @public
 */
export const enterpriseConsolePermissions: Permission[] = [
  enterpriseConsoleConsoleReadPermission,
  enterpriseConsoleReportExportPermission,
  enterpriseConsoleScheduleManagePermission,
  enterpriseConsoleSettingsReadPermission,
  enterpriseConsoleSettingsUpdatePermission,
  enterpriseConsoleBillingReadPermission,
  enterpriseConsoleBillingManagePermission,
  enterpriseConsoleTenantReadPermission,
  enterpriseConsoleTenantCreatePermission,
  enterpriseConsoleTenantPlanChangePermission,
  enterpriseConsoleDataIngestPermission,
  enterpriseConsoleAccountAdminsManagePermission,
  enterpriseConsoleAccountListPermission,
  enterpriseConsoleDomainApprovePermission,
];

/**
 * The permissions by the short names that role config uses
 * (`console.read` for `enterprise-console.console.read`).
 *
 * @public
 */
export const enterpriseConsolePermissionsByShortName: Record<
  string,
  Permission
> = Object.fromEntries(
  enterpriseConsolePermissions.map(permission => [
    permission.name.replace(/^enterprise-console\./, ''),
    permission,
  ]),
);
