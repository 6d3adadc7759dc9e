import { NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  enterpriseConsoleTenantReadPermission,
  isValidSlug,
  TenantDetail,
} from '@internal/plugin-enterprise-console-common';
import Router from 'express-promise-router';
import { z } from 'zod';
import { parseLimit } from '../lib/cursor';
import { Authorizer } from '../permissions/authorize';
import { AccountStore } from './AccountStore';
import { TenantOverviewStore } from './TenantOverviewStore';
import { TenantStore } from './TenantStore';
import { parseInput } from '../lib/validation';
import { tenantListFilterSchema } from './tenantListFilter';

const listQuery = tenantListFilterSchema.extend({
  limit: z.unknown().optional(),
  cursor: z.string().max(500).optional(),
});

/** Routes over tenants: the filtered list and one tenant's detail. */
export function createTenantsRouter(options: {
  authorizer: Authorizer;
  accounts: AccountStore;
  tenants: TenantStore;
  overviews: TenantOverviewStore;
}) {
  const { authorizer, accounts, tenants, overviews } = options;
  const router = Router();

  router.get('/v1/tenants', async (req, res) => {
    const { filter: permissionFilter } = await authorizer.authorizeList(
      req,
      enterpriseConsoleTenantReadPermission,
    );
    const query = parseInput(listQuery.strict(), req.query, 'query');
    const { limit, cursor, ...filter } = query;
    res.json(
      await tenants.list({
        limit: parseLimit(limit),
        cursor,
        filter,
        permissionFilter,
      }),
    );
  });

  router.get('/v1/tenants/:tenantId', async (req, res) => {
    const { result, filter } = await authorizer.authorizeList(
      req,
      enterpriseConsoleTenantReadPermission,
    );
    if (result === 'deny') {
      throw new NotAllowedError(
        `Not allowed: ${enterpriseConsoleTenantReadPermission.name} is required`,
      );
    }
    // Under a conditional decision a tenant the caller may not read is
    // answered like a missing one, so ids of other tenants don't leak.
    const { tenantId } = req.params;
    const tenant = isValidSlug(tenantId)
      ? await tenants.get(tenantId, filter)
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
