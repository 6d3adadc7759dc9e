import { Knex } from 'knex';
import {
  BILLING_MANAGER as MANAGER,
  BILLING_READER as READER,
  NO_PERMISSIONS as NOBODY,
} from '../__testUtils__/billingGrants';
import {
  seedTenants,
  startBillingArea,
  testClock,
} from '../__testUtils__/billingTestArea';
import { createTestDatabases } from '../../__testUtils__/testDatabases';
import { migrateKnex } from '../../database/migrateDatabase';

const databases = createTestDatabases({ testTimeoutMs: 60_000 });

async function setup(knex: Knex, today = '2026-03-10') {
  await migrateKnex(knex);
  const clock = testClock(today);
  const { accounts, tenants } = await seedTenants(knex, [
    ['clinic', 'acme'],
    ['lab', 'acme'],
    ['far', 'other'],
  ]);
  const { as, auditor } = await startBillingArea(knex, {
    accounts,
    tenants,
    now: clock.now,
  });
  return { as, auditor, tenants, setToday: clock.setToday };
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

    describe('changes', () => {
      /** A subscription of clinic from 2026-03-01, then today set to `on`. */
      async function subscribed(extra: object = {}, on = '2026-03-10') {
        const context = await setup(await databases.init(databaseId));
        const res = await context
          .as(MANAGER)
          .post('/v1/billing/subscriptions', {
            ...base,
            ...extra,
          });
        expect(res.status).toBe(201);
        context.setToday(on);
        const change = (body: object) =>
          context
            .as(MANAGER)
            .post(`/v1/billing/subscriptions/${res.body.id}/change`, body);
        return { ...context, subscription: res.body, change };
      }

      it.each([
        ['2026-03-29', 29, true],
        ['2026-03-30', 30, true],
        ['2026-03-31', 31, false],
      ])(
        'a downgrade on %s (day %d) waits for day 31: %p',
        async (date, day, scheduled) => {
          const { change, subscription, tenants } = await subscribed({}, date);
          const res = await change({ planId: 'community', date });
          expect(res.status).toBe(200);
          expect(res.body).toEqual({
            current: {
              ...subscription,
              endDate: '2026-03-31',
              status: scheduled ? 'active' : 'ended',
            },
            next: {
              ...subscription,
              id: res.body.next.id,
              planId: 'community',
              startDate: '2026-03-31',
              status: scheduled ? 'scheduled' : 'active',
            },
            effectiveDate: '2026-03-31',
            scheduled,
            ...(scheduled
              ? {
                  reason: `Day ${day} of a paid plan's 30-day minimum commitment: the change takes effect on 2026-03-31`,
                }
              : {}),
          });
          expect((await tenants.get('clinic'))!.plan).toBe(
            scheduled ? 'standard' : 'community',
          );
        },
      );

      it('downgrades a trial at once on its second day', async () => {
        const { change, tenants } = await subscribed(
          { planId: 'pro', serviceType: 'trial' },
          '2026-03-02',
        );
        const res = await change({ planId: 'standard' });
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({
          effectiveDate: '2026-03-02',
          scheduled: false,
          current: { planId: 'pro', endDate: '2026-03-02', status: 'ended' },
          next: { planId: 'standard', serviceType: 'trial', status: 'active' },
        });
        expect(await tenants.get('clinic')).toMatchObject({
          plan: 'standard',
          status: 'trial',
        });
      });

      it.each([['2026-04-01'], ['2026-03-31']])(
        'upgrades at once on %s',
        async date => {
          const { as, change, tenants } = await subscribed({}, date);
          const res = await change({ planId: 'advanced' });
          expect(res.status).toBe(200);
          expect(res.body).toMatchObject({
            effectiveDate: date,
            scheduled: false,
            current: { planId: 'standard', endDate: date, status: 'ended' },
            next: { planId: 'advanced', startDate: date, status: 'active' },
          });
          expect(await tenants.get('clinic')).toMatchObject({
            plan: 'advanced',
            edition: 'advanced',
          });
          const list = await as(READER).get(
            '/v1/billing/subscriptions?tenantId=clinic',
          );
          expect(list.body.items.map((x: any) => x.status)).toEqual([
            'active',
            'ended',
          ]);
        },
      );

      it('changes the plan in place on the first day and refuses a second pending change', async () => {
        const { change, subscription } = await subscribed({}, '2026-03-01');
        const same = await change({ planId: 'pro' });
        expect(same.status).toBe(200);
        expect(same.body.next).toEqual({ ...subscription, planId: 'pro' });
        const down = await change({ planId: 'community', date: '2026-03-05' });
        expect(down.body.scheduled).toBe(true);
        const again = await change({ planId: 'standard', date: '2026-03-05' });
        expect(again.status).toBe(409);
        expect(again.body.error.message).toBe(
          'Tenant clinic has a change starting on 2026-03-31; cancel it first',
        );
      });

      it('answers 400, 404 and 409 for bad changes', async () => {
        const { as, change } = await subscribed();
        expect((await change({ planId: 'Bad_Id' })).status).toBe(400);
        expect(
          (await change({ planId: 'pro', date: '2026-02-30' })).status,
        ).toBe(400);
        expect((await change({ planId: 'pro', extra: 1 })).status).toBe(400);
        expect((await change({ planId: 'nope' })).status).toBe(404);
        expect((await change({ planId: 'standard' })).status).toBe(409);
        expect(
          (await change({ planId: 'pro', date: '2026-02-01' })).status,
        ).toBe(409);
        for (const id of ['nope', '00000000-0000-4000-8000-000000000000']) {
          expect(
            (
              await as(MANAGER).post(`/v1/billing/subscriptions/${id}/change`, {
                planId: 'pro',
              })
            ).status,
          ).toBe(404);
        }
        const reader = await as(READER).post(
          '/v1/billing/subscriptions/00000000-0000-4000-8000-000000000000/change',
          { planId: 'pro' },
        );
        expect(reader.status).toBe(403);
      });

      it('leaves exactly one active subscription after concurrent changes', async () => {
        const { as, change } = await subscribed({}, '2026-04-15');
        const results = await Promise.all(
          ['pro', 'advanced', 'community', 'pro'].map(planId =>
            change({ planId }),
          ),
        );
        expect(results.map(r => r.status).sort()).toEqual([200, 409, 409, 409]);
        const list = await as(READER).get(
          '/v1/billing/subscriptions?tenantId=clinic',
        );
        expect(
          list.body.items.filter((x: any) => x.status === 'active'),
        ).toHaveLength(1);
        expect(list.body.items).toHaveLength(2);
      });
      it('ends a paid subscription by the 30-day rule, then falls back to Community', async () => {
        const { as, subscription, tenants, setToday } = await subscribed(
          { autoRenew: true, proBono: 'discounted', discountPercent: 10 },
          '2026-03-10',
        );
        const end = (body: object) =>
          as(MANAGER).post(
            `/v1/billing/subscriptions/${subscription.id}/end`,
            body,
          );
        const res = await end({});
        expect(res.status).toBe(200);
        expect(res.body).toEqual({
          current: { ...subscription, endDate: '2026-03-31', status: 'active' },
          next: {
            id: res.body.next.id,
            tenantId: 'clinic',
            accountId: 'acme',
            planId: 'community',
            planVersion: 1,
            cycle: 'monthly',
            startDate: '2026-03-31',
            proBono: 'full-price',
            serviceType: 'product',
            doNotInvoice: false,
            autoRenew: false,
            status: 'scheduled',
          },
          effectiveDate: '2026-03-31',
          scheduled: true,
          reason:
            "Day 10 of a paid plan's 30-day minimum commitment: the change takes effect on 2026-03-31",
        });
        expect((await tenants.get('clinic'))!.plan).toBe('standard');
        setToday('2026-03-31');
        const list = await as(READER).get(
          '/v1/billing/subscriptions?tenantId=clinic',
        );
        expect(list.body.items.map((x: any) => [x.planId, x.status])).toEqual([
          ['community', 'active'],
          ['standard', 'ended'],
        ]);
        const again = await as(MANAGER).post(
          `/v1/billing/subscriptions/${res.body.next.id}/end`,
          {},
        );
        expect(again.status).toBe(409);
      });

      it('ends a trial at once and the tenant is on Community', async () => {
        const { as, subscription, tenants } = await subscribed(
          { planId: 'pro', serviceType: 'trial' },
          '2026-03-05',
        );
        const res = await as(MANAGER).post(
          `/v1/billing/subscriptions/${subscription.id}/end`,
          { date: '2026-03-05' },
        );
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({
          effectiveDate: '2026-03-05',
          scheduled: false,
          current: { status: 'ended', endDate: '2026-03-05' },
          next: { planId: 'community', status: 'active' },
        });
        expect(await tenants.get('clinic')).toMatchObject({
          plan: 'community',
          edition: 'community',
          status: 'active',
        });
        expect(
          (
            await as(MANAGER).post(
              `/v1/billing/subscriptions/${subscription.id}/end`,
              { when: 'now' },
            )
          ).status,
        ).toBe(400);
      });
    });
  },
);
