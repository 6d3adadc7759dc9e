import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  PermissionsRegistryService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import express from 'express';
import { Knex } from 'knex';
import request from 'supertest';
import { apiApp } from '../../__testUtils__/apiApp';
import { createAuthorizer } from '../../permissions/authorize';
import {
  AccountStore,
  accountSchema,
  TenantStore,
  tenantSchema,
} from '../../tenants';
import { createBillingArea } from '../index';
import { BILLING_MANAGER, billingPermissionsMock } from './billingGrants';

/** App config as the mock root config takes it. */
export type JsonObject = NonNullable<
  NonNullable<Parameters<typeof mockServices.rootConfig>[0]>['data']
>;

type AreaDeps = Parameters<typeof createBillingArea>[0];

/**
 * The header a test caller sends: `anonymous` none, `service` any plugin's
 * token, a user ref the user's, any other ref that plugin's own call.
 */
export function callerHeader(caller: string): string {
  if (caller === 'anonymous') {
    return mockCredentials.none.header();
  }
  if (caller === 'service') {
    return mockCredentials.service.header();
  }
  if (caller.startsWith('user:')) {
    return mockCredentials.user.header(caller);
  }
  return mockCredentials.service.header({
    onBehalfOf: mockCredentials.service(caller),
    targetPluginId: 'enterprise-console',
  });
}

/** `as(caller).get(url)` and so on: requests to `app` as `caller`. */
export function requestsAs(app: express.Express) {
  return (caller: string) => ({
    get: (url: string) =>
      request(app).get(url).set('authorization', callerHeader(caller)),
    post: (url: string, body?: unknown) =>
      request(app)
        .post(url)
        .set('authorization', callerHeader(caller))
        .send(body as object),
    put: (url: string, body: unknown) =>
      request(app)
        .put(url)
        .set('authorization', callerHeader(caller))
        .send(body as object),
  });
}

/** A clock tests move by hand; it starts at noon UTC of `today`. */
export function testClock(today: string) {
  let clock = new Date(`${today}T12:00:00Z`);
  return {
    now: () => clock,
    setToday: (date: string) => {
      clock = new Date(`${date}T12:00:00Z`);
    },
    /** Moves the clock on by minutes. */
    later: (minutes = 1) => {
      clock = new Date(clock.getTime() + minutes * 60_000);
    },
  };
}

/**
 * Writes the tenants `[id, accountId, name?]` (name defaults
 * to the id) after their accounts (`acme` is named Acme, `other` Other).
 */
export async function seedTenants(
  knex: Knex,
  rows: Array<[id: string, accountId: string, name?: string]>,
) {
  const accounts = new AccountStore(knex);
  const tenants = new TenantStore(knex);
  for (const accountId of new Set(rows.map(([, a]) => a))) {
    await accounts.upsert(
      accountSchema.parse({
        id: accountId,
        name: accountId[0].toUpperCase() + accountId.slice(1),
      }),
    );
  }
  for (const [id, accountId, name = id] of rows) {
    await tenants.upsert(
      tenantSchema.parse({
        id,
        accountId,
        name,
        createdAt: '2026-01-15T08:00:00Z',
      }),
    );
  }
  return { accounts, tenants };
}

export type BillingTestOptions = {
  /** Defaults to the outright grants of billingGrants. */
  permissions?: PermissionsService;
  permissionsRegistry?: PermissionsRegistryService;
  config?: JsonObject;
} & Partial<
  Pick<AreaDeps, 'accounts' | 'tenants' | 'features' | 'notifications' | 'now'>
>;

/**
 * `build(config)` makes a billing area over `knex` with mock services, the
 * billing manager as the default caller; the auditor and logger are shared.
 */
export function billingAreaBuilder(
  knex: Knex,
  options: BillingTestOptions = {},
) {
  const httpAuth = mockServices.httpAuth({
    pluginId: 'enterprise-console',
    defaultCredentials: mockCredentials.user(BILLING_MANAGER),
  });
  const auditor = mockServices.auditor.mock();
  const logger = mockServices.logger.mock();
  const authorizer = createAuthorizer({
    httpAuth,
    permissions: options.permissions ?? billingPermissionsMock(),
    permissionsRegistry:
      options.permissionsRegistry ?? mockServices.permissionsRegistry.mock(),
    db: knex,
  });
  const build = (config: JsonObject = options.config ?? {}) =>
    createBillingArea({
      db: knex,
      config: mockServices.rootConfig({ data: config }),
      logger,
      httpAuth,
      auditor,
      authorizer,
      accounts: options.accounts ?? new AccountStore(knex),
      tenants: options.tenants ?? new TenantStore(knex),
      features: options.features,
      notifications: options.notifications,
      now: options.now,
    });
  return { build, auditor, logger };
}

/** A started billing area served as the plugin serves it, and `as(caller)`. */
export async function startBillingArea(
  knex: Knex,
  options: BillingTestOptions = {},
) {
  const { build, auditor, logger } = billingAreaBuilder(knex, options);
  const area = build();
  await area.start!();
  const app = await apiApp(area.router);
  return { area, app, as: requestsAs(app), auditor, logger, build };
}
