import { ConflictError, NotFoundError } from '@backstage/errors';
import { BillingApplication } from '@internal/plugin-enterprise-console-common';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { readOptionalTimestamp, readTimestamp } from '../../database/columns';
import { isUniqueViolation } from '../../database/isUniqueViolation';
import { TimeColumn } from '../../database/timeColumn';
import { PermissionFilter } from '../../permissions/criteriaToKnex';
import { NewApplication } from './applicationInput';

const TABLE = 'billing_applications';

interface ApplicationRow {
  id: string;
  tenant_id: string;
  account_id: string;
  kind: BillingApplication['kind'];
  plan_id: string;
  organisation: string | null;
  reason: string | null;
  expected_users: number | string | null;
  pilot_months: number | string | null;
  integration_description: string | null;
  status: BillingApplication['status'];
  applicant: string;
  created_at: TimeColumn;
  decided_at: TimeColumn | null;
  decided_by: string | null;
  rejection_reason: string | null;
  subscription_id: string | null;
}

/** Leaves out a field whose column is null, as the API omits it. */
function optional<K extends string, V>(
  key: K,
  value: V | null,
): { [key in K]?: V } {
  return (value === null ? {} : { [key]: value }) as { [key in K]?: V };
}

function toApplication(row: ApplicationRow): BillingApplication {
  const decidedAt = readOptionalTimestamp(row.decided_at);
  return {
    id: row.id,
    tenantId: row.tenant_id,
    accountId: row.account_id,
    kind: row.kind,
    planId: row.plan_id,
    ...optional('organisation', row.organisation),
    ...optional('reason', row.reason),
    ...optional(
      'expectedUsers',
      row.expected_users === null ? null : Number(row.expected_users),
    ),
    ...optional(
      'pilotMonths',
      row.pilot_months === null ? null : Number(row.pilot_months),
    ),
    ...optional('integrationDescription', row.integration_description),
    status: row.status,
    applicant: row.applicant,
    createdAt: readTimestamp(row.created_at),
    ...(decidedAt === undefined ? {} : { decidedAt }),
    ...optional('decidedBy', row.decided_by),
    ...optional('rejectionReason', row.rejection_reason),
    ...optional('subscriptionId', row.subscription_id),
  };
}

/** What a list may be narrowed to (the query's filters). */
export interface ApplicationListFilter {
  status?: BillingApplication['status'];
  accountId?: string;
  tenantId?: string;
}

/** A decision on a pending application, before and after. */
export interface ApplicationDecision<T = undefined> {
  before: BillingApplication;
  after: BillingApplication;
  /** What the decision made on the way, inside the same transaction. */
  made: T;
}

/**
 * The plan applications (`billing_applications`). One pending application
 * per (tenant, kind): the partial unique index of the migration refuses a
 * second whatever the code does, and a refusal is a 409. Decisions lock the
 * application's row and change only a pending one, so deciding twice, even
 * at the same time, is a 409 the second time.
 */
export class ApplicationStore {
  constructor(private readonly db: Knex) {}

  async get(id: string): Promise<BillingApplication | undefined> {
    const row = await this.db<ApplicationRow>(TABLE).where({ id }).first();
    return row && toApplication(row);
  }

  async create(
    input: NewApplication & { accountId: string },
    options: { applicant: string; now: Date },
  ): Promise<BillingApplication> {
    const id = randomUUID();
    try {
      await this.db(TABLE).insert({
        id,
        tenant_id: input.tenantId,
        account_id: input.accountId,
        kind: input.kind,
        plan_id: input.planId,
        organisation: input.kind === 'pro-bono' ? input.organisation : null,
        reason: input.kind === 'pro-bono' ? input.reason : null,
        expected_users: input.kind === 'pro-bono' ? input.expectedUsers : null,
        pilot_months: input.kind === 'pro-bono' ? input.pilotMonths : null,
        integration_description:
          input.kind === 'developer' ? input.integrationDescription : null,
        status: 'pending',
        applicant: options.applicant,
        created_at: options.now,
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new ConflictError(
          `Tenant ${input.tenantId} already has a pending ${input.kind} application`,
        );
      }
      throw error;
    }
    return (await this.get(id))!;
  }

  /**
   * Applications newest first, narrowed by `filter` and by `tenantFilter`
   * (the caller's permission on tenants, applied to the tenants table inside
   * the same query).
   */
  async list(
    filter: ApplicationListFilter,
    tenantFilter?: PermissionFilter,
  ): Promise<BillingApplication[]> {
    const query = this.db<ApplicationRow>(TABLE).select(`${TABLE}.*`);
    if (filter.status !== undefined) {
      query.where(`${TABLE}.status`, filter.status);
    }
    if (filter.accountId !== undefined) {
      query.where(`${TABLE}.account_id`, filter.accountId);
    }
    if (filter.tenantId !== undefined) {
      query.where(`${TABLE}.tenant_id`, filter.tenantId);
    }
    if (tenantFilter) {
      query.whereIn(`${TABLE}.tenant_id`, tenants => {
        tenants.select('pf_at.id').from('tenants as pf_at');
        tenantFilter(tenants, 'pf_at');
      });
    }
    const rows: ApplicationRow[] = await query
      .orderBy(`${TABLE}.created_at`, 'desc')
      .orderBy(`${TABLE}.id`, 'desc');
    return rows.map(toApplication);
  }

  /**
   * Decides a pending application in one transaction: locks its row
   * (FOR UPDATE on PostgreSQL; SQLite runs one writer at a time), refuses
   * anything but pending with a 409, runs `make` (which may write in `tx`,
   * e.g. the approval's subscription) and records the decision. When
   * `make` or the update fails, nothing of either is kept.
   */
  async decide<T>(
    id: string,
    decision: {
      status: 'approved' | 'rejected';
      decidedBy: string;
      now: Date;
      rejectionReason?: string;
    },
    make: (
      tx: Knex.Transaction,
      pending: BillingApplication,
    ) => Promise<{ made: T; planId?: string; subscriptionId?: string }>,
  ): Promise<ApplicationDecision<T>> {
    return this.db.transaction(async tx => {
      const query = tx<ApplicationRow>(TABLE).where({ id });
      if (tx.client.config.client === 'pg') {
        query.forUpdate();
      }
      const row = await query.first();
      if (!row) {
        throw new NotFoundError(`Application ${id} not found`);
      }
      const before = toApplication(row);
      if (row.status !== 'pending') {
        throw new ConflictError(
          `Application ${id} is already ${row.status}; only a pending application can be decided`,
        );
      }
      const result = await make(tx, before);
      const updated = await tx(TABLE)
        .where({ id, status: 'pending' })
        .update({
          status: decision.status,
          decided_at: decision.now,
          decided_by: decision.decidedBy,
          rejection_reason: decision.rejectionReason ?? null,
          subscription_id: result.subscriptionId ?? null,
          ...(result.planId === undefined ? {} : { plan_id: result.planId }),
        });
      if (updated !== 1) {
        throw new ConflictError(
          `Application ${id} was decided at the same time; reload it`,
        );
      }
      const after = toApplication(
        (await tx<ApplicationRow>(TABLE).where({ id }).first())!,
      );
      return { before, after, made: result.made };
    });
  }
}
