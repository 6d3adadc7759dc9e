import { NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  enterpriseConsoleTenantReadPermission,
  isValidSlug,
  Tenant,
  TenantDetail,
  TenantUsage,
} from '@internal/plugin-enterprise-console-common';
import { Request } from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { parseLimit } from '../lib/cursor';
import { Authorizer } from '../permissions/authorize';
import { AccountStore } from './AccountStore';
import { TenantOverviewStore } from './TenantOverviewStore';
import { TenantStore } from './TenantStore';
import { TenantUsageStore } from './TenantUsageStore';
import { resolveUsageDays } from './usageDays';
import { parseInput } from '../lib/validation';
import { tenantListFilterSchema } from './tenantListFilter';

const listQuery = tenantListFilterSchema.extend({
  limit: z.unknown().optional(),
  cursor: z.string().max(500).optional(),
});

/** Routes over tenants: the filtered list, one tenant's detail and its daily usage. */
export function createTenantsRouter(options: {
  authorizer: Authorizer;
  accounts: AccountStore;
  tenants: TenantStore;
  overviews: TenantOverviewStore;
  usage: TenantUsageStore;
  now?: () => Date;
}) {
  const { authorizer, accounts, tenants, overviews } = options;
  const usageStore = options.usage;
  const now = options.now ?? (() => new Date());
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

  /**
   * The tenant of the path if the caller may read it (tenant.read). Under a
   * conditional decision a tenant the caller may not read is answered like
   * a missing one, so ids of other tenants don't leak.
   */
  async function readableTenant(req: Request): Promise<Tenant> {
    const { result, filter } = await authorizer.authorizeList(
      req,
      enterpriseConsoleTenantReadPermission,
    );
    if (result === 'deny') {
      throw new NotAllowedError(
        `Not allowed: ${enterpriseConsoleTenantReadPermission.name} is required`,
      );
    }
    const { tenantId } = req.params;
    const tenant = isValidSlug(tenantId)
      ? await tenants.get(tenantId, filter)
      : undefined;
    if (!tenant) {
      throw new NotFoundError(`Tenant ${tenantId} not found`);
    }
    return tenant;
  }

  router.get('/v1/tenants/:tenantId', async (req, res) => {
    const tenant = await readableTenant(req);
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

  router.get('/v1/tenants/:tenantId/usage', async (req, res) => {
    const tenant = await readableTenant(req);
    const { firstDay, lastDay } = resolveUsageDays(req.query, now());
    const usage: TenantUsage = {
      tenantId: tenant.id,
      from: firstDay,
      to: lastDay,
      meters: usageStore.meters.map(({ key, name, unit }) => ({
        key,
        name,
        unit,
      })),
      days: await usageStore.daily(tenant.id, firstDay, lastDay),
    };
    res.json(usage);
  });

  return router;
}
