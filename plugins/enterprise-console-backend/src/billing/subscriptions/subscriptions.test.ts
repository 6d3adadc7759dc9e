import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import request from 'supertest';
import {
  BILLING_MANAGER,
  BILLING_READER,
  billingPermissionsMock,
  NO_PERMISSIONS,
} from '../../__testUtils__/billingGrants';
import { apiApp } from '../../__testUtils__/apiApp';
import { createTestDatabases } from '../../__testUtils__/testDatabases';
import { migrateKnex } from '../../database/migrateDatabase';
import { createAuthorizer } from '../../permissions/authorize';
import {
  AccountStore,
  accountSchema,
  TenantStore,
  tenantSchema,
} from '../../tenants';
import { createBillingArea } from '../index';

const databases = createTestDatabases({ testTimeoutMs: 60_000 });

const MANAGER = BILLING_MANAGER;
const READER = BILLING_READER;
const NOBODY = NO_PERMISSIONS;

async function setup(knex: Knex, today = '2026-03-10') {
  await migrateKnex(knex);
  let clock = new Date(`${today}T12:00:00Z`);
  const accounts = new AccountStore(knex);
  const tenants = new TenantStore(knex);
  await accounts.upsert(accountSchema.parse({ id: 'acme', name: 'Acme' }));
  await accounts.upsert(accountSchema.parse({ id: 'other', name: 'Other' }));
  for (const [id, accountId] of [
    ['clinic', 'acme'],
    ['lab', 'acme'],
    ['far', 'other'],
  ]) {
    await tenants.upsert(
      tenantSchema.parse({
        id,
        accountId,
        name: id,
        createdAt: '2026-01-15T08:00:00Z',
      }),
    );
  }
  const permissions = billingPermissionsMock();
  const httpAuth = mockServices.httpAuth({
    defaultCredentials: mockCredentials.user(MANAGER),
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
      permissions,
      permissionsRegistry: mockServices.permissionsRegistry.mock(),
      db: knex,
    }),
    accounts,
    tenants,
    now: () => clock,
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
  });
  return {
    as,
    auditor,
    tenants,
    setToday: (date: string) => {
      clock = new Date(`${date}T12:00:00Z`);
    },
  };
}

const base = {
  tenantId: 'clinic',
  planId: 'standard',
  cycle: 'monthly',
  startDate: '2026-03-01',
};

describe.each(databases.eachSupportedId())(
  'billing subscriptions on %p',
  databaseId => {
    it('creates an active subscription with defaults and records it on the tenant', async () => {
      const { as, auditor, tenants } = await setup(
        await databases.init(databaseId),
      );
      const res = await as(MANAGER).post('/v1/billing/subscriptions', base);
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        tenantId: 'clinic',
        accountId: 'acme',
        planId: 'standard',
        planVersion: 1,
        cycle: 'monthly',
        startDate: '2026-03-01',
        proBono: 'full-price',
        serviceType: 'product',
        doNotInvoice: false,
        autoRenew: false,
        status: 'active',
      });
      expect(await tenants.get('clinic')).toMatchObject({
        plan: 'standard',
        edition: 'standard',
        status: 'active',
      });
      expect(auditor.createEvent).toHaveBeenCalledWith(
        expect.objectContaining({ eventId: 'billing-subscription-create' }),
      );
      const event = await auditor.createEvent.mock.results[0].value;
      expect(event.success).toHaveBeenCalledWith({
        meta: {
          actor: MANAGER,
          tenantId: 'clinic',
          before: null,
          after: { created: res.body, ended: null },
        },
      });
    });

    it('keeps every optional field and marks trials on the tenant', async () => {
      const { as, tenants } = await setup(await databases.init(databaseId));
      const res = await as(MANAGER).post('/v1/billing/subscriptions', {
        ...base,
        planId: 'pro',
        cycle: 'annual',
        endDate: '2026-04-01',
        proBono: 'discounted',
        discountPercent: 25,
        serviceType: 'trial',
        doNotInvoice: true,
        doNotInvoiceReason: 'Pilot paid by grant',
        autoRenew: true,
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        planId: 'pro',
        cycle: 'annual',
        endDate: '2026-04-01',
        proBono: 'discounted',
        discountPercent: 25,
        serviceType: 'trial',
        doNotInvoice: true,
        doNotInvoiceReason: 'Pilot paid by grant',
        autoRenew: true,
        status: 'active',
      });
      expect(await tenants.get('clinic')).toMatchObject({
        plan: 'pro',
        edition: 'pro',
        status: 'trial',
      });
    });

    it('ends the running subscription at the new start and computes status from dates', async () => {
      const { as, tenants, setToday } = await setup(
        await databases.init(databaseId),
      );
      const first = await as(MANAGER).post('/v1/billing/subscriptions', base);
      const next = await as(MANAGER).post('/v1/billing/subscriptions', {
        ...base,
        planId: 'advanced',
        startDate: '2026-04-01',
      });
      expect(next.status).toBe(201);
      expect(next.body.status).toBe('scheduled');
      // A future start leaves the tenant on its current plan.
      expect(await tenants.get('clinic')).toMatchObject({ plan: 'standard' });
      const list = await as(READER).get(
        '/v1/billing/subscriptions?tenantId=clinic',
      );
      expect(list.status).toBe(200);
      expect(
        list.body.items.map((s: any) => [
          s.id,
          s.planId,
          s.startDate,
          s.endDate,
          s.status,
        ]),
      ).toEqual([
        [next.body.id, 'advanced', '2026-04-01', undefined, 'scheduled'],
        [first.body.id, 'standard', '2026-03-01', '2026-04-01', 'active'],
      ]);
      // endDate is exclusive: on 1 April the first has ended.
      setToday('2026-04-01');
      const later = await as(READER).get(
        '/v1/billing/subscriptions?tenantId=clinic',
      );
      expect(later.body.items.map((s: any) => s.status)).toEqual([
        'active',
        'ended',
      ]);
    });

    it('answers 409 for a subscription starting on or after the new start', async () => {
      const { as } = await setup(await databases.init(databaseId));
      await as(MANAGER).post('/v1/billing/subscriptions', {
        ...base,
        startDate: '2026-04-01',
      });
      for (const startDate of ['2026-04-01', '2026-03-15']) {
        const res = await as(MANAGER).post('/v1/billing/subscriptions', {
          ...base,
          startDate,
        });
        expect(res.status).toBe(409);
        expect(res.body.error.message).toBe(
          'Tenant clinic has a subscription starting on 2026-04-01; change or end it instead',
        );
      }
      // A period that ends before it does not overlap.
      const before = await as(MANAGER).post('/v1/billing/subscriptions', {
        ...base,
        startDate: '2026-03-15',
        endDate: '2026-04-01',
      });
      expect(before.status).toBe(201);
    });

    it('lists an account’s subscriptions and refuses callers without billing.read', async () => {
      const { as } = await setup(await databases.init(databaseId));
      await as(MANAGER).post('/v1/billing/subscriptions', base);
      await as(MANAGER).post('/v1/billing/subscriptions', {
        ...base,
        tenantId: 'lab',
      });
      await as(MANAGER).post('/v1/billing/subscriptions', {
        ...base,
        tenantId: 'far',
      });
      const acme = await as(READER).get(
        '/v1/billing/subscriptions?accountId=acme',
      );
      expect(acme.status).toBe(200);
      expect(acme.body.items.map((s: any) => s.tenantId)).toEqual([
        'clinic',
        'lab',
      ]);
      expect(
        (await as(NOBODY).get('/v1/billing/subscriptions?accountId=acme'))
          .status,
      ).toBe(403);
      const post = await as(READER).post('/v1/billing/subscriptions', base);
      expect(post.status).toBe(403);
      expect(post.body.error.message).toBe(
        'Not allowed: enterprise-console.billing.manage is required',
      );
    });

    it('answers 400 and 404 for bad queries and unknown tenants, accounts and plans', async () => {
      const { as } = await setup(await databases.init(databaseId));
      for (const query of [
        '',
        '?tenantId=clinic&accountId=acme',
        '?tenant=clinic',
      ]) {
        expect(
          (await as(READER).get(`/v1/billing/subscriptions${query}`)).status,
        ).toBe(400);
      }
      for (const query of [
        '?tenantId=nope',
        '?accountId=nope',
        '?tenantId=Bad_Id',
      ]) {
        expect(
          (await as(READER).get(`/v1/billing/subscriptions${query}`)).status,
        ).toBe(404);
      }
      expect(
        (
          await as(MANAGER).post('/v1/billing/subscriptions', {
            ...base,
            tenantId: 'nope',
          })
        ).status,
      ).toBe(404);
      expect(
        (
          await as(MANAGER).post('/v1/billing/subscriptions', {
            ...base,
            planId: 'nope',
          })
        ).status,
      ).toBe(404);
    });

    it.each([
      ['startDate', { startDate: '2026-02-30' }],
      ['startDate', { startDate: '2026-3-1' }],
      ['endDate', { endDate: '2026-03-01' }],
      ['cycle', { cycle: 'weekly' }],
      ['discountPercent', { discountPercent: 10 }],
      ['discountPercent', { proBono: 'discounted' }],
      ['discountPercent', { proBono: 'discounted', discountPercent: 12.5 }],
      ['doNotInvoiceReason', { doNotInvoice: true }],
      ['doNotInvoiceReason', { doNotInvoiceReason: 'why' }],
      ['serviceType', { serviceType: 'gift' }],
      ['unknown field', { monthlyFee: '1e3' }],
    ])('answers 400 naming %s and creates nothing', async (field, change) => {
      const { as } = await setup(await databases.init(databaseId));
      const res = await as(MANAGER).post('/v1/billing/subscriptions', {
        ...base,
        ...change,
      });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(field);
      expect(
        (await as(READER).get('/v1/billing/subscriptions?tenantId=clinic')).body
          .items,
      ).toEqual([]);
    });

    it('leaves exactly one subscription when concurrent creates race for one start', async () => {
      const { as } = await setup(await databases.init(databaseId));
      const results = await Promise.all(
        ['standard', 'pro', 'advanced', 'community'].map(planId =>
          as(MANAGER).post('/v1/billing/subscriptions', { ...base, planId }),
        ),
      );
      expect(results.map(r => r.status).sort()).toEqual([201, 409, 409, 409]);
      const list = await as(READER).get(
        '/v1/billing/subscriptions?tenantId=clinic',
      );
      expect(list.body.items).toHaveLength(1);
    });
  },
);
