import {
  BackstageCredentials,
  isDatabaseConflictError,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { ConflictError, InputError, NotAllowedError } from '@backstage/errors';
import {
  enterpriseConsoleSettingsUpdatePermission,
  enterpriseConsoleTenantCreatePermission,
  Tenant,
} from '@internal/plugin-enterprise-console-common';
import { Knex } from 'knex';
import { AccountStore } from '../tenants/AccountStore';
import { TenantStore } from '../tenants/TenantStore';
import { isoTime, parseInput, tenantSchema } from '../tenants/validation';
import { isAllowed, requirePermission } from './authorize';
import { SettingsService } from './SettingsService';

/** The fields of PUT /v1/tenants/{id}, with the id in the body and createdAt defaulting to now. */
const createTenantSchema = tenantSchema.extend({
  createdAt: isoTime.optional(),
});

/**
 * `POST /v1/tenants`: creating a tenant as a portal user, as opposed to the
 * ingestion PUT that mirrors tenants from the source system.
 */
export class TenantCreation {
  constructor(
    private readonly options: {
      db: Knex;
      permissions: PermissionsService;
      accounts: AccountStore;
      tenants: TenantStore;
      settings: SettingsService;
      now?: () => Date;
    },
  ) {}

  /**
   * Requires enterprise-console.tenant.create and, while the account
   * restricts tenant creation, that the caller is one of its enterprise
   * admins, i.e. holds enterprise-console.settings.update on the account
   * (what the shipped enterprise-admin role grants through IS_ACCOUNT_ADMIN).
   */
  async create(
    body: unknown,
    credentials: BackstageCredentials,
  ): Promise<Tenant> {
    const { permissions, accounts, settings } = this.options;
    await requirePermission(
      permissions,
      credentials,
      enterpriseConsoleTenantCreatePermission,
    );
    const tenant = parseInput(createTenantSchema, body, 'tenant');
    if (!(await accounts.exists(tenant.accountId))) {
      throw new InputError(
        `Invalid tenant: accountId ${tenant.accountId} does not exist`,
      );
    }
    if (
      (await settings.restrictsTenantCreation(tenant.accountId)) &&
      !(await isAllowed(
        permissions,
        credentials,
        enterpriseConsoleSettingsUpdatePermission,
        tenant.accountId,
      ))
    ) {
      throw new NotAllowedError(
        `Not allowed: account ${tenant.accountId} restricts tenant creation to its enterprise admins`,
      );
    }

    const now = (this.options.now ?? (() => new Date()))();
    try {
      // A plain insert rather than the ingestion upsert: creating must never
      // replace an existing tenant, and the primary key decides races.
      await this.options.db('tenants').insert({
        id: tenant.id,
        account_id: tenant.accountId,
        name: tenant.name,
        url: tenant.url ?? null,
        created_at: tenant.createdAt ? new Date(tenant.createdAt) : now,
        timezone: tenant.timezone,
        entity_ref: tenant.entityRef ?? null,
        feed_limit: tenant.feedLimit,
        updated_at: now,
      });
    } catch (error) {
      if (isDatabaseConflictError(error)) {
        throw new ConflictError(`Tenant ${tenant.id} already exists`);
      }
      throw error;
    }
    return (await this.options.tenants.get(tenant.id))!;
  }
}
