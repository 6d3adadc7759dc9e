import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  enterpriseConsoleBillingManagePermission,
  enterpriseConsoleBillingReadPermission,
  isValidSlug,
} from '@internal/plugin-enterprise-console-common';
import { Request } from 'express';
import Router from 'express-promise-router';
import { audited } from '../../lib/audited';
import { describeActor } from '../../lib/describeActor';
import { rejectUnknownQuery } from '../../lib/validation';
import { Authorizer } from '../../permissions/authorize';
import { PlanCatalogue } from './PlanCatalogue';
import { parsePlanInput } from './planInput';

/** `?version=N`: a whole number from 1, or a 400. */
function parseVersion(query: Request['query']): number | undefined {
  rejectUnknownQuery(query, ['version']);
  const { version } = query;
  if (version === undefined) {
    return undefined;
  }
  if (typeof version !== 'string' || !/^[1-9]\d{0,8}$/.test(version)) {
    throw new InputError(
      'Invalid query: version must be a whole number from 1',
    );
  }
  return Number(version);
}

/**
 * `/v1/billing/plans` (api.md, "Billing"): the catalogue for whoever may
 * read some account's billing, changes for billing managers, audited as
 * `billing-plan-update` with the plan before and after.
 */
export function createPlansRouter(options: {
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  authorizer: Authorizer;
  plans: PlanCatalogue;
}) {
  const { httpAuth, auditor, authorizer, plans } = options;
  const router = Router();

  /** billing.read on any account (or billing.manage) opens the catalogue. */
  async function catalogueReader(req: Request) {
    const { credentials, result } = await authorizer.authorizeList(
      req,
      enterpriseConsoleBillingReadPermission,
    );
    if (
      result === 'deny' &&
      !(await authorizer.isAllowed(
        credentials,
        enterpriseConsoleBillingManagePermission,
      ))
    ) {
      throw new NotAllowedError(
        `Not allowed: ${enterpriseConsoleBillingReadPermission.name} on an account or ${enterpriseConsoleBillingManagePermission.name} is required`,
      );
    }
    return credentials;
  }

  router.get('/v1/billing/plans', async (req, res) => {
    const credentials = await catalogueReader(req);
    rejectUnknownQuery(req.query, []);
    res.json({ items: await plans.list(credentials) });
  });

  router.get('/v1/billing/plans/:planId', async (req, res) => {
    const credentials = await catalogueReader(req);
    const version = parseVersion(req.query);
    const { planId } = req.params;
    if (!isValidSlug(planId)) {
      throw new NotFoundError(`Plan ${planId} not found`);
    }
    res.json(await plans.get(credentials, planId, version));
  });

  router.put('/v1/billing/plans/:planId', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const { planId } = req.params;
    const actor = describeActor(credentials);
    const write = await audited(
      auditor,
      {
        eventId: 'billing-plan-update',
        severityLevel: 'high',
        request: req,
        meta: { planId, actor },
      },
      async () => {
        await authorizer.requirePermission(
          credentials,
          enterpriseConsoleBillingManagePermission,
        );
        if (!isValidSlug(planId)) {
          throw new InputError(
            'Invalid plan id: must be lowercase letters, digits and inner hyphens, 1 to 63 characters',
          );
        }
        const change = await plans.write(
          planId,
          parsePlanInput(req.body),
          actor,
        );
        return {
          value: change,
          meta: {
            planId,
            actor,
            outcome: change.outcome,
            before: change.before ? { ...change.before } : null,
            after: { ...change.after },
          },
        };
      },
    );
    res.status(write.outcome === 'created' ? 201 : 200).json(write.after);
  });

  return router;
}
