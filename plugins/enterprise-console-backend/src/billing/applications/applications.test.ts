import { mockServices } from '@backstage/backend-test-utils';
import { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import {
  AuthorizeResult,
  ConditionalPolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  createConditionAuthorizer,
  PermissionRuleset,
} from '@backstage/plugin-permission-node';
import {
  enterpriseConsoleBillingManagePermission,
  enterpriseConsoleBillingReadPermission,
  enterpriseConsoleTenantPlanChangePermission,
} from '@internal/plugin-enterprise-console-common';
import { enterpriseTenantPermissionRules } from '@internal/plugin-enterprise-console-node';
import { Knex } from 'knex';
import { ingestRecords } from '../../__testUtils__/ingestRecords';
import { createTestDatabases } from '../../__testUtils__/testDatabases';
import { migrateKnex } from '../../database/migrateDatabase';
import { loadTenantResources } from '../../permissions/registerResourceTypes';
import { PlanStore } from '../plans/PlanStore';
import {
  JsonObject,
  seedTenants,
  startBillingArea,
  testClock,
} from '../__testUtils__/billingTestArea';
import { readApplicationReviewers } from './ApplicationNotices';

const databases = createTestDatabases({ testTimeoutMs: 60_000 });

/** A billing admin: billing.manage, billing.read, tenant.plan.change everywhere. */
const BILL = 'user:default/bill';
/** A tenant admin: Admin of the tenant clinic, only a Viewer of lab. */
const TINA = 'user:default/tina';
/** A tenant admin of far (account other). */
const TOM = 'user:default/tom';
/** No permission at all. */
const NOBODY = 'user:default/nobody';
const REVIEWERS = ['group:default/billing', 'user:default/bea'];

/*
 * The permissions as the shipped policy decides them: the billing admin
 * outright, tenant admins conditionally on IS_TENANT_MEMBER with the tenant
 * role Admin (the tenant-admin role's scope own-tenants). A conditional
 * decision on one tenant is applied as the permission framework does, with
 * the real rule on the tenant loaded as the plugin loads it; lists turn it
 * into SQL through the real rule's query.
 */
const RULES = Object.values(enterpriseTenantPermissionRules);
const RULESET: PermissionRuleset = {
  getRuleByName: name => RULES.find(rule => rule.name === name)! as any,
};
const applyConditions = createConditionAuthorizer(RULESET);

type Decision =
  | { result: AuthorizeResult.ALLOW | AuthorizeResult.DENY }
  | ConditionalPolicyDecision;

function decisionFor(user: string | undefined, permission: string): Decision {
  const allow = { result: AuthorizeResult.ALLOW } as const;
  const deny = { result: AuthorizeResult.DENY } as const;
  if (user === BILL) {
    return [
      enterpriseConsoleBillingManagePermission.name,
      enterpriseConsoleBillingReadPermission.name,
      enterpriseConsoleTenantPlanChangePermission.name,
    ].includes(permission)
      ? allow
      : deny;
  }
  if (
    (user === TINA || user === TOM) &&
    permission === enterpriseConsoleTenantPlanChangePermission.name
  ) {
    return {
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'enterprise-console',
      resourceType: 'enterprise-tenant',
      conditions: {
        resourceType: 'enterprise-tenant',
        rule: 'IS_TENANT_MEMBER',
        params: { userRefs: [user], roles: ['admin'] },
      },
    };
  }
  return deny;
}

function permissionsOf(knex: Knex) {
  return mockServices.permissions.mock({
    authorize: (async (requests: any[], { credentials }: any) =>
      Promise.all(
        requests.map(async r => {
          const decision = decisionFor(
            credentials.principal.userEntityRef,
            r.permission.name,
          );
          if (decision.result !== AuthorizeResult.CONDITIONAL) {
            return { result: decision.result };
          }
          const [tenant] = await loadTenantResources(knex, [r.resourceRef]);
          return {
            result: applyConditions(decision, tenant)
              ? AuthorizeResult.ALLOW
              : AuthorizeResult.DENY,
          };
        }),
      )) as any,
    authorizeConditional: (async (requests: any[], { credentials }: any) =>
      requests.map(r =>
        decisionFor(credentials.principal.userEntityRef, r.permission.name),
      )) as any,
  });
}

const tenantUser = (tenantId: string, username: string, role: string): any => ({
  type: 'user',
  tenantId,
  id: `u-${username}`,
  kind: 'web',
  username,
  role,
  status: 'active',
  createdAt: '2026-01-01T00:00:00Z',
});

async function setup(
  knex: Knex,
  options: {
    config?: JsonObject;
    failNotifications?: boolean;
  } = {},
) {
  await migrateKnex(knex);
  const clock = testClock('2026-03-10');
  const { accounts, tenants } = await seedTenants(knex, [
    ['clinic', 'acme', 'Clinic Visits'],
    ['lab', 'acme', 'Lab'],
    ['far', 'other', 'Far Away'],
  ]);
  await ingestRecords(knex, [
    tenantUser('clinic', 'tina', 'Admin'),
    tenantUser('lab', 'tina', 'Viewer'),
    tenantUser('far', 'tom', 'Admin'),
  ]);
  const sent: NotificationSendOptions[] = [];
  const { as, auditor, logger } = await startBillingArea(knex, {
    config: options.config ?? {
      enterpriseConsole: { billing: { applicationReviewers: REVIEWERS } },
    },
    permissions: permissionsOf(knex),
    permissionsRegistry: { getPermissionRuleset: () => RULESET } as any,
    accounts,
    tenants,
    notifications: {
      async send(notification) {
        if (options.failNotifications) {
          throw new Error('notifications backend unavailable');
        }
        sent.push(notification);
      },
    },
    now: clock.now,
  });
  const planStore = new PlanStore(knex);
  const standard = (await planStore.get('standard'))!;
  const { id: _id, version: _version, ...standardInput } = standard;
  await planStore.write(
    'partner',
    { ...standardInput, name: 'Partner', visibility: 'internal' },
    { actor: 'test' },
  );
  await planStore.write(
    'legacy',
    { ...standardInput, name: 'Legacy', visibility: 'archived' },
    { actor: 'test' },
  );
  return {
    as,
    auditor,
    logger,
    sent,
    tenants,
    knex,
    /** Moves the clock on (applications are listed newest first). */
    later: clock.later,
    setToday: clock.setToday,
  };
}

const PRO_BONO = {
  tenantId: 'clinic',
  kind: 'pro-bono',
  organisation: 'Clinic Trust',
  reason: 'A six-month pilot in two districts',
  expectedUsers: 40,
  pilotMonths: 6,
};
const DEVELOPER = {
  tenantId: 'clinic',
  kind: 'developer',
  integrationDescription: 'A connector from the clinic EMR',
};

const events = async (auditor: any) =>
  Promise.all(
    auditor.createEvent.mock.calls.map(async ([options]: any, i: number) => ({
      eventId: options.eventId,
      event: await auditor.createEvent.mock.results[i].value,
    })),
  );

describe.each(databases.eachSupportedId())(
  'billing applications on %p',
  databaseId => {
    it('lets a tenant admin apply for a pro-bono plan, defaulting to Standard, and tells the reviewers', async () => {
      const { as, sent, auditor } = await setup(
        await databases.init(databaseId),
      );
      const res = await as(TINA).post('/v1/billing/applications', PRO_BONO);
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        tenantId: 'clinic',
        accountId: 'acme',
        kind: 'pro-bono',
        planId: 'standard',
        organisation: 'Clinic Trust',
        reason: 'A six-month pilot in two districts',
        expectedUsers: 40,
        pilotMonths: 6,
        status: 'pending',
        applicant: TINA,
        createdAt: '2026-03-10T12:00:00.000Z',
      });
      expect(sent).toEqual([
        {
          recipients: { type: 'entity', entityRef: REVIEWERS },
          payload: {
            title: 'New pro-bono plan application: Clinic Visits',
            description:
              "user:default/tina applied for the Standard plan (pro-bono) for the tenant Clinic Visits (clinic) of the account acme. Organisation: Clinic Trust. Expected users: 40. Pilot: 6 months. Review it in the console's billing tab.",
            link: '/enterprise-console/billing',
            severity: 'normal',
            topic: 'billing-applications',
            scope: `billing-application:${res.body.id}`,
          },
        },
      ]);
      const [{ eventId, event }] = await events(auditor);
      expect(eventId).toBe('billing-application-create');
      expect(event.success).toHaveBeenCalledWith({
        meta: {
          actor: TINA,
          tenantId: 'clinic',
          before: null,
          after: res.body,
        },
      });
    });

    it('takes a developer application, defaulting to Community, beside a pending pro-bono one', async () => {
      const { as, sent } = await setup(await databases.init(databaseId));
      expect(
        (await as(TINA).post('/v1/billing/applications', PRO_BONO)).status,
      ).toBe(201);
      const res = await as(TINA).post('/v1/billing/applications', DEVELOPER);
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        id: expect.any(String),
        tenantId: 'clinic',
        accountId: 'acme',
        kind: 'developer',
        planId: 'community',
        integrationDescription: 'A connector from the clinic EMR',
        status: 'pending',
        applicant: TINA,
        createdAt: '2026-03-10T12:00:00.000Z',
      });
      expect(sent[1].payload).toMatchObject({
        title: 'New developer plan application: Clinic Visits',
        description:
          "user:default/tina applied for the Community plan (developer) for the tenant Clinic Visits (clinic) of the account acme. Review it in the console's billing tab.",
      });
    });

    it('answers 409 for a second pending application of the same kind, even from a billing admin', async () => {
      const { as, sent } = await setup(await databases.init(databaseId));
      await as(TINA).post('/v1/billing/applications', PRO_BONO);
      for (const user of [TINA, BILL]) {
        const res = await as(user).post('/v1/billing/applications', {
          ...PRO_BONO,
          planId: 'pro',
        });
        expect(res.status).toBe(409);
        expect(res.body.error.message).toBe(
          'Tenant clinic already has a pending pro-bono application',
        );
      }
      expect(sent).toHaveLength(1);
      const list = await as(BILL).get('/v1/billing/applications');
      expect(list.body.items).toHaveLength(1);
    });

    it.each(
      (
        [
          [
            { ...PRO_BONO, organisation: undefined },
            'Invalid application: organisation is required for a pro-bono application',
          ],
          [
            { ...PRO_BONO, reason: undefined },
            'Invalid application: reason is required for a pro-bono application',
          ],
          [
            { ...PRO_BONO, expectedUsers: undefined },
            'Invalid application: expectedUsers is required for a pro-bono application',
          ],
          [
            { ...PRO_BONO, pilotMonths: undefined },
            'Invalid application: pilotMonths is required for a pro-bono application',
          ],
          [
            { ...DEVELOPER, integrationDescription: undefined },
            'Invalid application: integrationDescription is required for a developer application',
          ],
          [
            { ...DEVELOPER, organisation: 'Clinic Trust' },
            'Invalid application: organisation is not part of a developer application',
          ],
          [
            { ...PRO_BONO, integrationDescription: 'x' },
            'Invalid application: integrationDescription is not part of a pro-bono application',
          ],
          [
            { ...PRO_BONO, kind: 'free' },
            "Invalid application: kind Invalid enum value. Expected 'pro-bono' | 'developer', received 'free'",
          ],
          [
            { ...PRO_BONO, expectedUsers: 0 },
            'Invalid application: expectedUsers Number must be greater than or equal to 1',
          ],
          [
            { ...PRO_BONO, expectedUsers: 2.5 },
            'Invalid application: expectedUsers Expected integer, received float',
          ],
          [
            { ...PRO_BONO, pilotMonths: 37 },
            'Invalid application: pilotMonths Number must be less than or equal to 36',
          ],
          [
            { ...PRO_BONO, organisation: '' },
            'Invalid application: organisation String must contain at least 1 character(s)',
          ],
          [
            { ...PRO_BONO, reason: 'line\u0007bell' },
            'Invalid application: reason must not contain control characters',
          ],
          [
            { ...PRO_BONO, reason: 'r'.repeat(2001) },
            'Invalid application: reason String must contain at most 2000 character(s)',
          ],
          [
            { ...PRO_BONO, planId: 'Not A Plan' },
            'Invalid application: planId must be lowercase letters, digits and inner hyphens, 1 to 63 characters',
          ],
          [
            { ...PRO_BONO, extra: 1 },
            'Invalid application: unknown field extra',
          ],
        ] as Array<[object, string]>
      ).map(([body, message]) => [message, body] as const),
    )('answers 400 naming the field: %s', async (message, body) => {
      const { as, sent } = await setup(await databases.init(databaseId));
      const res = await as(TINA).post('/v1/billing/applications', body);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe(message);
      expect(sent).toEqual([]);
      expect(
        (await as(BILL).get('/v1/billing/applications')).body.items,
      ).toEqual([]);
    });

    it('refuses callers without tenant.plan.change on the tenant before reading the body', async () => {
      const { as } = await setup(await databases.init(databaseId));
      // A viewer of lab, and an admin of another account's tenant.
      for (const [user, tenantId] of [
        [TINA, 'lab'],
        [TINA, 'far'],
        [TOM, 'clinic'],
        [NOBODY, 'clinic'],
      ]) {
        const res = await as(user).post('/v1/billing/applications', {
          ...PRO_BONO,
          tenantId,
        });
        expect({ user, tenantId, status: res.status }).toEqual({
          user,
          tenantId,
          status: 403,
        });
        expect(res.body.error.message).toBe(
          `Not allowed: enterprise-console.tenant.plan.change is required on ${tenantId}`,
        );
      }
      // Without any grant a bad body is still a 403, so nothing is learnt.
      const bad = await as(NOBODY).post('/v1/billing/applications', {
        kind: 'free',
      });
      expect(bad.status).toBe(403);
      expect(bad.body.error.message).toBe(
        'Not allowed: enterprise-console.tenant.plan.change is required',
      );
      // A tenant admin with some tenant gets the 400 for a body naming none.
      const none = await as(TINA).post('/v1/billing/applications', {
        kind: 'developer',
      });
      expect(none.status).toBe(400);
      expect(none.body.error.message).toMatch(/^Invalid application: tenantId/);
      expect(
        (await as('service').post('/v1/billing/applications', PRO_BONO)).status,
      ).toBe(403);
      expect(
        (await as('anonymous').post('/v1/billing/applications', PRO_BONO))
          .status,
      ).toBe(401);
    });

    it('answers 404 for an unknown tenant or plan, a plan hidden from the caller, and 400 for an archived one', async () => {
      const { as } = await setup(await databases.init(databaseId));
      const unknownTenant = await as(BILL).post('/v1/billing/applications', {
        ...PRO_BONO,
        tenantId: 'nowhere',
      });
      expect(unknownTenant.status).toBe(404);
      expect(unknownTenant.body.error.message).toBe('Tenant nowhere not found');
      const unknownPlan = await as(TINA).post('/v1/billing/applications', {
        ...PRO_BONO,
        planId: 'gold',
      });
      expect(unknownPlan.status).toBe(404);
      expect(unknownPlan.body.error.message).toBe('Plan gold not found');
      // Internal plans are the billing admins' to give, not to be asked for.
      const internal = await as(TINA).post('/v1/billing/applications', {
        ...PRO_BONO,
        planId: 'partner',
      });
      expect(internal.status).toBe(404);
      expect(internal.body.error.message).toBe('Plan partner not found');
      const archived = await as(BILL).post('/v1/billing/applications', {
        ...PRO_BONO,
        planId: 'legacy',
      });
      expect(archived.status).toBe(400);
      expect(archived.body.error.message).toBe(
        'Invalid application: planId legacy is archived',
      );
      const asManager = await as(BILL).post('/v1/billing/applications', {
        ...PRO_BONO,
        planId: 'partner',
      });
      expect(asManager.status).toBe(201);
    });

    it('lists applications newest first: all to billing admins, with filters; to tenant admins those of their tenants', async () => {
      const { as, later } = await setup(await databases.init(databaseId));
      const ids: Record<string, string> = {};
      const apply = async (user: string, name: string, body: object) => {
        later();
        const res = await as(user).post('/v1/billing/applications', body);
        expect(res.status).toBe(201);
        ids[name] = res.body.id;
      };
      await apply(TINA, 'clinicProBono', PRO_BONO);
      await apply(BILL, 'labDeveloper', { ...DEVELOPER, tenantId: 'lab' });
      await apply(TOM, 'farProBono', { ...PRO_BONO, tenantId: 'far' });
      await apply(TINA, 'clinicDeveloper', DEVELOPER);
      later();
      expect(
        (
          await as(BILL).post(
            `/v1/billing/applications/${ids.labDeveloper}/reject`,
            { reason: 'Not an integration' },
          )
        ).status,
      ).toBe(200);

      const list = async (user: string, query = '') => {
        const res = await as(user).get(`/v1/billing/applications${query}`);
        expect(res.status).toBe(200);
        return res.body.items.map((a: { id: string }) =>
          Object.keys(ids).find(name => ids[name] === a.id),
        );
      };
      expect(await list(BILL)).toEqual([
        'clinicDeveloper',
        'farProBono',
        'labDeveloper',
        'clinicProBono',
      ]);
      expect(await list(BILL, '?status=pending')).toEqual([
        'clinicDeveloper',
        'farProBono',
        'clinicProBono',
      ]);
      expect(await list(BILL, '?status=rejected')).toEqual(['labDeveloper']);
      expect(await list(BILL, '?accountId=acme')).toEqual([
        'clinicDeveloper',
        'labDeveloper',
        'clinicProBono',
      ]);
      expect(await list(BILL, '?tenantId=far')).toEqual(['farProBono']);
      expect(await list(BILL, '?accountId=acme&tenantId=far')).toEqual([]);
      // Tina is Admin of clinic, only a Viewer of lab.
      expect(await list(TINA)).toEqual(['clinicDeveloper', 'clinicProBono']);
      expect(await list(TINA, '?tenantId=lab')).toEqual([]);
      expect(await list(TINA, '?status=pending&accountId=acme')).toEqual([
        'clinicDeveloper',
        'clinicProBono',
      ]);
      expect(await list(TOM)).toEqual(['farProBono']);
      expect(await list(NOBODY)).toEqual([]);
      expect(await list('service')).toEqual([]);
      expect(
        (await as('anonymous').get('/v1/billing/applications')).status,
      ).toBe(401);
      for (const [query, message] of [
        [
          '?status=open',
          'Invalid query: status must be pending, approved, rejected',
        ],
        [
          '?tenantId=Bad_Id',
          'Invalid query: tenantId must be lowercase letters, digits and inner hyphens',
        ],
        [
          '?accountId=a&accountId=b',
          'Invalid query: accountId must be lowercase letters, digits and inner hyphens',
        ],
        ['?sort=createdAt', 'Invalid query: unknown parameter sort'],
      ]) {
        const res = await as(BILL).get(`/v1/billing/applications${query}`);
        expect({
          query,
          status: res.status,
          message: res.body.error?.message,
        }).toEqual({
          query,
          status: 400,
          message,
        });
      }
    });

    it('approves a pro-bono application: a pro-bono subscription for the pilot months, the tenant on its plan, the applicant told', async () => {
      const { as, sent, tenants, auditor } = await setup(
        await databases.init(databaseId),
      );
      const applied = await as(TINA).post('/v1/billing/applications', PRO_BONO);
      sent.length = 0;
      const res = await as(BILL).post(
        `/v1/billing/applications/${applied.body.id}/approve`,
        {},
      );
      expect(res.status).toBe(200);
      const subscription = {
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        tenantId: 'clinic',
        accountId: 'acme',
        planId: 'standard',
        planVersion: 1,
        cycle: 'monthly',
        startDate: '2026-03-10',
        endDate: '2026-09-10',
        proBono: 'pro-bono',
        serviceType: 'product',
        doNotInvoice: false,
        autoRenew: false,
        status: 'active',
      };
      expect(res.body).toEqual({
        application: {
          ...applied.body,
          status: 'approved',
          decidedAt: '2026-03-10T12:00:00.000Z',
          decidedBy: BILL,
          subscriptionId: res.body.subscription.id,
        },
        subscription,
      });
      expect(await tenants.get('clinic')).toMatchObject({
        plan: 'standard',
        edition: 'standard',
        status: 'active',
      });
      const subscriptions = await as(BILL).get(
        '/v1/billing/subscriptions?tenantId=clinic',
      );
      expect(subscriptions.body.items).toEqual([subscription]);
      expect(sent).toEqual([
        {
          recipients: { type: 'entity', entityRef: [TINA] },
          payload: {
            title:
              'Your pro-bono plan application for Clinic Visits was approved',
            description:
              'The tenant Clinic Visits (clinic) is subscribed to the Standard plan at pro-bono from 2026-03-10 until 2026-09-10 (exclusive).',
            link: '/enterprise-console/billing',
            severity: 'normal',
            topic: 'billing-applications',
            scope: `billing-application:${applied.body.id}`,
          },
        },
      ]);
      const approval = (await events(auditor)).find(
        e => e.eventId === 'billing-application-approve',
      )!;
      expect(approval.event.success).toHaveBeenCalledWith({
        meta: {
          actor: BILL,
          applicationId: applied.body.id,
          tenantId: 'clinic',
          before: applied.body,
          after: {
            application: res.body.application,
            subscription: res.body.subscription,
            ended: null,
          },
        },
      });

      // Decided once: neither a second approval nor a rejection.
      for (const action of ['approve', 'reject']) {
        const again = await as(BILL).post(
          `/v1/billing/applications/${applied.body.id}/${action}`,
          action === 'reject' ? { reason: 'Changed my mind' } : {},
        );
        expect(again.status).toBe(409);
        expect(again.body.error.message).toBe(
          `Application ${applied.body.id} is already approved; only a pending application can be decided`,
        );
      }
      expect(
        (await as(BILL).get('/v1/billing/subscriptions?tenantId=clinic')).body
          .items,
      ).toHaveLength(1);
      // Decided, it no longer blocks a new application of its kind.
      expect(
        (await as(TINA).post('/v1/billing/applications', PRO_BONO)).status,
      ).toBe(201);
    });

    it('approves a developer application on another plan from a later date: developer, pro-bono, open-ended, ending the running subscription there', async () => {
      const { as, sent, tenants } = await setup(
        await databases.init(databaseId),
      );
      const running = await as(BILL).post('/v1/billing/subscriptions', {
        tenantId: 'clinic',
        planId: 'pro',
        cycle: 'monthly',
        startDate: '2026-01-01',
      });
      expect(running.status).toBe(201);
      const applied = await as(TINA).post(
        '/v1/billing/applications',
        DEVELOPER,
      );
      sent.length = 0;
      const res = await as(BILL).post(
        `/v1/billing/applications/${applied.body.id}/approve`,
        { planId: 'standard', startDate: '2026-04-01' },
      );
      expect(res.status).toBe(200);
      expect(res.body.subscription).toEqual({
        id: expect.any(String),
        tenantId: 'clinic',
        accountId: 'acme',
        planId: 'standard',
        planVersion: 1,
        cycle: 'monthly',
        startDate: '2026-04-01',
        proBono: 'pro-bono',
        serviceType: 'developer',
        doNotInvoice: false,
        autoRenew: false,
        status: 'scheduled',
      });
      expect(res.body.application).toMatchObject({
        status: 'approved',
        planId: 'standard',
        subscriptionId: res.body.subscription.id,
      });
      // Until April the tenant stays on the running plan, which ends there.
      expect(await tenants.get('clinic')).toMatchObject({ plan: 'pro' });
      expect(
        (
          await as(BILL).get('/v1/billing/subscriptions?tenantId=clinic')
        ).body.items.map((s: any) => [s.planId, s.startDate, s.endDate]),
      ).toEqual([
        ['standard', '2026-04-01', undefined],
        ['pro', '2026-01-01', '2026-04-01'],
      ]);
      expect(sent.map(n => n.payload.description)).toEqual([
        'The tenant Clinic Visits (clinic) is subscribed to the Standard plan at pro-bono from 2026-04-01, open-ended.',
      ]);
    });

    it('keeps an application pending and makes no subscription when the subscription is refused', async () => {
      const { as, sent } = await setup(await databases.init(databaseId));
      await as(BILL).post('/v1/billing/subscriptions', {
        tenantId: 'clinic',
        planId: 'pro',
        cycle: 'monthly',
        startDate: '2026-05-01',
      });
      const applied = await as(TINA).post('/v1/billing/applications', PRO_BONO);
      sent.length = 0;
      const url = `/v1/billing/applications/${applied.body.id}/approve`;
      const conflict = await as(BILL).post(url, {});
      expect(conflict.status).toBe(409);
      expect(conflict.body.error.message).toBe(
        'Tenant clinic has a subscription starting on 2026-05-01; change or end it instead',
      );
      const unknownPlan = await as(BILL).post(url, { planId: 'gold' });
      expect(unknownPlan.status).toBe(404);
      expect(unknownPlan.body.error.message).toBe('Plan gold not found');
      const archived = await as(BILL).post(url, { planId: 'legacy' });
      expect(archived.status).toBe(400);
      const badDate = await as(BILL).post(url, { startDate: '2026-02-30' });
      expect(badDate.status).toBe(400);
      expect(badDate.body.error.message).toBe(
        'Invalid approval: startDate must be a date YYYY-MM-DD between the years 1900 and 2999',
      );
      const extra = await as(BILL).post(url, { endDate: '2026-06-01' });
      expect(extra.status).toBe(400);
      expect(extra.body.error.message).toBe(
        'Invalid approval: unknown field endDate',
      );
      expect(
        (await as(BILL).get('/v1/billing/applications')).body.items.map(
          (a: any) => a.status,
        ),
      ).toEqual(['pending']);
      expect(
        (await as(BILL).get('/v1/billing/subscriptions?tenantId=clinic')).body
          .items,
      ).toHaveLength(1);
      expect(sent).toEqual([]);
      // Still pending, so still decidable.
      const rejected = await as(BILL).post(
        `/v1/billing/applications/${applied.body.id}/reject`,
        { reason: 'A subscription is already scheduled' },
      );
      expect(rejected.status).toBe(200);
    });

    it('takes one of two simultaneous applications and one of two simultaneous decisions', async () => {
      const { as } = await setup(await databases.init(databaseId));
      const applied = await Promise.all(
        [TINA, BILL].map(user =>
          as(user).post('/v1/billing/applications', PRO_BONO),
        ),
      );
      expect(applied.map(res => res.status).sort()).toEqual([201, 409]);
      const { id } = applied.find(res => res.status === 201)!.body;
      const decided = await Promise.all([
        as(BILL).post(`/v1/billing/applications/${id}/approve`, {}),
        as(BILL).post(`/v1/billing/applications/${id}/approve`, {}),
        as(BILL).post(`/v1/billing/applications/${id}/reject`, {
          reason: 'No',
        }),
      ]);
      expect(decided.map(res => res.status).sort()).toEqual([200, 409, 409]);
      const winner = decided.find(res => res.status === 200)!;
      const subscriptions = (
        await as(BILL).get('/v1/billing/subscriptions?tenantId=clinic')
      ).body.items;
      // An approval made exactly one subscription; a rejection none.
      expect(subscriptions).toHaveLength(
        winner.body.subscription === undefined ? 0 : 1,
      );
    });

    it('rejects with a reason, which the applicant is told', async () => {
      const { as, sent, auditor } = await setup(
        await databases.init(databaseId),
      );
      const applied = await as(TINA).post('/v1/billing/applications', PRO_BONO);
      sent.length = 0;
      const url = `/v1/billing/applications/${applied.body.id}/reject`;
      for (const [body, message] of [
        [{}, 'Invalid rejection: reason Required'],
        [
          { reason: '' },
          'Invalid rejection: reason String must contain at least 1 character(s)',
        ],
        [{ reason: 'x', note: 'y' }, 'Invalid rejection: unknown field note'],
      ] as const) {
        const res = await as(BILL).post(url, body);
        expect(res.status).toBe(400);
        expect(res.body.error.message).toBe(message);
      }
      const res = await as(BILL).post(url, {
        reason:
          'The Community plan covers 10 users; apply again when you grow.',
      });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        ...applied.body,
        status: 'rejected',
        decidedAt: '2026-03-10T12:00:00.000Z',
        decidedBy: BILL,
        rejectionReason:
          'The Community plan covers 10 users; apply again when you grow.',
      });
      expect(sent).toEqual([
        {
          recipients: { type: 'entity', entityRef: [TINA] },
          payload: {
            title:
              'Your pro-bono plan application for Clinic Visits was rejected',
            description:
              'Reason: The Community plan covers 10 users; apply again when you grow.',
            link: '/enterprise-console/billing',
            severity: 'normal',
            topic: 'billing-applications',
            scope: `billing-application:${applied.body.id}`,
          },
        },
      ]);
      const rejection = (await events(auditor)).filter(
        e => e.eventId === 'billing-application-reject',
      );
      expect(rejection.at(-1)!.event.success).toHaveBeenCalledWith({
        meta: {
          actor: BILL,
          applicationId: applied.body.id,
          tenantId: 'clinic',
          before: applied.body,
          after: { application: res.body },
        },
      });
      for (const action of ['reject', 'approve']) {
        const again = await as(BILL).post(
          `/v1/billing/applications/${applied.body.id}/${action}`,
          action === 'reject' ? { reason: 'Again' } : {},
        );
        expect(again.status).toBe(409);
        expect(again.body.error.message).toBe(
          `Application ${applied.body.id} is already rejected; only a pending application can be decided`,
        );
      }
      expect(
        (await as(BILL).get('/v1/billing/subscriptions?tenantId=clinic')).body
          .items,
      ).toEqual([]);
    });

    it('lets only billing admins decide, and answers 404 for unknown applications', async () => {
      const { as } = await setup(await databases.init(databaseId));
      const applied = await as(TINA).post('/v1/billing/applications', PRO_BONO);
      for (const action of ['approve', 'reject']) {
        const url = `/v1/billing/applications/${applied.body.id}/${action}`;
        const body = action === 'reject' ? { reason: 'No' } : {};
        for (const user of [TINA, NOBODY, 'service']) {
          const res = await as(user).post(url, body);
          expect(res.status).toBe(403);
          expect(res.body.error.message).toBe(
            'Not allowed: enterprise-console.billing.manage is required',
          );
        }
        expect((await as('anonymous').post(url, body)).status).toBe(401);
        for (const id of [
          '00000000-0000-4000-8000-000000000000',
          'not-a-uuid',
        ]) {
          const res = await as(BILL).post(
            `/v1/billing/applications/${id}/${action}`,
            body,
          );
          expect(res.status).toBe(404);
          expect(res.body.error.message).toBe(`Application ${id} not found`);
        }
      }
      expect(
        (await as(BILL).get('/v1/billing/applications')).body.items[0].status,
      ).toBe('pending');
    });

    it('keeps the decision when a notification cannot be sent, and says so in the log', async () => {
      const { as, logger } = await setup(await databases.init(databaseId), {
        failNotifications: true,
      });
      const applied = await as(TINA).post('/v1/billing/applications', PRO_BONO);
      expect(applied.status).toBe(201);
      const res = await as(BILL).post(
        `/v1/billing/applications/${applied.body.id}/reject`,
        { reason: 'No' },
      );
      expect(res.status).toBe(200);
      expect(logger.warn).toHaveBeenCalledWith(
        `Could not notify user:default/tina about billing application ${applied.body.id}: notifications backend unavailable`,
      );
    });

    it('notifies the members of roles holding billing.manage when no reviewers are configured', async () => {
      const { as, sent } = await setup(await databases.init(databaseId), {
        config: {
          enterpriseConsole: {
            roles: [
              { name: 'billing-admin', members: ['user:default/Bill'] },
              {
                name: 'finance',
                members: ['group:default/finance'],
                permissions: ['billing.read', 'billing.manage'],
              },
              { name: 'auditor', members: ['user:default/audrey'] },
            ],
          },
        },
      });
      await as(TINA).post('/v1/billing/applications', DEVELOPER);
      expect(sent.map(n => n.recipients)).toEqual([
        {
          type: 'entity',
          entityRef: ['group:default/finance', 'user:default/bill'],
        },
      ]);
    });
  },
);

describe('readApplicationReviewers', () => {
  const read = (data: object) =>
    readApplicationReviewers(mockServices.rootConfig({ data }));

  it('reads configured reviewers, else the billing-admin role, else nobody', () => {
    expect(
      read({
        enterpriseConsole: {
          billing: { applicationReviewers: ['Group:default/Billing'] },
          roles: [{ name: 'billing-admin', members: ['user:default/bill'] }],
        },
      }),
    ).toEqual(['group:default/billing']);
    expect(
      read({
        enterpriseConsole: {
          roles: [
            {
              name: 'billing-admin',
              members: ['user:default/bill'],
              permissions: ['billing.read'],
            },
          ],
        },
      }),
    ).toEqual([]);
    expect(read({})).toEqual([]);
  });

  it('fails on a ref that is not a user or group', () => {
    expect(() =>
      read({
        enterpriseConsole: {
          billing: { applicationReviewers: ['component:default/x'] },
        },
      }),
    ).toThrow(
      "Invalid enterpriseConsole.billing.applicationReviewers[0]: 'component:default/x' is not a user or group entity ref such as group:default/billing",
    );
    expect(() =>
      read({
        enterpriseConsole: { billing: { applicationReviewers: ['bill'] } },
      }),
    ).toThrow(/applicationReviewers\[0\]/);
  });
});
