import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import request from 'supertest';
import { apiApp } from '../../__testUtils__/apiApp';
import { migrateKnex } from '../../database/migrateDatabase';
import { createAuthorizer } from '../../permissions/authorize';
import {
  AccountStore,
  accountSchema,
  TenantStore,
  tenantSchema,
  UserCountSnapshots,
} from '../../tenants';
import { createBillingArea } from '../index';
import { databaseInvoiceUsage, InvoiceUsage } from '../invoices/invoiceUsage';
import { DEFAULT_PLAN_CATALOGUE } from '../plans/defaultPlanCatalogue';
import {
  BILLING_MANAGER,
  BILLING_READER,
  billingPermissionsMock,
} from './billingGrants';
import { testClock } from './billingTestArea';

const STANDARD = DEFAULT_PLAN_CATALOGUE.find(plan => plan.id === 'standard')!;

/** Worked example 2's plan: 1200.00, 8 included users, 1.00 per extra user. */
export const ADVANCED_EXAMPLE = {
  ...(({ id: _id, ...plan }) => plan)(STANDARD),
  name: 'Advanced',
  edition: 'advanced',
  monthlyFee: '1200.00',
  includedUsers: 8,
  extraUserFee: '1.00',
  visibility: 'internal',
};

/**
 * Accounts acme (per tenant: clinic, lab) and big (consolidated: main,
 * second, third), the billing clock on 2016-03-10 (`clock.setToday` moves
 * it). `failFor` makes the usage of that tenant fail, as a broken tenant
 * would.
 */
export async function invoiceTestArea(
  knex: Knex,
  options: { failFor?: string } = {},
) {
  await migrateKnex(knex);
  const clock = testClock('2016-03-10');
  const accounts = new AccountStore(knex);
  const tenants = new TenantStore(knex);
  await accounts.upsert(accountSchema.parse({ id: 'acme', name: 'Acme' }));
  await accounts.upsert(
    accountSchema.parse({
      id: 'big',
      name: 'Big',
      enterprise: true,
      invoicing: 'consolidated',
    }),
  );
  for (const [id, accountId] of [
    ['clinic', 'acme'],
    ['lab', 'acme'],
    ['main', 'big'],
    ['second', 'big'],
    ['third', 'big'],
  ]) {
    await tenants.upsert(
      tenantSchema.parse({
        id,
        accountId,
        name: id,
        createdAt: '2015-01-15T08:00:00Z',
      }),
    );
  }
  const usage = databaseInvoiceUsage(
    knex,
    new UserCountSnapshots(knex, clock.now),
  );
  /** The tenants of each call, to see the run read a page at once. */
  const usageCalls: string[][] = [];
  const invoiceUsage: InvoiceUsage = {
    activeMobileUsers: async (tenantIds, day) => {
      usageCalls.push([...tenantIds]);
      if (options.failFor && tenantIds.includes(options.failFor)) {
        throw new Error(`usage of ${options.failFor} unavailable`);
      }
      return usage.activeMobileUsers(tenantIds, day);
    },
    smsMessages: usage.smsMessages,
  };
  const httpAuth = mockServices.httpAuth({
    defaultCredentials: mockCredentials.user(BILLING_MANAGER),
  });
  const auditor = mockServices.auditor.mock();
  const area = createBillingArea({
    db: knex,
    config: mockServices.rootConfig(),
    logger: mockServices.logger.mock(),
    httpAuth,
    auditor,
    authorizer: createAuthorizer({
      httpAuth,
      permissions: billingPermissionsMock(),
      permissionsRegistry: mockServices.permissionsRegistry.mock(),
      db: knex,
    }),
    accounts,
    tenants,
    now: clock.now,
    invoiceUsage,
  });
  await area.start!();
  const app = await apiApp(area.router);
  const as = (user: string) => ({
    get: (url: string) =>
      request(app)
        .get(url)
        .set('authorization', mockCredentials.user.header(user)),
    post: (url: string, body: unknown) =>
      request(app)
        .post(url)
        .set('authorization', mockCredentials.user.header(user))
        .send(body as object),
    put: (url: string, body: unknown) =>
      request(app)
        .put(url)
        .set('authorization', mockCredentials.user.header(user))
        .send(body as object),
  });
  const subscribe = async (body: Record<string, unknown>) => {
    const res = await as(BILLING_MANAGER).post('/v1/billing/subscriptions', {
      planId: 'standard',
      cycle: 'monthly',
      ...body,
    });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const snapshot = (tenantId: string, day: string, mobile: number) =>
    knex('user_count_snapshots').insert({
      tenant_id: tenantId,
      day,
      active_mobile_users: mobile,
      active_web_users: 0,
      recorded_at: clock.now(),
    });
  let smsId = 0;
  /** A message; fees per part in ten-thousandths. */
  const sms = (
    tenantId: string,
    sentAt: string,
    parts: number,
    fees: { gateway: number; usage: number },
    valid = true,
  ) =>
    knex('sms_messages').insert({
      tenant_id: tenantId,
      id: `sms-${(smsId += 1)}`,
      direction: 'outbound',
      parts,
      sent_at: new Date(sentAt),
      gateway_fee_ten_thousandths: fees.gateway,
      usage_fee_ten_thousandths: fees.usage,
      valid,
    });
  /** `count` users of `kind` and `status`, numbered from `from`. */
  const users = (
    tenantId: string,
    count: number,
    of: { kind?: string; status?: string; from?: number } = {},
  ) =>
    knex('users').insert(
      Array.from({ length: count }, (_, i) => ({
        tenant_id: tenantId,
        id: `u-${(of.from ?? 0) + i}`,
        kind: of.kind ?? 'mobile',
        username: `u-${(of.from ?? 0) + i}`,
        status: of.status ?? 'active',
        created_at: clock.now(),
      })),
    );
  /** An account's invoices as a billing reader gets them (of `period` when given), by number. */
  const invoicesOf = async (accountId: string, period?: string) => {
    const res = await as(BILLING_READER).get(
      `/v1/billing/invoices?accountId=${accountId}`,
    );
    expect(res.status).toBe(200);
    return res.body.items
      .filter((item: { period: string }) => !period || item.period === period)
      .sort(
        (a: { number: number }, b: { number: number }) => a.number - b.number,
      );
  };
  return {
    area,
    as,
    invoicesOf,
    auditor,
    usageCalls,
    subscribe,
    snapshot,
    sms,
    users,
    knex,
    accounts,
    clock,
  };
}
