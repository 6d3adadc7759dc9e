import {
  EnterpriseConsoleFeatureRegistration,
  enterpriseTenantPermissionRules as rules,
} from '@internal/plugin-enterprise-console-node';
import { Knex } from 'knex';
import { createTestDatabases } from '../../__testUtils__/testDatabases';
import { migrateKnex } from '../../database/migrateDatabase';
import { tenantCriteriaToFilter } from '../../permissions/criteriaToKnex';
import { loadTenantResources } from '../../permissions/registerResourceTypes';
import {
  BILLING_MANAGER as MANAGER,
  BILLING_READER as READER,
  NO_PERMISSIONS as NOBODY,
  TENANT_READER,
} from '../__testUtils__/billingGrants';
import {
  seedTenants,
  startBillingArea,
  testClock,
} from '../__testUtils__/billingTestArea';
import { DEFAULT_PLAN_CATALOGUE } from '../plans/defaultPlanCatalogue';
import { DATED_CHANGES_ACTOR } from '../subscriptions/applyDatedChanges';

const databases = createTestDatabases({ testTimeoutMs: 60_000 });

const ADVANCED = [
  'api-access',
  'custom-roles',
  'odata-feeds',
  'report-builder',
  'sms-reminders',
];
const PRO = ['api-access', 'odata-feeds', 'report-builder', 'sms-reminders'];
const STANDARD = ['api-access', 'sms-reminders'];

/** Records every hook call as `hook feature tenant`. */
function recordingHooks(features: string[]) {
  const calls: string[] = [];
  const entries = features.map(feature => ({
    feature,
    registration: {
      async onSwitchedOff(tenantId: string) {
        calls.push(`off ${feature} ${tenantId}`);
      },
      async onSwitchedOn(tenantId: string) {
        calls.push(`on ${feature} ${tenantId}`);
      },
    } as EnterpriseConsoleFeatureRegistration,
  }));
  return { calls, entries };
}

async function setup(
  knex: Knex,
  options: {
    today?: string;
    features?: Array<{
      feature: string;
      registration: EnterpriseConsoleFeatureRegistration;
    }>;
  } = {},
) {
  await migrateKnex(knex);
  const clock = testClock(options.today ?? '2026-03-10');
  const { accounts, tenants } = await seedTenants(knex, [
    ['clinic', 'acme'],
    ['lab', 'acme'],
  ]);
  const { area, as, auditor, logger } = await startBillingArea(knex, {
    accounts,
    tenants,
    features: options.features,
    now: clock.now,
  });
  /** The tenants HAS_FEATURE grants, by its SQL filter and by its apply. */
  const withFeature = async (feature: string) => {
    const query = knex('tenants').select('tenants.id').orderBy('tenants.id');
    tenantCriteriaToFilter(knex, rules.hasFeature.toQuery({ feature }))(
      query,
      'tenants',
    );
    const sql = (await query).map((row: { id: string }) => row.id);
    const resources = await loadTenantResources(knex, ['clinic', 'lab']);
    const applied = resources
      .filter(r => r && rules.hasFeature.apply(r, { feature }))
      .map(r => r!.id);
    expect(applied).toEqual(sql);
    return sql;
  };
  const features = async (tenantId = 'clinic') =>
    (await as(READER).get(`/v1/billing/tenants/${tenantId}/features`)).body;
  const subscribe = async (body: object) => {
    const res = await as(MANAGER).post('/v1/billing/subscriptions', {
      tenantId: 'clinic',
      cycle: 'monthly',
      ...body,
    });
    expect(res.status).toBe(201);
    return res.body;
  };
  return {
    area,
    as,
    auditor,
    logger,
    tenants,
    withFeature,
    features,
    subscribe,
    setToday: clock.setToday,
  };
}

/** Rows of the tenant's data, which no plan change may touch. */
async function seedTenantData(knex: Knex) {
  const at = new Date('2026-02-01T00:00:00Z');
  await knex('users').insert(
    ['u1', 'u2'].map(id => ({
      tenant_id: 'clinic',
      id,
      kind: 'mobile',
      username: id,
      status: 'active',
      created_at: at,
    })),
  );
  await knex('form_submissions').insert({
    tenant_id: 'clinic',
    id: 'f1',
    user_id: 'u1',
    submitted_at: at,
  });
  await knex('data_feeds').insert({
    tenant_id: 'clinic',
    id: 'feed-1',
    name: 'Visits',
    row_count: 10,
  });
}

async function tenantData(knex: Knex) {
  const rows = async (table: string) =>
    (await knex(table).where({ tenant_id: 'clinic' }).orderBy('id')).map(
      row => row.id,
    );
  return {
    users: await rows('users'),
    forms: await rows('form_submissions'),
    feeds: await rows('data_feeds'),
  };
}

describe.each(databases.eachSupportedId())(
  'billing entitlements on %p',
  databaseId => {
    it('switches features off on a downgrade and back on on an upgrade, deleting no data', async () => {
      const knex = await databases.init(databaseId);
      const hooks = recordingHooks(['custom-roles', 'odata-feeds']);
      const { as, features, withFeature, subscribe, setToday, tenants } =
        await setup(knex, { features: hooks.entries });
      await seedTenantData(knex);
      const data = await tenantData(knex);
      expect(await features()).toEqual({
        tenantId: 'clinic',
        planId: null,
        edition: null,
        granted: [],
        inUse: ['odata-feeds'],
      });
      const advanced = await subscribe({
        planId: 'advanced',
        startDate: '2026-03-01',
      });
      expect(await features()).toEqual({
        tenantId: 'clinic',
        planId: 'advanced',
        edition: 'advanced',
        granted: ADVANCED,
        inUse: ['odata-feeds'],
      });
      expect(await withFeature('custom-roles')).toEqual(['clinic']);
      expect(hooks.calls).toEqual([
        'on custom-roles clinic',
        'on odata-feeds clinic',
      ]);

      // Day 36: the downgrade is immediate.
      setToday('2026-04-05');
      hooks.calls.length = 0;
      const down = await as(MANAGER).post(
        `/v1/billing/subscriptions/${advanced.id}/change`,
        { planId: 'standard' },
      );
      expect(down.status).toBe(200);
      expect(down.body.scheduled).toBe(false);
      expect(await features()).toMatchObject({
        planId: 'standard',
        edition: 'standard',
        granted: STANDARD,
        inUse: ['odata-feeds'],
      });
      expect(await withFeature('custom-roles')).toEqual([]);
      expect(await withFeature('odata-feeds')).toEqual([]);
      expect(await withFeature('sms-reminders')).toEqual(['clinic']);
      expect(hooks.calls).toEqual([
        'off custom-roles clinic',
        'off odata-feeds clinic',
      ]);
      expect(await tenantData(knex)).toEqual(data);
      // The tenants list's filters see the change.
      const listed = async (filter: object) =>
        (await tenants.list({ limit: 10, filter })).items.map(t => t.id);
      expect(await listed({ edition: 'standard' })).toEqual(['clinic']);
      expect(await listed({ plan: 'standard' })).toEqual(['clinic']);
      expect(await listed({ edition: 'advanced' })).toEqual([]);

      // An upgrade switches the same features back on.
      hooks.calls.length = 0;
      const current = down.body.next;
      const up = await as(MANAGER).post(
        `/v1/billing/subscriptions/${current.id}/change`,
        { planId: 'advanced' },
      );
      expect(up.status).toBe(200);
      expect((await features()).granted).toEqual(ADVANCED);
      expect(await withFeature('custom-roles')).toEqual(['clinic']);
      expect(hooks.calls).toEqual([
        'on custom-roles clinic',
        'on odata-feeds clinic',
      ]);
      expect(await tenantData(knex)).toEqual(data);
      expect(await listed({ plan: 'advanced' })).toEqual(['clinic']);
      expect(await listed({ plan: 'standard' })).toEqual([]);
    });

    it('logs a throwing hook and keeps the change', async () => {
      const knex = await databases.init(databaseId);
      const calls: string[] = [];
      const { features, subscribe, logger } = await setup(knex, {
        features: [
          {
            feature: 'sms-reminders',
            registration: {
              async onSwitchedOn() {
                throw new Error('module down');
              },
            },
          },
          {
            feature: 'sms-reminders',
            registration: {
              async onSwitchedOn(tenantId) {
                calls.push(tenantId);
              },
            },
          },
        ],
      });
      await subscribe({ planId: 'standard', startDate: '2026-03-01' });
      expect((await features()).granted).toEqual(STANDARD);
      // The other module's hook still ran.
      expect(calls).toEqual(['clinic']);
      expect(logger.error).toHaveBeenCalledWith(
        'Entitlement hook onSwitchedOn of feature sms-reminders failed for tenant clinic; the plan change stays: Error: module down',
      );
    });

    it('answers the features route by permission, 404 for unknown tenants', async () => {
      const knex = await databases.init(databaseId);
      const { as, subscribe, area } = await setup(knex, {
        features: [
          {
            feature: 'report-builder',
            registration: { inUse: async tenantId => tenantId === 'clinic' },
          },
          {
            feature: 'custom-roles',
            registration: {
              inUse: async () => {
                throw new Error('unreachable');
              },
            },
          },
        ],
      });
      await subscribe({ planId: 'pro', startDate: '2026-03-01' });
      // Built in: SMS within 30 days count, older ones don't.
      const sms = (tenantId: string, id: string, sentAt: string) => ({
        tenant_id: tenantId,
        id,
        direction: 'outgoing',
        parts: 1,
        sent_at: new Date(sentAt),
      });
      await knex('sms_messages').insert([
        sms('clinic', 's1', '2026-02-09T13:00:00Z'),
        sms('lab', 's2', '2026-02-08T11:00:00Z'),
      ]);
      const expected = {
        tenantId: 'clinic',
        planId: 'pro',
        edition: 'pro',
        granted: PRO,
        inUse: ['report-builder', 'sms-reminders'],
      };
      for (const caller of [READER, TENANT_READER, 'plugin:reminders']) {
        const res = await as(caller).get('/v1/billing/tenants/clinic/features');
        expect({ caller, status: res.status, body: res.body }).toEqual({
          caller,
          status: 200,
          body: expected,
        });
      }
      expect(await area.entitlements.featuresInUse('clinic')).toEqual(
        expected.inUse,
      );
      expect(await area.entitlements.featuresInUse('lab')).toEqual([]);
      for (const [caller, url, status] of [
        [NOBODY, '/v1/billing/tenants/clinic/features', 403],
        // Static tokens of external callers are not another plugin.
        ['external:ci', '/v1/billing/tenants/clinic/features', 403],
        [READER, '/v1/billing/tenants/nowhere/features', 404],
        ['plugin:reminders', '/v1/billing/tenants/nowhere/features', 404],
        [READER, '/v1/billing/tenants/Not-A-Slug/features', 404],
        [READER, '/v1/billing/tenants/clinic/features?x=1', 400],
      ] as Array<[string, string, number]>) {
        const res = await as(caller).get(url);
        expect({ caller, url, status: res.status }).toEqual({
          caller,
          url,
          status,
        });
        expect(res.body.error.message).toEqual(expect.any(String));
      }
    });

    it('applies a scheduled downgrade on its day, not before, and a second run changes nothing', async () => {
      const knex = await databases.init(databaseId);
      const hooks = recordingHooks(['odata-feeds', 'report-builder']);
      const { as, area, auditor, features, withFeature, subscribe, setToday } =
        await setup(knex, { features: hooks.entries });
      const pro = await subscribe({ planId: 'pro', startDate: '2026-03-01' });
      const change = await as(MANAGER).post(
        `/v1/billing/subscriptions/${pro.id}/change`,
        { planId: 'standard' },
      );
      expect(change.body).toMatchObject({
        scheduled: true,
        effectiveDate: '2026-03-31',
      });
      hooks.calls.length = 0;
      const events = () =>
        auditor.createEvent.mock.calls.filter(
          ([event]) => event.eventId === 'billing-dated-change',
        );

      setToday('2026-03-30');
      expect(await area.applyDatedChanges()).toEqual({
        today: '2026-03-30',
        changed: [],
        fellBack: [],
        failed: [],
      });
      expect(await features()).toMatchObject({ planId: 'pro', granted: PRO });
      expect(await withFeature('odata-feeds')).toEqual(['clinic']);

      setToday('2026-03-31');
      expect(await area.applyDatedChanges()).toEqual({
        today: '2026-03-31',
        changed: ['clinic'],
        fellBack: [],
        failed: [],
      });
      expect(await features()).toMatchObject({
        planId: 'standard',
        edition: 'standard',
        granted: STANDARD,
      });
      expect(await withFeature('odata-feeds')).toEqual([]);
      expect(hooks.calls).toEqual([
        'off odata-feeds clinic',
        'off report-builder clinic',
      ]);
      expect(events()).toHaveLength(1);
      const event = await auditor.createEvent.mock.results.at(-1)!.value;
      expect(event.success).toHaveBeenCalledWith({
        meta: {
          actor: DATED_CHANGES_ACTOR,
          tenantId: 'clinic',
          today: '2026-03-31',
          before: {
            planId: 'pro',
            edition: 'pro',
            status: 'active',
            features: PRO,
          },
          after: {
            planId: 'standard',
            edition: 'standard',
            status: 'active',
            features: STANDARD,
            switchedOff: ['odata-feeds', 'report-builder'],
            switchedOn: [],
            fallback: null,
          },
        },
      });

      // Twice is once: nothing changes, nothing is audited, no hook runs.
      hooks.calls.length = 0;
      expect((await area.applyDatedChanges()).changed).toEqual([]);
      expect(events()).toHaveLength(1);
      expect(hooks.calls).toEqual([]);
    });

    it('falls back to Community when a subscription ends with nothing after it', async () => {
      const knex = await databases.init(databaseId);
      const { as, area, features, subscribe, setToday, withFeature } =
        await setup(knex);
      await subscribe({
        planId: 'standard',
        startDate: '2026-03-01',
        endDate: '2026-03-20',
      });
      // A later subscription after a gap: the fallback fills the gap only.
      await subscribe({
        tenantId: 'lab',
        planId: 'standard',
        startDate: '2026-03-01',
        endDate: '2026-03-15',
      });
      await subscribe({
        tenantId: 'lab',
        planId: 'pro',
        startDate: '2026-04-01',
      });

      setToday('2026-03-14');
      expect((await area.applyDatedChanges()).changed).toEqual([]);

      // The task ran late: the fallback still starts when the subscription ended.
      setToday('2026-03-25');
      expect(await area.applyDatedChanges()).toEqual({
        today: '2026-03-25',
        changed: ['clinic', 'lab'],
        fellBack: ['clinic', 'lab'],
        failed: [],
      });
      const list = async (tenantId: string) =>
        (
          await as(READER).get(`/v1/billing/subscriptions?tenantId=${tenantId}`)
        ).body.items.map((s: any) => [
          s.planId,
          s.startDate,
          s.endDate ?? null,
          s.status,
          s.cycle,
          s.proBono,
          s.serviceType,
        ]);
      expect(await list('clinic')).toEqual([
        [
          'community',
          '2026-03-20',
          null,
          'active',
          'monthly',
          'full-price',
          'product',
        ],
        [
          'standard',
          '2026-03-01',
          '2026-03-20',
          'ended',
          'monthly',
          'full-price',
          'product',
        ],
      ]);
      expect((await list('lab')).map((s: string[]) => s.slice(0, 4))).toEqual([
        ['pro', '2026-04-01', null, 'scheduled'],
        ['community', '2026-03-15', '2026-04-01', 'active'],
        ['standard', '2026-03-01', '2026-03-15', 'ended'],
      ]);
      expect(await features()).toMatchObject({
        planId: 'community',
        edition: 'community',
        granted: [],
      });
      expect(await withFeature('sms-reminders')).toEqual([]);
      expect((await area.applyDatedChanges()).changed).toEqual([]);

      // The later subscription takes over on its day.
      setToday('2026-04-01');
      expect(await area.applyDatedChanges()).toMatchObject({
        changed: ['lab'],
        fellBack: [],
      });
      expect(await features('lab')).toMatchObject({
        planId: 'pro',
        granted: PRO,
      });
      expect(await withFeature('report-builder')).toEqual(['lab']);
      const clinic = await knex('billing_subscriptions')
        .where({ tenant_id: 'clinic', plan_id: 'community' })
        .first();
      expect(clinic.created_by).toBe(DATED_CHANGES_ACTOR);
    });

    it('follows a plan whose features were edited', async () => {
      const knex = await databases.init(databaseId);
      const { as, area, features, subscribe } = await setup(knex);
      await subscribe({ planId: 'standard', startDate: '2026-03-01' });
      const { id: _id, ...standard } = DEFAULT_PLAN_CATALOGUE.find(
        p => p.id === 'standard',
      )!;
      const put = await as(MANAGER).put('/v1/billing/plans/standard', {
        ...standard,
        features: [...STANDARD, 'report-builder'],
      });
      expect(put.status).toBe(200);
      expect((await area.applyDatedChanges()).changed).toEqual(['clinic']);
      expect((await features()).granted).toEqual([
        'api-access',
        'report-builder',
        'sms-reminders',
      ]);
      expect((await area.applyDatedChanges()).changed).toEqual([]);
    });
  },
);
