import { HttpAuthService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import {
  isValidSlug,
  TenantDetail,
} from '@internal/plugin-enterprise-console-common';
import Router from 'express-promise-router';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { parseLimit } from '../pagination/cursor';
import { AccountStore } from './AccountStore';
import { TenantOverviewStore } from './TenantOverviewStore';
import { TenantStore } from './TenantStore';
import { parseInput } from './validation';

const dateOrTime = z
  .string()
  .max(40)
  .refine(value => DateTime.fromISO(value, { zone: 'utc' }).isValid, {
    message: 'must be an ISO 8601 date or date-time',
  })
  .transform(value => DateTime.fromISO(value, { zone: 'utc' }).toJSDate());

const listQuery = z.object({
  accountId: z
    .string()
    .refine(isValidSlug, { message: 'must be an account id' })
    .optional(),
  q: z.string().max(200).optional(),
  createdFrom: dateOrTime.optional(),
  createdTo: dateOrTime.optional(),
  limit: z.unknown().optional(),
  cursor: z.string().max(500).optional(),
});

/** Routes over tenants: the filtered list and one tenant's detail. */
export function createTenantsRouter(options: {
  httpAuth: HttpAuthService;
  accounts: AccountStore;
  tenants: TenantStore;
  overviews: TenantOverviewStore;
}) {
  const { httpAuth, accounts, tenants, overviews } = options;
  const router = Router();

  router.get('/v1/tenants', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const query = parseInput(listQuery.strict(), req.query, 'query');
    const { accountId, q, createdFrom, createdTo, cursor } = query;
    res.json(
      await tenants.list({
        limit: parseLimit(query.limit),
        cursor,
        filter: { accountId, q, createdFrom, createdTo },
      }),
    );
  });

  router.get('/v1/tenants/:tenantId', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const { tenantId } = req.params;
    const tenant = isValidSlug(tenantId)
      ? await tenants.get(tenantId)
      : undefined;
    if (!tenant) {
      throw new NotFoundError(`Tenant ${tenantId} not found`);
    }
    const [account, overview] = await Promise.all([
      accounts.get(tenant.accountId),
      overviews.get(tenant.id),
    ]);
    const detail: TenantDetail = {
      ...tenant,
      accountName: account?.name ?? tenant.accountId,
      overview,
    };
    res.json(detail);
  });

  return router;
}
