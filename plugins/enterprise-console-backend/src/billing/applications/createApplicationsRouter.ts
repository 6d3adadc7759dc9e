import {
  AuditorService,
  BackstageCredentials,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  BillingApplication,
  enterpriseConsoleBillingManagePermission,
  enterpriseConsoleTenantPlanChangePermission,
  isValidSlug,
} from '@internal/plugin-enterprise-console-common';
import { Request, Response } from 'express';
import Router from 'express-promise-router';
import { DateTime } from 'luxon';
import { audited } from '../../lib/audited';
import { describeActor } from '../../lib/describeActor';
import { isUuid, rejectUnknownQuery } from '../../lib/validation';
import { Authorizer } from '../../permissions/authorize';
import { TenantStore } from '../../tenants';
import { PlanCatalogue } from '../plans/PlanCatalogue';
import { PlanStore } from '../plans/PlanStore';
import { utcDate } from '../../lib/utcDate';
import {
  NewSubscription,
  SubscriptionStore,
} from '../subscriptions/SubscriptionStore';
import {
  parseApplicationInput,
  parseApprovalInput,
  parseRejectionInput,
} from './applicationInput';
import { ApplicationNotices } from './ApplicationNotices';
import { ApplicationListFilter, ApplicationStore } from './ApplicationStore';

const STATUSES: ReadonlyArray<BillingApplication['status']> = [
  'pending',
  'approved',
  'rejected',
];

/**
 * The subscription an approval makes (billing.md, "Applications"): a
 * pro-bono application subscribes at pro-bono for its pilot months, a
 * developer application as service type developer, pro-bono, open-ended.
 * Monthly, invoiced (extra users and SMS still count), not auto-renewed.
 */
export function approvedTerms(
  application: BillingApplication,
  planId: string,
  startDate: string,
): NewSubscription {
  const common = {
    tenantId: application.tenantId,
    planId,
    cycle: 'monthly',
    startDate,
    proBono: 'pro-bono',
    doNotInvoice: false,
    autoRenew: false,
  } as const;
  if (application.kind === 'developer') {
    return { ...common, serviceType: 'developer' };
  }
  return {
    ...common,
    serviceType: 'product',
    endDate: DateTime.fromISO(startDate, { zone: 'utc' })
      .plus({ months: application.pilotMonths ?? 1 })
      .toISODate()!,
  };
}

/** A query value that must be one string of a few forms, or a 400. */
function queryValue(
  query: Record<string, unknown>,
  name: string,
  valid: (value: string) => boolean,
  expected: string,
): string | undefined {
  const value = query[name];
  if (value === undefined) {
    return undefined;
  }
  if (typeof value !== 'string' || !valid(value)) {
    throw new InputError(`Invalid query: ${name} must be ${expected}`);
  }
  return value;
}

/**
 * `/v1/billing/applications` (api.md, "Billing"): tenant admins apply for
 * a pro-bono or developer plan with tenant.plan.change on the tenant, and
 * billing admins (billing.manage) approve, creating the subscription, or
 * reject with a reason. Every change is audited with before and after;
 * billing admins hear of new applications and applicants of decisions
 * through Backstage notifications (`ApplicationNotices`).
 */
export function createApplicationsRouter(options: {
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  authorizer: Authorizer;
  applications: ApplicationStore;
  subscriptions: SubscriptionStore;
  plans: PlanCatalogue;
  planStore: PlanStore;
  tenants: TenantStore;
  notices: ApplicationNotices;
  now: () => Date;
}) {
  const { httpAuth, auditor, authorizer, applications, tenants, notices } =
    options;
  const router = Router();

  /** Display names for notices; ids when a tenant or plan has gone since. */
  async function namesOf(tenantId: string, planId: string) {
    const [tenant, plan] = await Promise.all([
      tenants.get(tenantId),
      options.planStore.get(planId),
    ]);
    return { tenant: tenant?.name ?? tenantId, plan: plan?.name ?? planId };
  }

  /**
   * tenant.plan.change on the body's tenant, before the body is read
   * further, so a caller without it learns nothing from a 400. A body
   * naming no valid tenant is checked against the permission at all.
   */
  async function authorizeApplying(
    req: Request,
    credentials: BackstageCredentials,
  ) {
    const tenantId = (req.body as { tenantId?: unknown } | undefined)?.tenantId;
    if (typeof tenantId === 'string' && isValidSlug(tenantId)) {
      await authorizer.requirePermission(
        credentials,
        enterpriseConsoleTenantPlanChangePermission,
        tenantId,
      );
      return;
    }
    const decision = await authorizer.authorizeList(
      req,
      enterpriseConsoleTenantPlanChangePermission,
    );
    if (decision.result === 'deny') {
      throw new NotAllowedError(
        `Not allowed: ${enterpriseConsoleTenantPlanChangePermission.name} is required`,
      );
    }
  }

  router.get('/v1/billing/applications', async (req, res) => {
    const decision = await authorizer.authorizeList(
      req,
      enterpriseConsoleTenantPlanChangePermission,
    );
    const manager = await authorizer.isAllowed(
      decision.credentials,
      enterpriseConsoleBillingManagePermission,
    );
    const query = req.query as Record<string, unknown>;
    rejectUnknownQuery(query, ['status', 'accountId', 'tenantId']);
    const slugMessage = 'lowercase letters, digits and inner hyphens';
    const filter: ApplicationListFilter = {
      status: queryValue(
        query,
        'status',
        value => STATUSES.includes(value as BillingApplication['status']),
        STATUSES.join(', '),
      ) as BillingApplication['status'] | undefined,
      accountId: queryValue(query, 'accountId', isValidSlug, slugMessage),
      tenantId: queryValue(query, 'tenantId', isValidSlug, slugMessage),
    };
    // Billing admins see every application; anyone else those of the
    // tenants the decision lets them apply for, filtered in the query (a
    // denial lists nothing).
    res.json({
      items: await applications.list(
        filter,
        manager || decision.result === 'allow' ? undefined : decision.filter,
      ),
    });
  });

  router.post('/v1/billing/applications', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const actor = describeActor(credentials);
    const { created, names } = await audited(
      auditor,
      {
        eventId: 'billing-application-create',
        severityLevel: 'medium',
        request: req,
        meta: { actor },
      },
      async () => {
        await authorizeApplying(req, credentials);
        const input = parseApplicationInput(req.body);
        const tenant = await tenants.get(input.tenantId);
        if (!tenant) {
          throw new NotFoundError(`Tenant ${input.tenantId} not found`);
        }
        // A plan hidden from the caller is missing, as in the catalogue.
        const plan = await options.plans.get(credentials, input.planId);
        if (plan.visibility === 'archived') {
          throw new InputError(
            `Invalid application: planId ${plan.id} is archived`,
          );
        }
        const application = await applications.create(
          { ...input, accountId: tenant.accountId },
          { applicant: actor, now: options.now() },
        );
        return {
          value: {
            created: application,
            names: { tenant: tenant.name, plan: plan.name },
          },
          meta: {
            actor,
            tenantId: tenant.id,
            before: null,
            after: { ...application },
          },
        };
      },
    );
    await notices.applied(created, names);
    res.status(201).json(created);
  });

  /** An approval or a rejection: billing.manage, audited before and after. */
  function decisionRoute<T>(
    action: 'approve' | 'reject',
    decide: (
      id: string,
      body: unknown,
      context: { actor: string; now: Date },
    ) => Promise<{
      before: BillingApplication;
      after: BillingApplication;
      made: T;
      audit: Record<string, unknown>;
    }>,
    respond: (
      result: { after: BillingApplication; made: T },
      res: Response,
    ) => Promise<void>,
  ) {
    router.post(`/v1/billing/applications/:id/${action}`, async (req, res) => {
      const credentials = await httpAuth.credentials(req, {
        allow: ['user', 'service'],
      });
      const actor = describeActor(credentials);
      const { id } = req.params;
      const result = await audited(
        auditor,
        {
          eventId: `billing-application-${action}`,
          severityLevel: 'high',
          request: req,
          meta: { actor, applicationId: id },
        },
        async () => {
          await authorizer.requirePermission(
            credentials,
            enterpriseConsoleBillingManagePermission,
          );
          const decided = await decide(id, req.body, {
            actor,
            now: options.now(),
          });
          return {
            value: decided,
            meta: {
              actor,
              applicationId: id,
              tenantId: decided.before.tenantId,
              before: { ...decided.before },
              after: { application: { ...decided.after }, ...decided.audit },
            },
          };
        },
      );
      await respond(result, res);
    });
  }

  decisionRoute(
    'approve',
    async (id, body, { actor, now }) => {
      const input = parseApprovalInput(body);
      if (!isUuid(id)) {
        throw new NotFoundError(`Application ${id} not found`);
      }
      const today = utcDate(now);
      const decision = await applications.decide(
        id,
        { status: 'approved', decidedBy: actor, now },
        async (tx, pending) => {
          const planId = input.planId ?? pending.planId;
          // In the decision's transaction: a refused subscription (unknown
          // or archived plan, a later subscription in the way) leaves the
          // application pending, and a failed decision leaves no
          // subscription.
          const creation = await options.subscriptions.create(
            approvedTerms(pending, planId, input.startDate ?? today),
            { actor, now, today, tx },
          );
          return {
            made: creation,
            planId,
            subscriptionId: creation.created.id,
          };
        },
      );
      const { created, ended } = decision.made;
      return {
        ...decision,
        audit: {
          subscription: { ...created },
          ended: ended
            ? { before: { ...ended.before }, after: { ...ended.after } }
            : null,
        },
      };
    },
    async ({ after, made }, res) => {
      await notices.approved(
        after,
        await namesOf(after.tenantId, after.planId),
        made.created,
      );
      res.json({ application: after, subscription: made.created });
    },
  );

  decisionRoute(
    'reject',
    async (id, body, { actor, now }) => {
      const { reason } = parseRejectionInput(body);
      if (!isUuid(id)) {
        throw new NotFoundError(`Application ${id} not found`);
      }
      const decision = await applications.decide(
        id,
        { status: 'rejected', decidedBy: actor, now, rejectionReason: reason },
        async () => ({ made: undefined }),
      );
      return { ...decision, audit: {} };
    },
    async ({ after }, res) => {
      await notices.rejected(
        after,
        await namesOf(after.tenantId, after.planId),
      );
      res.json(after);
    },
  );

  return router;
}
