import { NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  enterpriseConsoleConsoleReadPermission,
  enterpriseConsoleReportExportPermission,
  enterpriseConsoleTenantReadPermission,
  isValidSlug,
  Tenant,
  TenantDetail,
  TenantListItem,
  TenantUsage,
} from '@internal/plugin-enterprise-console-common';
import { Request } from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { parseLimit } from '../lib/cursor';
import { Authorizer } from '../permissions/authorize';
import { AccountStore } from './AccountStore';
import { TenantOverviewStore } from './TenantOverviewStore';
import { TENANT_SORTS, TenantSort, TenantStore } from './TenantStore';
import { anyOfFilters, tenantsOfAccounts } from '../permissions/criteriaToKnex';
import { TenantUsageStore } from './TenantUsageStore';
import { resolveUsageDays } from './usageDays';
import { parseInput } from '../lib/validation';
import { tenantListFilterSchema } from './tenantListFilter';

const listQuery = tenantListFilterSchema.extend({
  sort: z.enum(TENANT_SORTS as [TenantSort, ...TenantSort[]]).optional(),
  order: z.enum(['asc', 'desc']).optional(),
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
    // A tenant is listed when the caller may read it, or may export reports
    // or read the console of its account (to choose tenants for usage
    // reports); all in the query, so pages are never short.
    const [read, exportable, consoleReadable] = await Promise.all([
      authorizer.authorizeList(req, enterpriseConsoleTenantReadPermission),
      authorizer.authorizeList(req, enterpriseConsoleReportExportPermission),
      authorizer.authorizeList(req, enterpriseConsoleConsoleReadPermission),
    ]);
    const listable = anyOfFilters([
      read,
      tenantsOfAccounts(exportable),
      tenantsOfAccounts(consoleReadable),
    ]);
    const query = parseInput(listQuery.strict(), req.query, 'query');
    const { limit, cursor, sort, order, ...filter } = query;
    const page = await tenants.list({
      limit: parseLimit(limit),
      cursor,
      sort,
      order,
      filter,
      permissionFilter: listable.filter,
    });
    // Whether each tenant's page opens: one query for the page, not one
    // permission call per row.
    const readable =
      read.result === 'conditional'
        ? await tenants.passing(
            page.items.map(tenant => tenant.id),
            read.filter,
          )
        : undefined;
    const items: TenantListItem[] = page.items.map(tenant => ({
      ...tenant,
      canRead: readable ? readable.has(tenant.id) : read.result === 'allow',
    }));
    res.json({ ...page, items });
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
