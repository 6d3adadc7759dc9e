import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import {
  enterpriseConsoleSettingsUpdatePermission,
  enterpriseConsoleTenantCreatePermission,
  Tenant,
} from '@internal/plugin-enterprise-console-common';
import { z } from 'zod';
import { isoTime, parseInput } from '../lib/validation';
import { Authorizer } from '../permissions/authorize';
import { AccountStore, tenantSchema, TenantStore } from '../tenants';
import { SettingsService } from './SettingsService';

/** The fields of PUT /v1/tenants/{id}, with the id in the body and createdAt defaulting to now. */
const createTenantSchema = tenantSchema.extend({
  createdAt: isoTime.optional(),
});

/** A tenant as POST /v1/tenants asks for it, checked. */
export type NewTenant = z.output<typeof createTenantSchema>;

/** The body of POST /v1/tenants, or 400 naming each bad field. */
export function parseNewTenant(body: unknown): NewTenant {
  return parseInput(createTenantSchema, body, 'tenant');
}

/**
 * `POST /v1/tenants`: creating a tenant as a portal user, as opposed to the
 * ingestion PUT that mirrors tenants from the source system.
 */
export class TenantCreation {
  constructor(
    private readonly options: {
      authorizer: Authorizer;
      accounts: AccountStore;
      tenants: TenantStore;
      settings: SettingsService;
    },
  ) {}

  /** 401/403 before a body is read: tenant.create is a basic permission. */
  async authorize(credentials: BackstageCredentials): Promise<void> {
    await this.options.authorizer.requirePermission(
      credentials,
      enterpriseConsoleTenantCreatePermission,
    );
  }

  /**
   * Creates the tenant (parsed by `parseNewTenant`). Requires
   * enterprise-console.tenant.create and, while the account restricts
   * tenant creation, that the caller is one of its enterprise admins, i.e.
   * holds enterprise-console.settings.update on the account (what the
   * shipped enterprise-admin role grants through IS_ACCOUNT_ADMIN).
   */
  async create(
    tenant: NewTenant,
    credentials: BackstageCredentials,
  ): Promise<Tenant> {
    const { authorizer, accounts, settings } = this.options;
    await this.authorize(credentials);
    if (!(await accounts.exists(tenant.accountId))) {
      throw new InputError(
        `Invalid tenant: accountId ${tenant.accountId} does not exist`,
      );
    }
    if (
      (await settings.restrictsTenantCreation(tenant.accountId)) &&
      !(await authorizer.isAllowed(
        credentials,
        enterpriseConsoleSettingsUpdatePermission,
        tenant.accountId,
      ))
    ) {
      throw new NotAllowedError(
        `Not allowed: account ${tenant.accountId} restricts tenant creation to its enterprise admins`,
      );
    }

    return this.options.tenants.create(tenant);
  }
}
