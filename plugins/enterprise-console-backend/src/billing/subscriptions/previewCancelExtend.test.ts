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

const UNKNOWN = '00000000-0000-4000-8000-000000000000';

/** clinic of acme with 60 active mobile users (and users that do not count), features in use as given. */
async function setup(knex: Knex, inUse: string[] = []) {
  await migrateKnex(knex);
  const clock = testClock('2026-03-01');
  const { accounts, tenants } = await seedTenants(knex, [['clinic', 'acme']]);
  const user = (id: string, kind: string, status: string) => ({
    tenant_id: 'clinic',
    id,
    kind,
    username: id,
    status,
    created_at: new Date('2026-01-15T08:00:00Z'),
  });
  await knex('users').insert([
    ...Array.from({ length: 60 }, (_, i) => user(`m${i}`, 'mobile', 'active')),
    user('gone', 'mobile', 'inactive'),
    user('desk', 'web', 'active'),
  ]);
  const featureCalls: string[] = [];
  const { as, auditor } = await startBillingArea(knex, {
    accounts,
    tenants,
    now: clock.now,
    // Modules' usage providers, as the entitlements extension point takes them.
    features: inUse.map(feature => ({
      feature,
      registration: {
        inUse: async (tenantId: string) => {
          featureCalls.push(tenantId);
          return true;
        },
      },
    })),
  });
  const subscribe = async (body: object) => {
    const res = await as(MANAGER).post('/v1/billing/subscriptions', {
      tenantId: 'clinic',
      planId: 'standard',
      cycle: 'monthly',
      startDate: '2026-03-01',
      ...body,
    });
    expect(res.status).toBe(201);
    return res.body;
  };
  const list = async () =>
    (await as(READER).get('/v1/billing/subscriptions?tenantId=clinic')).body
      .items;
  /** The audit meta of the last event with `eventId`. */
  const auditOf = async (eventId: string) => {
    const calls = auditor.createEvent.mock.calls;
    const index = calls.map(([e]) => e.eventId).lastIndexOf(eventId);
    expect(index).toBeGreaterThanOrEqual(0);
    const event = await auditor.createEvent.mock.results[index].value;
    return event.success.mock.calls[0]?.[0]?.meta;
  };
  return {
    as,
    auditor,
    auditOf,
    tenants,
    subscribe,
    list,
    featureCalls,
    setToday: clock.setToday,
  };
}

describe.each(databases.eachSupportedId())(
  'billing subscription preview, cancel and extend on %p',
  databaseId => {
    describe('preview-change', () => {
      it('prices an upgrade on the 16th of a 30-day month by day, and changes nothing', async () => {
        const { as, subscribe, list, tenants, auditor, setToday } = await setup(
          await databases.init(databaseId),
          ['sms-reminders', 'api-access'],
        );
        const subscription = await subscribe({});
        setToday('2026-04-16');
        const before = await list();
        const tenantBefore = await tenants.get('clinic');
        const events = auditor.createEvent.mock.calls.length;
        const res = await as(READER).post(
          `/v1/billing/subscriptions/${subscription.id}/preview-change`,
          { planId: 'pro' },
        );
        expect(res.status).toBe(200);
        expect(res.body).toEqual({
          effectiveDate: '2026-04-16',
          scheduled: false,
          featuresLost: [],
          estimate: {
            period: '2026-04',
            total: '460.00',
            lines: [
              {
                kind: 'plan',
                description: 'Standard plan, 15 of 30 days of 2026-04',
                quantity: '15',
                unitPrice: '10.00',
                amount: '150.00',
              },
              {
                kind: 'users',
                description: '10 mobile users beyond the 50 included',
                quantity: '10',
                unitPrice: '1.00',
                amount: '10.00',
              },
              {
                kind: 'plan',
                description: 'Pro plan, 15 of 30 days of 2026-04',
                quantity: '15',
                unitPrice: '20.00',
                amount: '300.00',
              },
            ],
          },
        });
        expect(await list()).toEqual(before);
        expect(await tenants.get('clinic')).toEqual(tenantBefore);
        // A preview is a read: nothing to audit.
        expect(auditor.createEvent.mock.calls.length).toBe(events);
        // The same body changes exactly as previewed.
        const change = await as(MANAGER).post(
          `/v1/billing/subscriptions/${subscription.id}/change`,
          { planId: 'pro' },
        );
        expect(change.body).toMatchObject({
          effectiveDate: '2026-04-16',
          scheduled: false,
        });
      });

      it('previews a scheduled downgrade with the features the plan lacks', async () => {
        const { as, subscribe, list, featureCalls, setToday } = await setup(
          await databases.init(databaseId),
          ['report-builder', 'odata-feeds', 'api-access', 'report-builder'],
        );
        const subscription = await subscribe({ planId: 'pro' });
        setToday('2026-03-10');
        const before = await list();
        const res = await as(READER).post(
          `/v1/billing/subscriptions/${subscription.id}/preview-change`,
          { planId: 'standard' },
        );
        expect(res.status).toBe(200);
        expect(res.body).toEqual({
          effectiveDate: '2026-03-31',
          scheduled: true,
          reason:
            "Day 10 of a paid plan's 30-day minimum commitment: the change takes effect on 2026-03-31",
          featuresLost: ['odata-feeds', 'report-builder'],
          estimate: {
            period: '2026-03',
            total: '590.78',
            lines: [
              {
                kind: 'plan',
                description: 'Pro plan, 30 of 31 days of 2026-03',
                quantity: '30',
                unitPrice: '19.35',
                amount: '580.50',
              },
              {
                kind: 'plan',
                description: 'Standard plan, 1 of 31 days of 2026-03',
                quantity: '1',
                unitPrice: '9.68',
                amount: '9.68',
              },
              {
                kind: 'users',
                description: '10 mobile users beyond the 50 included',
                quantity: '10',
                unitPrice: '0.06',
                amount: '0.60',
              },
            ],
          },
        });
        expect(new Set(featureCalls)).toEqual(new Set(['clinic']));
        expect(await list()).toEqual(before);
      });

      it('previews a trial’s downgrade at once, and a first-day change in place', async () => {
        const { as, subscribe, setToday } = await setup(
          await databases.init(databaseId),
        );
        const trial = await subscribe({ planId: 'pro', serviceType: 'trial' });
        setToday('2026-03-02');
        const res = await as(READER).post(
          `/v1/billing/subscriptions/${trial.id}/preview-change`,
          { planId: 'standard' },
        );
        expect(res.status).toBe(200);
        expect(res.body).toEqual({
          effectiveDate: '2026-03-02',
          scheduled: false,
          featuresLost: [],
          estimate: {
            period: '2026-03',
            total: '329.15',
            lines: [
              {
                kind: 'plan',
                description: 'Pro plan, 1 of 31 days of 2026-03',
                quantity: '1',
                unitPrice: '19.35',
                amount: '19.35',
              },
              {
                kind: 'plan',
                description: 'Standard plan, 30 of 31 days of 2026-03',
                quantity: '30',
                unitPrice: '9.68',
                amount: '290.40',
              },
              {
                kind: 'users',
                description: '10 mobile users beyond the 50 included',
                quantity: '10',
                unitPrice: '1.94',
                amount: '19.40',
              },
            ],
          },
        });
        // Asked for on the first day: the whole month on the new plan.
        const inPlace = await as(READER).post(
          `/v1/billing/subscriptions/${trial.id}/preview-change`,
          { planId: 'advanced', date: '2026-03-01' },
        );
        expect(inPlace.body).toMatchObject({
          effectiveDate: '2026-03-01',
          scheduled: false,
          estimate: {
            period: '2026-03',
            total: '1200.00',
            lines: [
              {
                kind: 'plan',
                description: 'Advanced plan, 2026-03',
                quantity: '1',
                unitPrice: '1200.00',
                amount: '1200.00',
              },
            ],
          },
        });
      });

      it('prices a discount and the earlier subscription of the month, and nothing for do-not-invoice', async () => {
        const { as, subscribe, setToday } = await setup(
          await databases.init(databaseId),
        );
        // A Standard subscription until the 11th, then a discounted Pro one.
        await subscribe({ endDate: '2026-03-11' });
        const pro = await subscribe({
          planId: 'pro',
          startDate: '2026-03-11',
          proBono: 'discounted',
          discountPercent: 25,
        });
        setToday('2026-03-21');
        const res = await as(READER).post(
          `/v1/billing/subscriptions/${pro.id}/preview-change`,
          { planId: 'advanced' },
        );
        expect(res.status).toBe(200);
        expect(res.body.estimate).toEqual({
          period: '2026-03',
          total: '567.78',
          lines: [
            {
              kind: 'plan',
              description: 'Standard plan, 10 of 31 days of 2026-03',
              quantity: '10',
              unitPrice: '9.68',
              amount: '96.80',
            },
            {
              kind: 'users',
              description: '10 mobile users beyond the 50 included',
              quantity: '10',
              unitPrice: '0.65',
              amount: '6.50',
            },
            {
              kind: 'plan',
              description: 'Pro plan, 10 of 31 days of 2026-03',
              quantity: '10',
              unitPrice: '19.35',
              amount: '193.50',
            },
            {
              kind: 'discount',
              description: '25% discount on the plan fee',
              quantity: '1',
              unitPrice: '-48.38',
              amount: '-48.38',
            },
            {
              kind: 'plan',
              description: 'Advanced plan, 11 of 31 days of 2026-03',
              quantity: '11',
              unitPrice: '38.71',
              amount: '425.81',
            },
            {
              kind: 'discount',
              description: '25% discount on the plan fee',
              quantity: '1',
              unitPrice: '-106.45',
              amount: '-106.45',
            },
          ],
        });
        const free = await subscribe({
          startDate: '2026-04-01',
          doNotInvoice: true,
          doNotInvoiceReason: 'Paid by grant',
        });
        setToday('2026-05-10');
        const none = await as(READER).post(
          `/v1/billing/subscriptions/${free.id}/preview-change`,
          { planId: 'pro' },
        );
        expect(none.body.estimate).toEqual({
          period: '2026-05',
          total: '0.00',
          lines: [],
        });
      });

      it('answers the 409s of the change itself, 400, 403 and 404', async () => {
        const { as, subscribe, setToday } = await setup(
          await databases.init(databaseId),
        );
        const subscription = await subscribe({});
        setToday('2026-03-10');
        const both = async (body: object) => {
          const url = `/v1/billing/subscriptions/${subscription.id}`;
          const preview = await as(READER).post(`${url}/preview-change`, body);
          const change = await as(MANAGER).post(`${url}/change`, body);
          expect(preview.status).toBe(change.status);
          expect(preview.body.error.message).toBe(change.body.error.message);
          return preview;
        };
        expect((await both({ planId: 'standard' })).status).toBe(409);
        expect((await both({ planId: 'pro', date: '2026-02-01' })).status).toBe(
          409,
        );
        expect((await both({ planId: 'nope' })).status).toBe(404);
        expect((await both({ planId: 'Bad_Id' })).status).toBe(400);
        expect((await both({ planId: 'pro', extra: 1 })).status).toBe(400);
        const scheduled = await as(MANAGER).post(
          `/v1/billing/subscriptions/${subscription.id}/change`,
          { planId: 'community' },
        );
        expect(scheduled.body.scheduled).toBe(true);
        const pending = await both({ planId: 'pro' });
        expect(pending.status).toBe(409);
        expect(pending.body.error.message).toBe(
          'Tenant clinic has a change starting on 2026-03-31; cancel it first',
        );
        for (const id of ['nope', UNKNOWN]) {
          expect(
            (
              await as(READER).post(
                `/v1/billing/subscriptions/${id}/preview-change`,
                { planId: 'pro' },
              )
            ).status,
          ).toBe(404);
        }
        const denied = await as(NOBODY).post(
          `/v1/billing/subscriptions/${subscription.id}/preview-change`,
          { planId: 'pro' },
        );
        expect(denied.status).toBe(403);
        expect(denied.body.error.message).toBe(
          'Not allowed: enterprise-console.billing.read is required',
        );
      });
    });

    describe('cancel', () => {
      it('cancels a scheduled downgrade: the current is open-ended again and a new change is possible', async () => {
        const { as, subscribe, list, auditOf, tenants, setToday } = await setup(
          await databases.init(databaseId),
        );
        const current = await subscribe({});
        setToday('2026-03-10');
        const change = await as(MANAGER).post(
          `/v1/billing/subscriptions/${current.id}/change`,
          { planId: 'community' },
        );
        expect(change.body.scheduled).toBe(true);
        const next = change.body.next;
        const res = await as(MANAGER).post(
          `/v1/billing/subscriptions/${next.id}/cancel`,
        );
        expect(res.status).toBe(200);
        expect(res.body).toEqual({ cancelled: next, restored: current });
        expect(await list()).toEqual([current]);
        expect(await auditOf('billing-subscription-cancel')).toEqual({
          actor: MANAGER,
          subscriptionId: next.id,
          before: {
            cancelled: next,
            restored: { ...current, endDate: '2026-03-31' },
          },
          after: { cancelled: null, restored: current },
        });
        expect((await tenants.get('clinic'))!.plan).toBe('standard');
        const again = await as(MANAGER).post(
          `/v1/billing/subscriptions/${current.id}/change`,
          { planId: 'pro' },
        );
        expect(again.status).toBe(200);
        expect((await tenants.get('clinic'))!.plan).toBe('pro');
      });

      it('cancels a scheduled end: the Community fallback goes and the exact old end comes back', async () => {
        const { as, subscribe, list, setToday } = await setup(
          await databases.init(databaseId),
        );
        const current = await subscribe({ endDate: '2026-06-01' });
        setToday('2026-03-10');
        const end = await as(MANAGER).post(
          `/v1/billing/subscriptions/${current.id}/end`,
          {},
        );
        expect(end.body).toMatchObject({
          scheduled: true,
          current: { endDate: '2026-03-31' },
          next: { planId: 'community', startDate: '2026-03-31' },
        });
        expect(end.body.next.endDate).toBeUndefined();
        const res = await as(MANAGER).post(
          `/v1/billing/subscriptions/${end.body.next.id}/cancel`,
        );
        expect(res.status).toBe(200);
        expect(res.body.restored).toEqual(current);
        expect(await list()).toEqual([current]);
        const again = await as(MANAGER).post(
          `/v1/billing/subscriptions/${current.id}/end`,
          { date: '2026-04-01' },
        );
        expect(again.status).toBe(200);
        expect(again.body.effectiveDate).toBe('2026-04-01');
      });

      it('cancels a future start, restoring the subscription it cut short, or none', async () => {
        const { as, subscribe, list } = await setup(
          await databases.init(databaseId),
        );
        const first = await subscribe({ startDate: '2026-04-01' });
        const alone = await as(MANAGER).post(
          `/v1/billing/subscriptions/${first.id}/cancel`,
        );
        expect(alone.status).toBe(200);
        expect(alone.body).toEqual({ cancelled: first });
        const running = await subscribe({});
        const later = await subscribe({
          planId: 'pro',
          startDate: '2026-05-01',
        });
        expect(await list()).toEqual([
          later,
          { ...running, endDate: '2026-05-01' },
        ]);
        const res = await as(MANAGER).post(
          `/v1/billing/subscriptions/${later.id}/cancel`,
        );
        expect(res.body).toEqual({ cancelled: later, restored: running });
        expect(await list()).toEqual([running]);
      });

      it('serializes a cancel with concurrent changes and cancels of the same subscription', async () => {
        const { as, subscribe, list, setToday } = await setup(
          await databases.init(databaseId),
        );
        const current = await subscribe({});
        setToday('2026-03-10');
        const next = (
          await as(MANAGER).post(
            `/v1/billing/subscriptions/${current.id}/change`,
            { planId: 'community' },
          )
        ).body.next;
        const url = `/v1/billing/subscriptions/${next.id}`;
        const results = await Promise.all([
          as(MANAGER).post(`${url}/cancel`),
          as(MANAGER).post(`${url}/change`, {
            planId: 'pro',
            date: '2026-03-31',
          }),
          as(MANAGER).post(`${url}/cancel`),
        ]);
        // A change first changes it in place, and a cancel still removes it.
        expect(results.map(r => r.status).sort()).toEqual(
          results[1].status === 200 ? [200, 200, 404] : [200, 404, 404],
        );
        expect(await list()).toEqual([current]);
      });

      it('answers 409 for a started subscription or one with a later one, 404 and 403', async () => {
        const { as, subscribe, setToday } = await setup(
          await databases.init(databaseId),
        );
        const current = await subscribe({});
        const cancel = (id: string, who = MANAGER) =>
          as(who).post(`/v1/billing/subscriptions/${id}/cancel`);
        const active = await cancel(current.id);
        expect(active.status).toBe(409);
        expect(active.body.error.message).toBe(
          `Subscription ${current.id} started on 2026-03-01; only a scheduled subscription can be cancelled`,
        );
        setToday('2026-03-10');
        const next = (
          await as(MANAGER).post(
            `/v1/billing/subscriptions/${current.id}/change`,
            { planId: 'community' },
          )
        ).body.next;
        // A change of the scheduled one asked for after its start leaves a
        // subscription after it.
        const third = await as(MANAGER).post(
          `/v1/billing/subscriptions/${next.id}/change`,
          { planId: 'standard', date: '2026-04-15' },
        );
        expect(third.status).toBe(200);
        const blocked = await cancel(next.id);
        expect(blocked.status).toBe(409);
        expect(blocked.body.error.message).toBe(
          'Tenant clinic has a subscription starting on 2026-04-15; cancel it first',
        );
        expect((await cancel(third.body.next.id)).status).toBe(200);
        expect((await cancel(next.id, READER)).status).toBe(403);
        setToday('2026-03-31');
        expect((await cancel(next.id)).status).toBe(409);
        expect((await cancel(UNKNOWN)).status).toBe(404);
        expect((await cancel('nope')).status).toBe(404);
      });
    });

    describe('extend', () => {
      it('extends an implementation subscription, keeping plan and terms', async () => {
        const { as, subscribe, list, auditOf, setToday } = await setup(
          await databases.init(databaseId),
        );
        const bundle = await subscribe({
          planId: 'pro',
          serviceType: 'implementation',
          endDate: '2026-04-01',
        });
        setToday('2026-03-20');
        const res = await as(MANAGER).post(
          `/v1/billing/subscriptions/${bundle.id}/extend`,
          { endDate: '2026-07-01' },
        );
        expect(res.status).toBe(200);
        expect(res.body).toEqual({ ...bundle, endDate: '2026-07-01' });
        expect(await list()).toEqual([res.body]);
        expect(await auditOf('billing-subscription-extend')).toEqual({
          actor: MANAGER,
          subscriptionId: bundle.id,
          before: bundle,
          after: res.body,
        });
      });

      it('answers 409 for other service types, ended, open-ended, not later ends and a later subscription', async () => {
        const { as, subscribe, setToday } = await setup(
          await databases.init(databaseId),
        );
        const extend = (id: string, endDate: string) =>
          as(MANAGER).post(`/v1/billing/subscriptions/${id}/extend`, {
            endDate,
          });
        const bundle = await subscribe({
          serviceType: 'implementation',
          endDate: '2026-04-01',
        });
        for (const endDate of ['2026-04-01', '2026-03-15']) {
          const res = await extend(bundle.id, endDate);
          expect(res.status).toBe(409);
          expect(res.body.error.message).toBe(
            `Subscription ${bundle.id} ends on 2026-04-01; the new end must be later`,
          );
        }
        const next = await subscribe({ startDate: '2026-04-01' });
        const blocked = await extend(bundle.id, '2026-05-01');
        expect(blocked.status).toBe(409);
        expect(blocked.body.error.message).toBe(
          'Tenant clinic has a subscription starting on 2026-04-01; cancel it first',
        );
        const product = await extend(next.id, '2026-05-01');
        expect(product.status).toBe(409);
        expect(product.body.error.message).toBe(
          `Subscription ${next.id} is of service type product; only implementation subscriptions are extended`,
        );
        expect(
          (
            await as(MANAGER).post(
              `/v1/billing/subscriptions/${next.id}/cancel`,
            )
          ).status,
        ).toBe(200);
        expect((await extend(bundle.id, '2026-05-01')).status).toBe(200);
        setToday('2026-05-01');
        const ended = await extend(bundle.id, '2026-06-01');
        expect(ended.status).toBe(409);
        expect(ended.body.error.message).toBe(
          `Subscription ${bundle.id} ended on 2026-05-01`,
        );
        const open = await subscribe({
          serviceType: 'implementation',
          startDate: '2026-05-01',
        });
        expect((await extend(open.id, '2026-09-01')).status).toBe(409);
      });

      it('answers 400 for bad bodies, 404 and 403', async () => {
        const { as, subscribe } = await setup(await databases.init(databaseId));
        const bundle = await subscribe({
          serviceType: 'implementation',
          endDate: '2026-04-01',
        });
        const url = `/v1/billing/subscriptions/${bundle.id}/extend`;
        for (const body of [
          {},
          { endDate: '2026-02-30' },
          { endDate: '2026-5-1' },
          { endDate: 20260501 },
          { endDate: '2026-05-01', planId: 'pro' },
        ]) {
          const res = await as(MANAGER).post(url, body);
          expect(res.status).toBe(400);
        }
        expect(
          (
            await as(MANAGER).post(
              `/v1/billing/subscriptions/${UNKNOWN}/extend`,
              {
                endDate: '2026-05-01',
              },
            )
          ).status,
        ).toBe(404);
        expect(
          (await as(READER).post(url, { endDate: '2026-05-01' })).status,
        ).toBe(403);
      });
    });
  },
);
