import { isDatabaseConflictError } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import { Knex } from 'knex';
import {
  Page,
  Tenant,
  TenantSortKey,
} from '@internal/plugin-enterprise-console-common';
import { readCount, readTimestamp } from '../database/columns';
import {
  KeyKind,
  Keyset,
  KeyValue,
  readKeysetCursor,
  writeKeysetCursor,
} from '../database/keyset';
import { allowAll, PermissionFilter } from '../permissions/criteriaToKnex';
import { ValidTenant } from './schemas';
import { applyTenantListFilter, TenantListFilter } from './tenantListFilter';
import { TimeColumn } from '../database/timeColumn';

/** What the tenants list sorts by (openapi.yaml); `id` is the default. */
export type TenantSort = TenantSortKey;

interface TenantKey {
  column: string;
  kind: KeyKind;
  of: (row: TenantRow) => KeyValue;
}

const ID_KEY: TenantKey = {
  column: 'tenants.id',
  kind: 'text',
  of: row => row.id,
};

/**
 * The keys of each sort, ending with the id: unique, so the order is total
 * and keyset paging exact. Text columns sort by byte order on both
 * databases (COLLATE "C" on PostgreSQL, see the migrations).
 */
const SORT_KEYS: Record<TenantSort, TenantKey[]> = {
  id: [ID_KEY],
  name: [{ column: 'tenants.name', kind: 'text', of: row => row.name }, ID_KEY],
  createdAt: [
    {
      column: 'tenants.created_at',
      kind: 'time',
      of: row => new Date(row.created_at),
    },
    ID_KEY,
  ],
  accountId: [
    { column: 'tenants.account_id', kind: 'text', of: row => row.account_id },
    ID_KEY,
  ],
};

/** Every sort of the list, the keys SORT_KEYS covers. */
export const TENANT_SORTS = Object.keys(SORT_KEYS) as readonly TenantSort[];

interface TenantRow {
  id: string;
  account_id: string;
  name: string;
  url: string | null;
  created_at: TimeColumn;
  timezone: string;
  entity_ref: string | null;
  feed_limit: number | string;
  plan_id: string | null;
  edition: string | null;
  status: string | null;
  updated_at: TimeColumn;
}

function toTenant(row: TenantRow): Tenant {
  return {
    id: row.id,
    accountId: row.account_id,
    name: row.name,
    url: row.url ?? undefined,
    createdAt: readTimestamp(row.created_at),
    timezone: row.timezone,
    entityRef: row.entity_ref ?? undefined,
    feedLimit: Number(row.feed_limit),
    plan: row.plan_id,
    edition: row.edition,
    status: row.status,
  };
}

/** Tenants ("project spaces"), each in one account. */
export class TenantStore {
  constructor(
    private readonly db: Knex,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Creates or replaces a tenant; the caller has checked that its account
   * exists. Returns whether anything changed. `beforeReplace` sees the
   * stored tenant inside the transaction and may refuse the change by
   * throwing.
   */
  async upsert(
    tenant: ValidTenant,
    beforeReplace?: (current: Tenant) => void,
  ): Promise<'created' | 'updated' | 'unchanged'> {
    const values = {
      account_id: tenant.accountId,
      name: tenant.name,
      url: tenant.url ?? null,
      created_at: new Date(tenant.createdAt),
      timezone: tenant.timezone,
      entity_ref: tenant.entityRef ?? null,
      feed_limit: tenant.feedLimit,
    };
    return this.db.transaction(async tx => {
      const existing = await tx<TenantRow>('tenants')
        .where({ id: tenant.id })
        .first();
      const now = this.now();
      if (!existing) {
        await tx('tenants').insert({
          id: tenant.id,
          ...values,
          updated_at: now,
        });
        return 'created';
      }
      const current = toTenant(existing);
      beforeReplace?.(current);
      const same =
        current.accountId === values.account_id &&
        current.name === values.name &&
        (current.url ?? null) === values.url &&
        current.createdAt === values.created_at.toISOString() &&
        current.timezone === values.timezone &&
        (current.entityRef ?? null) === values.entity_ref &&
        current.feedLimit === values.feed_limit;
      if (same) {
        return 'unchanged';
      }
      await tx('tenants')
        .where({ id: tenant.id })
        .update({ ...values, updated_at: now });
      return 'updated';
    });
  }

  /**
   * Creates a tenant that must not exist yet (409 otherwise): creating never
   * replaces a tenant, and the primary key decides races.
   */
  async create(
    tenant: Omit<ValidTenant, 'createdAt'> & { createdAt?: string },
  ): Promise<Tenant> {
    const now = this.now();
    try {
      await this.db('tenants').insert({
        id: tenant.id,
        account_id: tenant.accountId,
        name: tenant.name,
        url: tenant.url ?? null,
        created_at: tenant.createdAt ? new Date(tenant.createdAt) : now,
        timezone: tenant.timezone,
        entity_ref: tenant.entityRef ?? null,
        feed_limit: tenant.feedLimit,
        updated_at: now,
      });
    } catch (error) {
      if (isDatabaseConflictError(error)) {
        throw new ConflictError(`Tenant ${tenant.id} already exists`);
      }
      throw error;
    }
    return (await this.get(tenant.id))!;
  }

  /** One tenant, if it exists and passes `filter` (the caller's permission). */
  async get(
    id: string,
    filter: PermissionFilter = allowAll,
  ): Promise<Tenant | undefined> {
    const query = this.db<TenantRow>('tenants')
      .select('tenants.*')
      .where('tenants.id', id);
    filter(query, 'tenants');
    const row = await query.first();
    return row ? toTenant(row) : undefined;
  }

  /**
   * One page of tenants in a sort of the list (the id breaks ties), filtered
   * inside the query so pages are never short. A cursor continues only the
   * sort and order it was written for.
   */
  async list(options: {
    limit: number;
    cursor?: string;
    sort?: TenantSort;
    order?: 'asc' | 'desc';
    filter: TenantListFilter;
    /** Which tenants the caller may list, applied inside the query. */
    permissionFilter?: PermissionFilter;
  }): Promise<Page<Tenant>> {
    const { filter, sort = 'id', order = 'asc' } = options;
    const permissionFilter = options.permissionFilter ?? allowAll;
    const filtered = (query: Knex.QueryBuilder) => {
      permissionFilter(query, 'tenants');
      return applyTenantListFilter(query, filter);
    };
    const keys = SORT_KEYS[sort];
    const keyset = new Keyset<TenantRow>(
      keys.map(key => ({ sql: this.db.ref(key.column), of: key.of })),
      order,
    );
    const after =
      options.cursor === undefined
        ? undefined
        : readKeysetCursor(
            options.cursor,
            { sort, order },
            keys.map(key => key.kind),
          );

    const page = keyset.seek(
      filtered(this.db<TenantRow>('tenants').select('tenants.*')).limit(
        options.limit + 1,
      ),
      after && { position: after },
    );
    const [rows, [{ total }]] = await Promise.all([
      page,
      filtered(this.db('tenants').count({ total: '*' })),
    ]);
    const items = (rows as TenantRow[]).slice(0, options.limit);
    return {
      items: items.map(toTenant),
      nextCursor:
        rows.length > options.limit
          ? writeKeysetCursor(keyset.positionOf(items[items.length - 1]), {
              sort,
              order,
            })
          : undefined,
      totalCount: readCount(total),
    };
  }

  /**
   * Locks a tenant's row for the rest of transaction `tx` and returns the
   * tenant, or undefined when it does not exist. Billing serializes each
   * tenant's subscription changes on this lock (FOR UPDATE on PostgreSQL;
   * SQLite runs one writing transaction at a time anyway).
   */
  async lockInTransaction(
    tx: Knex.Transaction,
    id: string,
  ): Promise<Tenant | undefined> {
    const query = tx<TenantRow>('tenants').where({ id });
    if (tx.client.config.client === 'pg') {
      query.forUpdate();
    }
    const row = await query.first();
    return row ? toTenant(row) : undefined;
  }

  /**
   * Records the plan, edition and billing status billing decided for a
   * tenant (the tenants list filters and shows them), inside billing's
   * transaction when given.
   */
  async setBillingState(
    id: string,
    state: { planId: string; edition: string; status: string },
    db: Knex = this.db,
  ): Promise<void> {
    await db('tenants').where({ id }).update({
      plan_id: state.planId,
      edition: state.edition,
      status: state.status,
      updated_at: this.now(),
    });
  }

  /**
   * A tenant's active mobile users now (billing's extra users; the invoice
   * run counts the month's last-day snapshot instead).
   */
  async activeMobileUsers(id: string): Promise<number> {
    const [{ total }] = await this.db('users')
      .count({ total: '*' })
      .where({ tenant_id: id, kind: 'mobile', status: 'active' });
    return readCount(total as number | string);
  }

  /** Which of `ids` pass `filter` (the caller's permission), in one query. */
  async passing(ids: string[], filter: PermissionFilter): Promise<Set<string>> {
    if (ids.length === 0) {
      return new Set();
    }
    const query = this.db('tenants')
      .select('tenants.id')
      .whereIn('tenants.id', ids);
    filter(query, 'tenants');
    const rows: Array<{ id: string }> = await query;
    return new Set(rows.map(row => row.id));
  }
}
