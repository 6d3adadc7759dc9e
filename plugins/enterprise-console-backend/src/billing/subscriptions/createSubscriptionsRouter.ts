import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  enterpriseConsoleBillingManagePermission,
  isValidSlug,
} from '@internal/plugin-enterprise-console-common';
import Router from 'express-promise-router';
import { audited } from '../../lib/audited';
import { describeActor } from '../../lib/describeActor';
import { utcDate } from '../../lib/utcDate';
import { isUuid, rejectUnknownQuery } from '../../lib/validation';
import { Authorizer } from '../../permissions/authorize';
import { tenantsOfAccounts } from '../../permissions/criteriaToKnex';
import { AccountStore, TenantStore } from '../../tenants';
import { billingReadDecision } from '../billingReadAccess';
import { estimateChange, featuresLost } from './changePreview';
import { FeatureRegistry } from '../entitlements/FeatureRegistry';
import {
  parseChangeInput,
  parseEndInput,
  parseExtendInput,
  parseSubscriptionInput,
} from './subscriptionInput';
import { SubscriptionStore } from './SubscriptionStore';


/**
 * `/v1/billing/subscriptions` (api.md, "Billing"): a tenant's or an
 * account's subscriptions and the preview of a change for billing.read on
 * the account; creation, change, end, cancel and extend for billing
 * managers, each audited (`billing-subscription-<action>`) with before and
 * after. `featuresInUse` reports a tenant's features in use (entitlements).
 */
export function createSubscriptionsRouter(options: {
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  authorizer: Authorizer;
  subscriptions: SubscriptionStore;
  accounts: AccountStore;
  tenants: TenantStore;
  featuresInUse: (tenantId: string) => Promise<string[]>;
  /** Runs the hooks of the features a change switched, after it committed. */
  features: FeatureRegistry;
  now: () => Date;
}) {
  const { httpAuth, auditor, authorizer, subscriptions, now } = options;
  const router = Router();

  router.get('/v1/billing/subscriptions', async (req, res) => {
    const decision = await billingReadDecision(req, authorizer);
    rejectUnknownQuery(req.query, ['tenantId', 'accountId']);
    const { tenantId, accountId } = req.query;
    if ((tenantId === undefined) === (accountId === undefined)) {
      throw new InputError('Invalid query: give either tenantId or accountId');
    }
    const today = utcDate(now());
    // The caller's permission filters the tenant or account in SQL; one it
    // may not read is answered like a missing one, so ids do not leak.
    if (tenantId !== undefined) {
      const tenant =
        typeof tenantId === 'string' && isValidSlug(tenantId)
          ? await options.tenants.get(
              tenantId,
              tenantsOfAccounts(decision).filter,
            )
          : undefined;
      if (!tenant) {
        throw new NotFoundError(`Tenant ${String(tenantId)} not found`);
      }
      res.json({
        items: await subscriptions.list({ tenantId: tenant.id }, today),
      });
      return;
    }
    const account =
      typeof accountId === 'string' && isValidSlug(accountId)
        ? await options.accounts.get(accountId, decision.filter)
        : undefined;
    if (!account) {
      throw new NotFoundError(`Account ${String(accountId)} not found`);
    }
    res.json({
      items: await subscriptions.list({ accountId: account.id }, today),
    });
  });

  router.post('/v1/billing/subscriptions', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const actor = describeActor(credentials);
    const creation = await audited(
      auditor,
      {
        eventId: 'billing-subscription-create',
        severityLevel: 'high',
        request: req,
        meta: { actor },
      },
      async () => {
        await authorizer.requirePermission(
          credentials,
          enterpriseConsoleBillingManagePermission,
        );
        const input = parseSubscriptionInput(req.body);
        const time = now();
        const result = await subscriptions.create(input, {
          actor,
          now: time,
          today: utcDate(time),
        });
        return {
          value: result,
          meta: {
            actor,
            tenantId: input.tenantId,
            before: result.ended ? { ...result.ended.before } : null,
            after: {
              created: { ...result.created },
              ended: result.ended ? { ...result.ended.after } : null,
            },
          },
        };
      },
    );
    await options.features.afterCommit(creation.features);
    res.status(201).json(creation.created);
  });

  /**
   * A change of plan or an end (`/change`, `/end`): billing.manage, the
   * body parsed into the store's request, audited with before and after.
   */
  function changeRoute(
    action: 'change' | 'end',
    toRequest: (
      body: unknown,
      today: string,
    ) => Parameters<SubscriptionStore['change']>[1],
  ) {
    router.post(`/v1/billing/subscriptions/:id/${action}`, async (req, res) => {
      const credentials = await httpAuth.credentials(req, {
        allow: ['user', 'service'],
      });
      const actor = describeActor(credentials);
      const { id } = req.params;
      const change = await audited(
        auditor,
        {
          eventId: `billing-subscription-${action}`,
          severityLevel: 'high',
          request: req,
          meta: { actor, subscriptionId: id },
        },
        async () => {
          await authorizer.requirePermission(
            credentials,
            enterpriseConsoleBillingManagePermission,
          );
          const time = now();
          const today = utcDate(time);
          const request = toRequest(req.body, today);
          if (!isUuid(id)) {
            throw new NotFoundError(`Subscription ${id} not found`);
          }
          const result = await subscriptions.change(id, request, {
            actor,
            now: time,
            today,
          });
          return {
            value: result,
            meta: {
              actor,
              subscriptionId: id,
              before: { ...result.before },
              after: {
                current: { ...result.current },
                next: { ...result.next },
              },
            },
          };
        },
      );
      await options.features.afterCommit(change.features);
      const { effectiveDate, scheduled, reason } = change.timing;
      res.json({
        current: change.current,
        next: change.next,
        effectiveDate,
        scheduled,
        ...(reason === undefined ? {} : { reason }),
      });
    });
  }

  router.post(
    '/v1/billing/subscriptions/:id/preview-change',
    async (req, res) => {
      const decision = await billingReadDecision(req, authorizer);
      const input = parseChangeInput(req.body);
      const { id } = req.params;
      const today = utcDate(now());
      // A subscription of an account the caller may not read is answered
      // like a missing one, as the list does.
      const subscription = isUuid(id)
        ? await subscriptions.get(id, today)
        : undefined;
      if (
        !subscription ||
        !(await options.accounts.get(subscription.accountId, decision.filter))
      ) {
        throw new NotFoundError(`Subscription ${id} not found`);
      }
      const basis = await subscriptions.previewChange(
        id,
        { planId: input.planId, requestedOn: input.date ?? today },
        today,
      );
      const [inUse, activeMobileUsers] = await Promise.all([
        options.featuresInUse(subscription.tenantId),
        options.tenants.activeMobileUsers(subscription.tenantId),
      ]);
      const { effectiveDate, scheduled, reason } = basis.timing;
      res.json({
        effectiveDate,
        scheduled,
        ...(reason === undefined ? {} : { reason }),
        featuresLost: featuresLost(inUse, basis.to),
        estimate: estimateChange(basis, activeMobileUsers),
      });
    },
  );

  /**
   * A billing manager's audited write to one subscription (`/cancel`,
   * `/extend`): `write` parses the body and returns the response and the
   * audit's before and after.
   */
  function manageRoute<T>(
    action: 'cancel' | 'extend',
    write: (
      id: string,
      body: unknown,
      options: { actor: string; now: Date; today: string },
    ) => Promise<{ value: T; before: object; after: object }>,
  ) {
    router.post(`/v1/billing/subscriptions/:id/${action}`, async (req, res) => {
      const credentials = await httpAuth.credentials(req, {
        allow: ['user', 'service'],
      });
      const actor = describeActor(credentials);
      const { id } = req.params;
      const value = await audited(
        auditor,
        {
          eventId: `billing-subscription-${action}`,
          severityLevel: 'high',
          request: req,
          meta: { actor, subscriptionId: id },
        },
        async () => {
          await authorizer.requirePermission(
            credentials,
            enterpriseConsoleBillingManagePermission,
          );
          const time = now();
          const result = await write(id, req.body, {
            actor,
            now: time,
            today: utcDate(time),
          });
          return {
            value: result.value,
            meta: {
              actor,
              subscriptionId: id,
              before: { ...result.before },
              after: { ...result.after },
            },
          };
        },
      );
      res.json(value);
    });
  }

  manageRoute('cancel', async (id, _body, writeOptions) => {
    if (!isUuid(id)) {
      throw new NotFoundError(`Subscription ${id} not found`);
    }
    const { cancelled, restored } = await subscriptions.cancel(
      id,
      writeOptions,
    );
    return {
      value: { cancelled, ...(restored ? { restored: restored.after } : {}) },
      before: { cancelled, restored: restored ? restored.before : null },
      after: { cancelled: null, restored: restored ? restored.after : null },
    };
  });

  manageRoute('extend', async (id, body, writeOptions) => {
    const { endDate } = parseExtendInput(body);
    if (!isUuid(id)) {
      throw new NotFoundError(`Subscription ${id} not found`);
    }
    const { before, after } = await subscriptions.extend(
      id,
      endDate,
      writeOptions,
    );
    return { value: after, before, after };
  });

  changeRoute('change', (body, today) => {
    const input = parseChangeInput(body);
    return { planId: input.planId, requestedOn: input.date ?? today };
  });
  changeRoute('end', (body, today) => ({
    end: true,
    requestedOn: parseEndInput(body).date ?? today,
  }));

  return router;
}
