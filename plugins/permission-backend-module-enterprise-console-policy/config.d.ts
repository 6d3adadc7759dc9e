export interface Config {
  enterpriseConsole?: {
    /**
     * Roles of the Enterprise Console permission policy. When none are
     * configured the shipped roles apply (enterprise-admin, report-manager,
     * billing-admin, tenant-admin, auditor), without members. An entry named
     * like a shipped role takes the shipped role's description, permissions,
     * scope, tenant roles and managed roles for every field it leaves out, so
     * `{ name: enterprise-admin, members: [group:default/admins] }` is enough
     * to staff it.
     */
    roles?: Array<{
      /** Unique role name, e.g. enterprise-admin. */
      name: string;
      /** Shown to people who assign roles. */
      description?: string;
      /**
       * Users and groups holding the role, as entity refs
       * (user:default/jane, group:default/finance). A user holds a role when
       * their own ref or one of their ownership refs (groups) is listed.
       */
      members?: string[];
      /**
       * Permissions by short name: console.read, report.export,
       * schedule.manage, settings.read, settings.update, billing.read,
       * billing.manage, tenant.read, tenant.create, tenant.plan.change,
       * data.ingest, account.admins.manage, account.list (no shipped role
       * holds the last three).
       */
      permissions?: string[];
      /**
       * Which resources the role's account and tenant permissions reach:
       * `all` (default); `administered-accounts`, accounts whose adminRefs
       * name the user or one of their groups, and the tenants of those
       * accounts (IS_ACCOUNT_ADMIN); `own-tenants`, tenants where the user is
       * an active user (IS_TENANT_MEMBER; account permissions are not
       * granted). Permissions without a resource type (billing.manage,
       * tenant.create, data.ingest) are granted as listed whatever the scope.
       */
      scope?: 'all' | 'administered-accounts' | 'own-tenants';
      /**
       * With scope own-tenants: tenant roles (e.g. Admin) the user must hold
       * in the tenant; any role when left out.
       */
      tenantRoles?: string[];
      /** Roles that holders of this role may assign to others. */
      manages?: string[];
    }>;
    /**
     * The permission policy's behaviour outside its own permissions.
     */
    policy?: {
      /**
       * Decision for permissions of other plugins (catalog, scaffolder, …).
       * `allow` keeps the rest of the portal working as without a policy;
       * `deny` makes the whole portal deny by default.
       *
       * @default allow
       */
      defaultDecision?: 'allow' | 'deny';
    };
  };
}
