import { BillingPlan } from '@internal/plugin-enterprise-console-common';
import { Knex } from 'knex';
import { TenantStore } from '../../tenants';

const TABLE = 'tenant_features';

/** What a tenant is billed as: the tenants columns and its feature keys. */
export interface TenantEntitlements {
  planId: string | null;
  edition: string | null;
  status: string | null;
  /** Sorted. */
  features: string[];
}

/** What {@link EntitlementStore.follow} changed for one tenant. */
export interface FeatureSwitch {
  tenantId: string;
  before: TenantEntitlements;
  after: TenantEntitlements;
  /** Features the tenant had and lost (sorted). */
  switchedOff: string[];
  /** Features the tenant gained (sorted). */
  switchedOn: string[];
}

/** Whether a follow changed anything the tenant is billed or gated by. */
export function changedAnything(change: FeatureSwitch): boolean {
  return JSON.stringify(change.before) !== JSON.stringify(change.after);
}

const sorted = (values: readonly string[]) => [...new Set(values)].sort();

/**
 * The entitlements of tenants (`tenant_features`, the only writer), which
 * the HAS_FEATURE rule filters by, together with the plan, edition and
 * billing status the tenants store records. A downgrade deletes rows of
 * this table only: the tenant's data stays, so an upgrade switches the
 * same features back on.
 */
export class EntitlementStore {
  constructor(
    private readonly db: Knex,
    private readonly tenants: TenantStore,
  ) {}

  /** A tenant's granted features, sorted. */
  async features(tenantId: string, db: Knex = this.db): Promise<string[]> {
    const rows: Array<{ feature: string }> = await db(TABLE)
      .select('feature')
      .where({ tenant_id: tenantId })
      .orderBy('feature');
    return rows.map(row => row.feature);
  }

  /** What a tenant is billed as now; undefined for an unknown tenant. */
  async current(
    tenantId: string,
    db: Knex = this.db,
  ): Promise<TenantEntitlements | undefined> {
    const row:
      | {
          plan_id: string | null;
          edition: string | null;
          status: string | null;
        }
      | undefined = await db('tenants')
      .select('plan_id', 'edition', 'status')
      .where({ id: tenantId })
      .first();
    if (!row) {
      return undefined;
    }
    return {
      planId: row.plan_id,
      edition: row.edition,
      status: row.status,
      features: await this.features(tenantId, db),
    };
  }

  /**
   * Makes a tenant follow its active subscription, inside the caller's
   * transaction (which holds the tenant's row lock): its plan, edition and
   * status (through the tenants store) and its features become the plan's.
   * Returns what changed, so that hooks run once the caller has committed.
   */
  async follow(
    tx: Knex.Transaction,
    tenantId: string,
    state: { plan: BillingPlan; status: string },
  ): Promise<FeatureSwitch> {
    const before = (await this.current(tenantId, tx)) ?? {
      planId: null,
      edition: null,
      status: null,
      features: [],
    };
    const after: TenantEntitlements = {
      planId: state.plan.id,
      edition: state.plan.edition,
      status: state.status,
      features: sorted(state.plan.features),
    };
    if (
      before.planId !== after.planId ||
      before.edition !== after.edition ||
      before.status !== after.status
    ) {
      await this.tenants.setBillingState(
        tenantId,
        {
          planId: after.planId!,
          edition: after.edition!,
          status: after.status!,
        },
        tx,
      );
    }
    const switchedOff = before.features.filter(
      f => !after.features.includes(f),
    );
    const switchedOn = after.features.filter(f => !before.features.includes(f));
    if (switchedOff.length > 0) {
      await tx(TABLE)
        .where({ tenant_id: tenantId })
        .whereIn('feature', switchedOff)
        .delete();
    }
    if (switchedOn.length > 0) {
      await tx(TABLE).insert(
        switchedOn.map(feature => ({ tenant_id: tenantId, feature })),
      );
    }
    return { tenantId, before, after, switchedOff, switchedOn };
  }
}
