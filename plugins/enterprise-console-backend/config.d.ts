export interface Config {
  /**
   * Configuration of the Enterprise Console plugins.
   */
  enterpriseConsole?: {
    /**
     * Permissions that service principals (static tokens, other plugins)
     * hold, by short name (`data.ingest` for
     * `enterprise-console.data.ingest`). Backstage's permission client allows
     * services everything without asking the policy; the Enterprise Console
     * backend denies every permission not listed here. Unknown names fail
     * startup. Whatever this says, the catalog plugin may read tenants and
     * accounts (tenant.read, console.read), as the Enterprise Console catalog
     * module publishes tenants as entities owned by their account's admins.
     *
     * @default ["data.ingest"]
     */
    servicePermissions?: string[];
  };
}
