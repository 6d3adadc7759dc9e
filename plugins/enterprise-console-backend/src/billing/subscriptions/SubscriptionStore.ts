import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  BillingPlan,
  BillingSubscription,
} from '@internal/plugin-enterprise-console-common';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { readBoolean } from '../../database/columns';
import { isUniqueViolation } from '../../database/isUniqueViolation';
import { TimeColumn } from '../../database/timeColumn';
import { TenantStore } from '../../tenants';
import { CreditStore } from '../credits/CreditStore';
import {
  EntitlementStore,
  FeatureSwitch,
} from '../entitlements/EntitlementStore';
import { PlanStore } from '../plans/PlanStore';
import { billingMonth } from '../proration';
import { changeTiming, ChangeTiming, endTiming } from './changeTiming';

/** A subscription's end moved to where a later one starts, remembering the old end for a cancel. */
const replacedEnd = (row: SubscriptionRow, newEnd: string) => ({
  end_date: newEnd,
  end_replaced: true,
  replaced_end_date: row.end_date,
});

const TABLE = 'billing_subscriptions';

interface SubscriptionRow {
  id: string;
  tenant_id: string;
  account_id: string;
  plan_id: string;
  plan_version: number | string;
  cycle: BillingSubscription['cycle'];
  start_date: string;
  end_date: string | null;
  pro_bono: BillingSubscription['proBono'];
  discount_percent: number | string | null;
  service_type: BillingSubscription['serviceType'];
  do_not_invoice: boolean | number;
  do_not_invoice_reason: string | null;
  auto_renew: boolean | number;
  created_at: TimeColumn;
  created_by: string;
  updated_at: TimeColumn;
  updated_by: string;
  /** Whether a later subscription's start replaced the end (see the migration). */
  end_replaced: boolean | number;
  /** The end before it was replaced; null: it was open-ended. */
  replaced_end_date: string | null;
}

/** A subscription's terms as the API creates it, defaults applied. */
export interface NewSubscription {
  tenantId: string;
  planId: string;
  cycle: BillingSubscription['cycle'];
  startDate: string;
  endDate?: string;
  proBono: BillingSubscription['proBono'];
  discountPercent?: number;
  serviceType: BillingSubscription['serviceType'];
  doNotInvoice: boolean;
  doNotInvoiceReason?: string;
  autoRenew: boolean;
}

/** What an ended subscription falls back to (billing.md): never to nothing. */
export const FALLBACK_PLAN_ID = 'community';

/** The terms of the fallback subscription: open-ended, full price, invoiced. */
const FALLBACK_TERMS = {
  cycle: 'monthly',
  proBono: 'full-price',
  serviceType: 'product',
  doNotInvoice: false,
  autoRenew: false,
} as const;

const FALLBACK_TERM_COLUMNS = {
  cycle: 'monthly',
  end_date: null,
  pro_bono: 'full-price',
  discount_percent: null,
  service_type: 'product',
  do_not_invoice: false,
  do_not_invoice_reason: null,
  auto_renew: false,
};

/** A subscription's state on `today` (YYYY-MM-DD): its period is `[start, end)`. */
export function subscriptionStatus(
  startDate: string,
  endDate: string | undefined,
  today: string,
): BillingSubscription['status'] {
  if (today < startDate) {
    return 'scheduled';
  }
  return endDate !== undefined && today >= endDate ? 'ended' : 'active';
}

/** The billing status the tenants list shows for an active subscription. */
export function tenantStatusOf(subscription: BillingSubscription): string {
  return subscription.serviceType === 'trial' ? 'trial' : 'active';
}

function toSubscription(
  row: SubscriptionRow,
  today: string,
): BillingSubscription {
  const endDate = row.end_date ?? undefined;
  return {
    id: row.id,
    tenantId: row.tenant_id,
    accountId: row.account_id,
    planId: row.plan_id,
    planVersion: Number(row.plan_version),
    cycle: row.cycle,
    startDate: row.start_date,
    ...(endDate === undefined ? {} : { endDate }),
    proBono: row.pro_bono,
    ...(row.discount_percent === null
      ? {}
      : { discountPercent: Number(row.discount_percent) }),
    serviceType: row.service_type,
    doNotInvoice: readBoolean(row.do_not_invoice),
    ...(row.do_not_invoice_reason === null
      ? {}
      : { doNotInvoiceReason: row.do_not_invoice_reason }),
    autoRenew: readBoolean(row.auto_renew),
    status: subscriptionStatus(row.start_date, endDate, today),
  };
}

/** A subscription a create shortened, before and after. */
export interface EndedSubscription {
  before: BillingSubscription;
  after: BillingSubscription;
}

/** The outcome of {@link SubscriptionStore.create}. */
export interface SubscriptionCreation {
  created: BillingSubscription;
  /** The subscription that was running on the new start, now ending there. */
  ended?: EndedSubscription;
  /** What the tenant's entitlements became, when the new one is active. */
  features?: FeatureSwitch;
}

/** The outcome of {@link SubscriptionStore.change}. */
export interface SubscriptionChange {
  before: BillingSubscription;
  /** The subscription changed from, now ending on the effective date. */
  current: BillingSubscription;
  /** The subscription changed to, from the effective date. */
  next: BillingSubscription;
  timing: ChangeTiming;
  /** What the tenant's entitlements became, when the change took effect today. */
  features?: FeatureSwitch;
}

/**
 * What a tenant needs on a day so that it follows its subscriptions: to
 * follow the active one, or a fallback where none is active since one ended.
 */
type DatedChange =
  | { kind: 'follow'; active: SubscriptionRow; plan: BillingPlan }
  | {
      kind: 'fallback';
      ended: SubscriptionRow;
      /** The start of a later subscription, which bounds the fallback. */
      until?: string;
    };

/** The outcome of {@link SubscriptionStore.followToday}. */
export interface DatedChangeResult {
  /** The Community subscription created where none was active. */
  fallback?: BillingSubscription;
  features: FeatureSwitch;
}

/** A plan change or an end, asked for on `requestedOn`. */
export type ChangeRequest =
  | { planId: string; requestedOn: string }
  | { end: true; requestedOn: string };

/** What a change would do: the plans, and when it takes effect. */
export interface ChangeDecision {
  from: BillingPlan;
  to: BillingPlan;
  timing: ChangeTiming;
}

/** A subscription and the plan version it pays. */
export interface PricedSubscription {
  subscription: BillingSubscription;
  plan: BillingPlan;
}

/** What {@link SubscriptionStore.previewChange} found, changing nothing. */
export interface ChangePreviewBasis extends ChangeDecision {
  current: BillingSubscription;
  /** The tenant's other subscriptions covering the effective date's month (earlier ones). */
  others: PricedSubscription[];
}

/** The outcome of {@link SubscriptionStore.cancel}. */
export interface SubscriptionCancellation {
  cancelled: BillingSubscription;
  /** The subscription before it, whose end was given back, before and after. */
  restored?: EndedSubscription;
}

/**
 * The subscriptions (`billing_subscriptions`). One subscription per tenant
 * at a time: every write locks the tenant's row first and checks, inside
 * that transaction, that periods do not overlap; the unique
 * (tenant_id, start_date) key backs it in the database (see the
 * migration). When a write makes a subscription active the tenant's plan,
 * edition and status follow it in the same transaction.
 */
export class SubscriptionStore {
  constructor(
    private readonly db: Knex,
    private readonly deps: {
      plans: PlanStore;
      tenants: TenantStore;
      entitlements: EntitlementStore;
      credits: CreditStore;
    },
  ) {}

  /**
   * Moves subscription `from`'s credits to its successor `to` of the same
   * account (billing.md: credits move to the next subscription) inside
   * the write that made `to` replace it; to the account level when there
   * is no successor. Done when the successor row is written, for a
   * scheduled change too, so the credits are where the next invoice of
   * either subscription looks for them.
   */
  private moveCredits(
    tx: Knex.Transaction,
    move: { accountId: string; from: string; to?: string },
    options: { actor: string; now: Date },
  ) {
    return this.deps.credits.transfer(tx, move, {
      author: options.actor,
      at: options.now,
    });
  }

  async get(
    id: string,
    today: string,
  ): Promise<BillingSubscription | undefined> {
    const row = await this.db<SubscriptionRow>(TABLE).where({ id }).first();
    return row && toSubscription(row, today);
  }

  /** A tenant's or an account's subscriptions, newest start first. */
  async list(
    of: { tenantId: string } | { accountId: string },
    today: string,
  ): Promise<BillingSubscription[]> {
    const rows: SubscriptionRow[] = await this.db<SubscriptionRow>(TABLE)
      .where(
        'tenantId' in of
          ? { tenant_id: of.tenantId }
          : { account_id: of.accountId },
      )
      .orderBy('start_date', 'desc')
      .orderBy('tenant_id', 'asc')
      .orderBy('id', 'asc');
    return rows.map(row => toSubscription(row, today));
  }

  /**
   * Subscribes a tenant to the newest version of a plan. A subscription
   * running on the new start ends there (its end becomes the new start);
   * one starting on or after it is a conflict, as the caller must change
   * or end that one instead. Inside `options.tx` (a caller's transaction,
   * e.g. an application's approval) the create is a nested transaction
   * there, so both commit or neither does.
   */
  async create(
    input: NewSubscription,
    options: { actor: string; now: Date; today: string; tx?: Knex.Transaction },
  ): Promise<SubscriptionCreation> {
    const { actor, now, today } = options;
    try {
      return await (options.tx ?? this.db).transaction(async tx => {
        const tenant = await this.deps.tenants.lockInTransaction(
          tx,
          input.tenantId,
        );
        if (!tenant) {
          throw new NotFoundError(`Tenant ${input.tenantId} not found`);
        }
        const plan = await this.subscribablePlan(tx, input.planId);
        const overlapping: SubscriptionRow[] = await tx<SubscriptionRow>(TABLE)
          .where({ tenant_id: input.tenantId })
          .where(q =>
            q.whereNull('end_date').orWhere('end_date', '>', input.startDate),
          )
          .modify(q => {
            if (input.endDate !== undefined) {
              q.where('start_date', '<', input.endDate);
            }
          })
          .orderBy('start_date', 'asc');
        const later = overlapping.find(
          row => row.start_date >= input.startDate,
        );
        if (later) {
          throw new ConflictError(
            `Tenant ${input.tenantId} has a subscription starting on ${later.start_date}; change or end it instead`,
          );
        }
        let ended: EndedSubscription | undefined;
        for (const row of overlapping) {
          await tx(TABLE)
            .where({ id: row.id })
            .update({
              ...replacedEnd(row, input.startDate),
              updated_at: now,
              updated_by: actor,
            });
          ended = {
            before: toSubscription(row, today),
            after: toSubscription({ ...row, end_date: input.startDate }, today),
          };
        }
        const { created, features } = await this.insert(
          tx,
          { ...input, accountId: tenant.accountId, plan },
          options,
        );
        for (const row of overlapping) {
          if (row.account_id === tenant.accountId) {
            await this.moveCredits(
              tx,
              { accountId: row.account_id, from: row.id, to: created.id },
              options,
            );
          }
        }
        return {
          created,
          ...(ended ? { ended } : {}),
          ...(features ? { features } : {}),
        };
      });
    } catch (error) {
      // The unique (tenant_id, start_date) key: a write the lock missed.
      if (isUniqueViolation(error)) {
        throw new ConflictError(
          `Tenant ${input.tenantId} already has a subscription starting on ${input.startDate}`,
        );
      }
      throw error;
    }
  }

  /** Inserts a subscription; when it is active the tenant follows it. */
  private async insert(
    tx: Knex.Transaction,
    input: NewSubscription & { accountId: string; plan: BillingPlan },
    options: { actor: string; now: Date; today: string },
  ): Promise<{ created: BillingSubscription; features?: FeatureSwitch }> {
    const { plan } = input;
    const id = randomUUID();
    await tx(TABLE).insert({
      id,
      tenant_id: input.tenantId,
      account_id: input.accountId,
      plan_id: plan.id,
      plan_version: plan.version,
      cycle: input.cycle,
      start_date: input.startDate,
      end_date: input.endDate ?? null,
      pro_bono: input.proBono,
      discount_percent: input.discountPercent ?? null,
      service_type: input.serviceType,
      do_not_invoice: input.doNotInvoice,
      do_not_invoice_reason: input.doNotInvoiceReason ?? null,
      auto_renew: input.autoRenew,
      created_at: options.now,
      created_by: options.actor,
      updated_at: options.now,
      updated_by: options.actor,
    });
    const row = await tx<SubscriptionRow>(TABLE).where({ id }).first();
    const created = toSubscription(row!, options.today);
    if (created.status !== 'active') {
      return { created };
    }
    const features = await this.deps.entitlements.follow(tx, input.tenantId, {
      plan,
      status: tenantStatusOf(created),
    });
    return { created, features };
  }

  /** The newest version of a plan a subscription may take (404, 400 archived). */
  private async subscribablePlan(
    db: Knex,
    planId: string,
  ): Promise<BillingPlan> {
    const plan = await this.deps.plans.get(planId, undefined, db);
    if (!plan) {
      throw new NotFoundError(`Plan ${planId} not found`);
    }
    if (plan.visibility === 'archived') {
      throw new InputError(
        `Invalid subscription: planId ${planId} is archived`,
      );
    }
    return plan;
  }

  /**
   * Whether and when a change or an end of subscription `row` can be made:
   * the one decision both the change and its preview take (the 409s are
   * the same), read through `db` (the change's locked transaction, or the
   * database for a preview).
   */
  private async decide(
    db: Knex,
    row: SubscriptionRow,
    request: ChangeRequest,
  ): Promise<ChangeDecision> {
    const ending = 'end' in request;
    const { requestedOn } = request;
    if (
      requestedOn < row.start_date ||
      (row.end_date !== null && row.end_date <= requestedOn)
    ) {
      throw new ConflictError(
        `Subscription ${row.id} is not running on ${requestedOn}`,
      );
    }
    const later = await db<SubscriptionRow>(TABLE)
      .where({ tenant_id: row.tenant_id })
      .where('start_date', '>', row.start_date)
      .orderBy('start_date', 'asc')
      .first();
    if (later) {
      throw new ConflictError(
        `Tenant ${row.tenant_id} has a change starting on ${later.start_date}; cancel it first`,
      );
    }
    const from = (await this.deps.plans.get(
      row.plan_id,
      Number(row.plan_version),
      db,
    ))!;
    const to = await this.subscribablePlan(
      db,
      ending ? FALLBACK_PLAN_ID : request.planId,
    );
    if (ending && from.id === FALLBACK_PLAN_ID) {
      throw new ConflictError(
        `Subscription ${row.id} is on ${FALLBACK_PLAN_ID}, which the tenant falls back to; there is nothing to end`,
      );
    }
    if (from.id === to.id && from.version === to.version) {
      throw new ConflictError(
        `Subscription ${row.id} already pays plan ${to.id} version ${to.version}`,
      );
    }
    const changing = {
      startDate: row.start_date,
      plan: from,
      serviceType: row.service_type,
      proBono: row.pro_bono,
    };
    const timing = ending
      ? endTiming(changing, requestedOn)
      : changeTiming(changing, to, requestedOn);
    const { effectiveDate } = timing;
    if (row.end_date !== null && row.end_date <= effectiveDate) {
      throw new ConflictError(
        `Subscription ${row.id} ends on ${row.end_date}, before the change would take effect on ${effectiveDate}`,
      );
    }
    return { from, to, timing };
  }

  /**
   * Changes a subscription to the newest version of another plan, asked
   * for on `requestedOn`, when changeTiming says: the current subscription
   * ends on the effective date and the next, on the same terms, starts
   * there (a scheduled change when that is later than today). A change on
   * the subscription's first day changes its plan in place. The tenant's
   * row lock serializes concurrent changes: the second sees the first's
   * next subscription and is a 409.
   */
  async change(
    id: string,
    request: ChangeRequest,
    options: { actor: string; now: Date; today: string },
  ): Promise<SubscriptionChange> {
    const ending = 'end' in request;
    const { actor, now, today } = options;
    const found = await this.db<SubscriptionRow>(TABLE).where({ id }).first();
    if (!found) {
      throw new NotFoundError(`Subscription ${id} not found`);
    }
    try {
      return await this.db.transaction(async tx => {
        await this.deps.tenants.lockInTransaction(tx, found.tenant_id);
        const row = await tx<SubscriptionRow>(TABLE).where({ id }).first();
        if (!row) {
          // Cancelled while this change waited for the lock.
          throw new NotFoundError(`Subscription ${id} not found`);
        }
        const current = toSubscription(row, today);
        const { to, timing } = await this.decide(tx, row, request);
        const { effectiveDate } = timing;
        const stamp = { updated_at: now, updated_by: actor };
        if (effectiveDate === row.start_date) {
          await tx(TABLE)
            .where({ id })
            .update({
              plan_id: to.id,
              plan_version: to.version,
              ...(ending ? FALLBACK_TERM_COLUMNS : {}),
              ...stamp,
            });
          const changed = toSubscription(
            (await tx<SubscriptionRow>(TABLE).where({ id }).first())!,
            today,
          );
          const features =
            changed.status === 'active'
              ? await this.deps.entitlements.follow(tx, row.tenant_id, {
                  plan: to,
                  status: tenantStatusOf(changed),
                })
              : undefined;
          return {
            before: current,
            current: changed,
            next: changed,
            timing,
            ...(features ? { features } : {}),
          };
        }
        await tx(TABLE)
          .where({ id })
          .update({ ...replacedEnd(row, effectiveDate), ...stamp });
        const ended = toSubscription(
          { ...row, end_date: effectiveDate },
          today,
        );
        const { created: next, features } = await this.insert(
          tx,
          ending
            ? {
                tenantId: row.tenant_id,
                accountId: row.account_id,
                plan: to,
                planId: to.id,
                startDate: effectiveDate,
                ...FALLBACK_TERMS,
              }
            : {
                tenantId: row.tenant_id,
                accountId: row.account_id,
                plan: to,
                planId: to.id,
                cycle: row.cycle,
                startDate: effectiveDate,
                ...(row.end_date === null ? {} : { endDate: row.end_date }),
                proBono: row.pro_bono,
                ...(current.discountPercent === undefined
                  ? {}
                  : { discountPercent: current.discountPercent }),
                serviceType: row.service_type,
                doNotInvoice: current.doNotInvoice,
                ...(current.doNotInvoiceReason === undefined
                  ? {}
                  : { doNotInvoiceReason: current.doNotInvoiceReason }),
                autoRenew: current.autoRenew,
              },
          options,
        );
        await this.moveCredits(
          tx,
          { accountId: row.account_id, from: row.id, to: next.id },
          options,
        );
        return {
          before: current,
          current: ended,
          next,
          timing,
          ...(features ? { features } : {}),
        };
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new ConflictError(
          `Subscription ${id} was changed at the same time; send the change again`,
        );
      }
      throw error;
    }
  }

  /**
   * What {@link SubscriptionStore.change} would decide for `request`,
   * changing nothing (no lock: a preview may race a change, which then
   * decides again), with what an estimate of the effective date's month
   * needs: the plans and the tenant's other subscriptions of that month.
   */
  async previewChange(
    id: string,
    request: { planId: string; requestedOn: string },
    today: string,
  ): Promise<ChangePreviewBasis> {
    const row = await this.db<SubscriptionRow>(TABLE).where({ id }).first();
    if (!row) {
      throw new NotFoundError(`Subscription ${id} not found`);
    }
    const decision = await this.decide(this.db, row, request);
    const month = billingMonth(decision.timing.effectiveDate.slice(0, 7));
    const rows: SubscriptionRow[] = await this.db<SubscriptionRow>(TABLE)
      .where({ tenant_id: row.tenant_id })
      .whereNot({ id })
      .where('start_date', '<', month.end)
      .where(q => q.whereNull('end_date').orWhere('end_date', '>', month.start))
      .orderBy('start_date', 'asc');
    const others: PricedSubscription[] = [];
    for (const other of rows) {
      others.push({
        subscription: toSubscription(other, today),
        plan: (await this.deps.plans.get(
          other.plan_id,
          Number(other.plan_version),
        ))!,
      });
    }
    return { ...decision, current: toSubscription(row, today), others };
  }

  /**
   * Cancels a scheduled subscription: deletes it and gives the one before
   * it (ending on its start) back the end it had before its end was
   * replaced. Only the tenant's last subscription can go, so the restored
   * end overlaps nothing; serialized on the tenant's row lock.
   */
  async cancel(
    id: string,
    options: { actor: string; now: Date; today: string },
  ): Promise<SubscriptionCancellation> {
    const { actor, now, today } = options;
    const found = await this.db<SubscriptionRow>(TABLE).where({ id }).first();
    if (!found) {
      throw new NotFoundError(`Subscription ${id} not found`);
    }
    return this.db.transaction(async tx => {
      await this.deps.tenants.lockInTransaction(tx, found.tenant_id);
      const row = await tx<SubscriptionRow>(TABLE).where({ id }).first();
      if (!row) {
        throw new NotFoundError(`Subscription ${id} not found`);
      }
      if (row.start_date <= today) {
        throw new ConflictError(
          `Subscription ${id} started on ${row.start_date}; only a scheduled subscription can be cancelled`,
        );
      }
      const later = await tx<SubscriptionRow>(TABLE)
        .where({ tenant_id: row.tenant_id })
        .where('start_date', '>', row.start_date)
        .orderBy('start_date', 'asc')
        .first();
      if (later) {
        throw new ConflictError(
          `Tenant ${row.tenant_id} has a subscription starting on ${later.start_date}; cancel it first`,
        );
      }
      const predecessor = await tx<SubscriptionRow>(TABLE)
        .where({ tenant_id: row.tenant_id, end_date: row.start_date })
        .first();
      await tx(TABLE).where({ id }).delete();
      // Its credits go back where they came from, or to the account.
      await this.moveCredits(
        tx,
        {
          accountId: row.account_id,
          from: id,
          ...(predecessor?.account_id === row.account_id
            ? { to: predecessor.id }
            : {}),
        },
        options,
      );
      const cancelled = toSubscription(row, today);
      if (!predecessor || !readBoolean(predecessor.end_replaced)) {
        return { cancelled };
      }
      const restoredColumns = {
        end_date: predecessor.replaced_end_date,
        end_replaced: false,
        replaced_end_date: null,
      };
      await tx(TABLE)
        .where({ id: predecessor.id })
        .update({ ...restoredColumns, updated_at: now, updated_by: actor });
      return {
        cancelled,
        restored: {
          before: toSubscription(predecessor, today),
          after: toSubscription({ ...predecessor, ...restoredColumns }, today),
        },
      };
    });
  }

  /**
   * Extends an implementation-bundle subscription to a later (exclusive)
   * end, keeping its plan version and terms; refused while a subscription
   * starts before the new end, which would overlap.
   */
  async extend(
    id: string,
    endDate: string,
    options: { actor: string; now: Date; today: string },
  ): Promise<EndedSubscription> {
    const { actor, now, today } = options;
    const found = await this.db<SubscriptionRow>(TABLE).where({ id }).first();
    if (!found) {
      throw new NotFoundError(`Subscription ${id} not found`);
    }
    return this.db.transaction(async tx => {
      await this.deps.tenants.lockInTransaction(tx, found.tenant_id);
      const row = await tx<SubscriptionRow>(TABLE).where({ id }).first();
      if (!row) {
        throw new NotFoundError(`Subscription ${id} not found`);
      }
      if (row.service_type !== 'implementation') {
        throw new ConflictError(
          `Subscription ${id} is of service type ${row.service_type}; only implementation subscriptions are extended`,
        );
      }
      if (row.end_date === null) {
        throw new ConflictError(
          `Subscription ${id} is open-ended; there is no end to extend`,
        );
      }
      if (row.end_date <= today) {
        throw new ConflictError(`Subscription ${id} ended on ${row.end_date}`);
      }
      if (endDate <= row.end_date) {
        throw new ConflictError(
          `Subscription ${id} ends on ${row.end_date}; the new end must be later`,
        );
      }
      const later = await tx<SubscriptionRow>(TABLE)
        .where({ tenant_id: row.tenant_id })
        .where('start_date', '>=', row.end_date)
        .where('start_date', '<', endDate)
        .orderBy('start_date', 'asc')
        .first();
      if (later) {
        throw new ConflictError(
          `Tenant ${row.tenant_id} has a subscription starting on ${later.start_date}; cancel it first`,
        );
      }
      await tx(TABLE)
        .where({ id })
        .update({ end_date: endDate, updated_at: now, updated_by: actor });
      return {
        before: toSubscription(row, today),
        after: toSubscription({ ...row, end_date: endDate }, today),
      };
    });
  }

  /**
   * The subscriptions covering any day of `[start, end)` (the invoice run's
   * month), each with the plan version it pays, by tenant and start.
   */
  async coveringPeriod(
    start: string,
    end: string,
    today: string,
  ): Promise<PricedSubscription[]> {
    const rows: SubscriptionRow[] = await this.db<SubscriptionRow>(TABLE)
      .where('start_date', '<', end)
      .where(q => q.whereNull('end_date').orWhere('end_date', '>', start))
      .orderBy('tenant_id', 'asc')
      .orderBy('start_date', 'asc')
      .orderBy('id', 'asc');
    const plans = new Map<string, BillingPlan>();
    const priced: PricedSubscription[] = [];
    for (const row of rows) {
      const key = `${row.plan_id}@${row.plan_version}`;
      let plan = plans.get(key);
      if (!plan) {
        plan = await this.deps.plans.get(row.plan_id, Number(row.plan_version));
        if (!plan) {
          throw new Error(`Plan ${key} of subscription ${row.id} not found`);
        }
        plans.set(key, plan);
      }
      priced.push({ subscription: toSubscription(row, today), plan });
    }
    return priced;
  }

  /**
   * Tenants with subscriptions, by id, `limit` after `after`: the dated
   * changes task walks them page by page.
   */
  async tenantIdsPage(after: string | undefined, limit: number) {
    const rows: Array<{ tenant_id: string }> = await this.db(TABLE)
      .distinct('tenant_id')
      .modify(q => {
        if (after !== undefined) {
          q.where('tenant_id', '>', after);
        }
      })
      .orderBy('tenant_id')
      .limit(limit);
    return rows.map(row => row.tenant_id);
  }

  /**
   * What a tenant needs on `today` to follow its subscriptions, or
   * undefined when it already does (or has only subscriptions to come).
   */
  private async datedChange(
    db: Knex,
    tenantId: string,
    today: string,
  ): Promise<DatedChange | undefined> {
    const rows: SubscriptionRow[] = await db<SubscriptionRow>(TABLE)
      .where({ tenant_id: tenantId })
      .orderBy('start_date', 'asc');
    const active = rows.find(
      row =>
        subscriptionStatus(row.start_date, row.end_date ?? undefined, today) ===
        'active',
    );
    if (!active) {
      const ended = rows
        .filter(row => row.end_date !== null && row.end_date <= today)
        .sort((a, b) => (a.end_date! < b.end_date! ? -1 : 1))
        .pop();
      if (!ended) {
        return undefined;
      }
      const until = rows.find(row => row.start_date > today)?.start_date;
      return { kind: 'fallback', ended, ...(until ? { until } : {}) };
    }
    const plan = (await this.deps.plans.get(
      active.plan_id,
      Number(active.plan_version),
      db,
    ))!;
    const current = await this.deps.entitlements.current(tenantId, db);
    const status = tenantStatusOf(toSubscription(active, today));
    const features = [...new Set(plan.features)].sort();
    if (
      current &&
      current.planId === plan.id &&
      current.edition === plan.edition &&
      current.status === status &&
      JSON.stringify(current.features) === JSON.stringify(features)
    ) {
      return undefined;
    }
    return { kind: 'follow', active, plan };
  }

  /** Whether {@link SubscriptionStore.followToday} would change the tenant. */
  async needsDatedChange(tenantId: string, today: string): Promise<boolean> {
    return (await this.datedChange(this.db, tenantId, today)) !== undefined;
  }

  /**
   * Makes a tenant follow its subscriptions on `today` (billing.md): the
   * subscription active today decides its plan, edition, status and
   * features (a scheduled change whose day came, a plan whose features
   * changed); where none is active because one ended, an open-ended
   * Community subscription starts on that end (bounded by a later
   * subscription), never nothing. Undefined when there was nothing to do,
   * so a second run on a day changes nothing.
   */
  async followToday(
    tenantId: string,
    options: { actor: string; now: Date; today: string },
  ): Promise<DatedChangeResult | undefined> {
    const { today } = options;
    return this.db.transaction(async tx => {
      const tenant = await this.deps.tenants.lockInTransaction(tx, tenantId);
      const change = tenant && (await this.datedChange(tx, tenantId, today));
      if (!change) {
        return undefined;
      }
      if (change.kind === 'follow') {
        const features = await this.deps.entitlements.follow(tx, tenantId, {
          plan: change.plan,
          status: tenantStatusOf(toSubscription(change.active, today)),
        });
        return { features };
      }
      const plan = await this.subscribablePlan(tx, FALLBACK_PLAN_ID);
      const { created, features } = await this.insert(
        tx,
        {
          tenantId,
          accountId: tenant!.accountId,
          plan,
          planId: plan.id,
          startDate: change.ended.end_date!,
          ...(change.until ? { endDate: change.until } : {}),
          ...FALLBACK_TERMS,
        },
        options,
      );
      if (change.ended.account_id === tenant!.accountId) {
        await this.moveCredits(
          tx,
          {
            accountId: change.ended.account_id,
            from: change.ended.id,
            to: created.id,
          },
          options,
        );
      }
      return { fallback: created, features: features! };
    });
  }
}
