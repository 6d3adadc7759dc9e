import { PermissionsRegistryService } from '@backstage/backend-plugin-api';
import { isResourcePermission } from '@backstage/plugin-permission-common';
import {
  ENTERPRISE_ACCOUNT_RESOURCE_TYPE,
  ENTERPRISE_TENANT_RESOURCE_TYPE,
  enterpriseConsolePermissions,
} from '@internal/plugin-enterprise-console-common';
import {
  EnterpriseAccountResource,
  enterpriseAccountPermissionResourceRef,
  enterpriseAccountPermissionRules,
  EnterpriseTenantResource,
  enterpriseTenantPermissionResourceRef,
  enterpriseTenantPermissionRules,
} from '@internal/plugin-enterprise-console-node';
import { Knex } from 'knex';
import { readBoolean } from '../database/columns';

/** Large enough for any batch the permission backend sends, small enough for every dialect's bind limit. */
const CHUNK = 500;

async function inChunks<T>(
  ids: string[],
  load: (chunk: string[]) => Promise<T[]>,
): Promise<T[]> {
  const rows: T[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) {
    rows.push(...(await load(ids.slice(i, i + CHUNK))));
  }
  return rows;
}

function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(key(row)) ?? [];
    group.push(row);
    groups.set(key(row), group);
  }
  return groups;
}

/** Accounts as the rules see them, in the order of `ids`; unknown ids give undefined. */
export async function loadAccountResources(
  db: Knex,
  ids: string[],
): Promise<Array<EnterpriseAccountResource | undefined>> {
  const [accounts, admins] = await Promise.all([
    inChunks(ids, chunk =>
      db('accounts').select('id', 'enterprise').whereIn('id', chunk),
    ),
    inChunks(ids, chunk =>
      db('account_admins')
        .select('account_id', 'ref')
        .whereIn('account_id', chunk),
    ),
  ]);
  const byId = new Map(accounts.map(row => [row.id as string, row]));
  const adminsById = groupBy(admins, row => row.account_id);
  return ids.map(id => {
    const row = byId.get(id);
    return row
      ? {
          id,
          enterprise: readBoolean(row.enterprise),
          adminRefs: (adminsById.get(id) ?? []).map(a => a.ref as string),
        }
      : undefined;
  });
}

/** Tenants as the rules see them, in the order of `ids`; unknown ids give undefined. */
export async function loadTenantResources(
  db: Knex,
  ids: string[],
): Promise<Array<EnterpriseTenantResource | undefined>> {
  const [tenants, features, members] = await Promise.all([
    inChunks(ids, chunk =>
      db('tenants').select('id', 'account_id', 'edition').whereIn('id', chunk),
    ),
    inChunks(ids, chunk =>
      db('tenant_features')
        .select('tenant_id', 'feature')
        .whereIn('tenant_id', chunk),
    ),
    inChunks(ids, chunk =>
      db('users')
        .select('tenant_id', 'username', 'email', 'role')
        .whereIn('tenant_id', chunk)
        .where('status', 'active'),
    ),
  ]);
  const accountIds = [...new Set(tenants.map(t => t.account_id as string))];
  const admins = await inChunks(accountIds, chunk =>
    db('account_admins')
      .select('account_id', 'ref')
      .whereIn('account_id', chunk),
  );
  const byId = new Map(tenants.map(row => [row.id as string, row]));
  const featuresById = groupBy(features, row => row.tenant_id);
  const membersById = groupBy(members, row => row.tenant_id);
  const adminsByAccount = groupBy(admins, row => row.account_id);
  const lower = (value: string | null) =>
    value === null || value === undefined ? undefined : value.toLowerCase();
  return ids.map(id => {
    const row = byId.get(id);
    if (!row) {
      return undefined;
    }
    return {
      id,
      accountId: row.account_id,
      accountAdminRefs: (adminsByAccount.get(row.account_id) ?? []).map(
        a => a.ref as string,
      ),
      edition: row.edition ?? undefined,
      features: (featuresById.get(id) ?? []).map(f => f.feature as string),
      members: (membersById.get(id) ?? []).map(m => ({
        username: (m.username as string).toLowerCase(),
        email: lower(m.email),
        role: lower(m.role),
      })),
    };
  });
}

/**
 * Registers the permissions, the two resource types with their rules, and
 * the loaders the permission framework uses to check a single resource.
 * Must run in init, before the plugin starts.
 */
export function registerResourceTypes(
  registry: PermissionsRegistryService,
  db: Knex,
): void {
  const ofType = (type: string) =>
    enterpriseConsolePermissions.filter(
      p => isResourcePermission(p) && p.resourceType === type,
    );
  registry.addPermissions(
    enterpriseConsolePermissions.filter(p => !isResourcePermission(p)),
  );
  registry.addResourceType({
    resourceRef: enterpriseAccountPermissionResourceRef,
    permissions: ofType(ENTERPRISE_ACCOUNT_RESOURCE_TYPE),
    rules: Object.values(enterpriseAccountPermissionRules),
    getResources: ids => loadAccountResources(db, ids),
  });
  registry.addResourceType({
    resourceRef: enterpriseTenantPermissionResourceRef,
    permissions: ofType(ENTERPRISE_TENANT_RESOURCE_TYPE),
    rules: Object.values(enterpriseTenantPermissionRules),
    getResources: ids => loadTenantResources(db, ids),
  });
}
