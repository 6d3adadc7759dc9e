import { ConflictError } from '@backstage/errors';
import {
  BillingPlan,
  BillingPlanInput,
} from '@internal/plugin-enterprise-console-common';
import { Knex } from 'knex';
import { readBoolean, readStringArray } from '../../database/columns';
import { isUniqueViolation } from '../../database/isUniqueViolation';
import { TimeColumn } from '../../database/timeColumn';
import { formatMoney, fromCents, parseMoney, toCents } from '../../lib/money';

interface PlanRow {
  plan_id: string;
  version: number | string;
  name: string;
  edition: string;
  monthly_fee_cents: number | string | null;
  annual_monthly_price_cents: number | string | null;
  included_users: number | null;
  extra_user_fee_cents: number | string | null;
  included_sms: number | null;
  features: string;
  support_level: string;
  baa: boolean | number;
  visibility: BillingPlan['visibility'];
  config_digest: string | null;
  created_at: TimeColumn;
  created_by: string;
  updated_at: TimeColumn;
}

/** The pricing terms: a change to any of them makes a new version. */
const PRICING_COLUMNS = [
  'monthly_fee_cents',
  'annual_monthly_price_cents',
  'included_users',
  'extra_user_fee_cents',
  'included_sms',
] as const;

const money = (cents: number | string | null) =>
  cents === null ? null : formatMoney(fromCents(cents));

const cents = (amount: string | null | undefined) =>
  amount === null || amount === undefined
    ? null
    : toCents(parseMoney(amount)!).toString();

function toPlan(row: PlanRow): BillingPlan {
  const annual = money(row.annual_monthly_price_cents);
  return {
    id: row.plan_id,
    version: Number(row.version),
    name: row.name,
    edition: row.edition,
    monthlyFee: money(row.monthly_fee_cents),
    ...(annual === null ? {} : { annualMonthlyPrice: annual }),
    includedUsers: row.included_users,
    extraUserFee: money(row.extra_user_fee_cents),
    includedSms: row.included_sms,
    features: readStringArray(row.features),
    supportLevel: row.support_level,
    baa: readBoolean(row.baa),
    visibility: row.visibility,
  };
}

/** The columns a plan's fields are written to. */
function pricingColumns(input: BillingPlanInput) {
  return {
    monthly_fee_cents: cents(input.monthlyFee),
    annual_monthly_price_cents: cents(input.annualMonthlyPrice),
    included_users: input.includedUsers,
    extra_user_fee_cents: cents(input.extraUserFee),
    included_sms: input.includedSms,
  };
}

function descriptiveColumns(input: BillingPlanInput) {
  return {
    name: input.name,
    edition: input.edition,
    features: JSON.stringify(input.features),
    support_level: input.supportLevel,
    baa: input.baa,
    visibility: input.visibility,
  };
}

/** Same value, whatever shape the driver handed back (bigint strings, 0/1). */
const same = (a: unknown, b: unknown) =>
  (a === null || a === undefined ? null : String(a)) ===
  (b === null || b === undefined ? null : String(b));

/** How a write changed the catalogue. */
export type PlanWriteOutcome =
  | 'created'
  | 'versioned'
  | 'updated'
  | 'unchanged';

/** The outcome of {@link PlanStore.write}, with the plan before and after. */
export interface PlanWrite {
  outcome: PlanWriteOutcome;
  before?: BillingPlan;
  after: BillingPlan;
}

/**
 * The plan catalogue (`billing_plans`), one row per version. A change of a
 * pricing term (fees, annual price, included users or SMS) adds a version,
 * so a subscription keeps paying the version it names; descriptive fields
 * (name, edition, features, support level, BAA, visibility) apply to every
 * version of the plan, so a feature added to a plan reaches all its
 * subscribers.
 */
export class PlanStore {
  constructor(
    private readonly db: Knex,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The newest version of each plan, in the catalogue's order. */
  async listCurrent(options: {
    visibilities: ReadonlyArray<BillingPlan['visibility']>;
  }): Promise<BillingPlan[]> {
    const rows: PlanRow[] = await this.db('billing_plans as p')
      .whereIn('p.visibility', options.visibilities)
      .where(
        'p.version',
        this.db('billing_plans as v')
          .max('v.version')
          .where('v.plan_id', this.db.ref('p.plan_id')),
      )
      // Priced plans by fee, then by-contract ones (a null fee), then by id.
      // (knex's `nulls: 'last'` drops the column itself on SQLite.)
      .orderByRaw('case when p.monthly_fee_cents is null then 1 else 0 end')
      .orderBy('p.monthly_fee_cents', 'asc')
      .orderBy('p.plan_id', 'asc');
    return rows.map(toPlan);
  }

  /** A plan's newest version, or the version asked for. */
  async get(
    planId: string,
    version?: number,
    db: Knex = this.db,
  ): Promise<BillingPlan | undefined> {
    const row = await this.row(db, planId, version);
    return row && toPlan(row);
  }

  private async row(
    db: Knex,
    planId: string,
    version?: number,
  ): Promise<PlanRow | undefined> {
    const query = db<PlanRow>('billing_plans').where({ plan_id: planId });
    return version === undefined
      ? query.orderBy('version', 'desc').first()
      : query.where({ version }).first();
  }

  /**
   * Creates or changes a plan (see the class). With `configDigest` the write
   * comes from config at start: it is skipped while the plan's newest version
   * already took that digest, so a restart does not undo edits made since
   * through the API.
   */
  async write(
    planId: string,
    input: BillingPlanInput,
    options: { actor: string; configDigest?: string },
  ): Promise<PlanWrite> {
    try {
      return await this.db.transaction(async trx => {
        const current = await this.row(trx, planId);
        const now = this.now();
        const pricing = pricingColumns(input);
        const descriptive = descriptiveColumns(input);
        if (!current) {
          await trx('billing_plans').insert({
            plan_id: planId,
            version: 1,
            ...pricing,
            ...descriptive,
            config_digest: options.configDigest ?? null,
            created_at: now,
            created_by: options.actor,
            updated_at: now,
          });
          return {
            outcome: 'created' as const,
            after: (await this.get(planId, 1, trx))!,
          };
        }
        const before = toPlan(current);
        if (
          options.configDigest !== undefined &&
          current.config_digest === options.configDigest
        ) {
          return { outcome: 'unchanged' as const, before, after: before };
        }
        const repriced = PRICING_COLUMNS.some(
          column => !same(current[column], pricing[column]),
        );
        const redescribed =
          before.name !== input.name ||
          before.edition !== input.edition ||
          before.supportLevel !== input.supportLevel ||
          before.baa !== input.baa ||
          before.visibility !== input.visibility ||
          JSON.stringify(before.features) !== JSON.stringify(input.features);
        // An API write keeps the digest config last wrote, so only a change
        // of the config entry itself overrides it at the next start.
        const digest = {
          config_digest: options.configDigest ?? current.config_digest,
        };
        if (redescribed) {
          await trx('billing_plans')
            .where({ plan_id: planId })
            .update({ ...descriptive, updated_at: now });
        }
        if (repriced) {
          const version = Number(current.version) + 1;
          await trx('billing_plans').insert({
            plan_id: planId,
            version,
            ...pricing,
            ...descriptive,
            ...digest,
            created_at: now,
            created_by: options.actor,
            updated_at: now,
          });
          return {
            outcome: 'versioned' as const,
            before,
            after: (await this.get(planId, version, trx))!,
          };
        }
        await trx('billing_plans')
          .where({ plan_id: planId, version: current.version })
          .update(digest);
        return {
          outcome: redescribed ? ('updated' as const) : ('unchanged' as const),
          before,
          after: (await this.get(planId, undefined, trx))!,
        };
      });
    } catch (error) {
      // Two writers added the same version at once: the later one retries.
      if (isUniqueViolation(error)) {
        throw new ConflictError(
          `Plan ${planId} was changed at the same time; send the change again`,
        );
      }
      throw error;
    }
  }
}
