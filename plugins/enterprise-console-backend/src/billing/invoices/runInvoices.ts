import {
  AuditorService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import {
  BillingPlan,
  BillingSubscription,
} from '@internal/plugin-enterprise-console-common';
import { DateTime } from 'luxon';
import { audited } from '../../lib/audited';
import { AccountStore } from '../../tenants';
import {
  BilledSmsMessage,
  BilledSubscription,
  billingMonth,
  BillingMonth,
  coveredDays,
  extraUsersLine,
  InvoiceLineDraft,
  planFeeLines,
  smsLine,
  subscriptionMonthLines,
} from '../proration';
import { pricesOf } from '../subscriptions/changePreview';
import {
  PricedSubscription,
  SubscriptionStore,
} from '../subscriptions/SubscriptionStore';
import { InvoiceUsage } from './invoiceUsage';
import { Invoice, InvoiceStore, NewInvoice } from './InvoiceStore';

/** Id of the scheduler task, e.g. for `POST …/.backstage/scheduler/v1/tasks/{id}/trigger`. */
export const INVOICE_RUN_TASK_ID = 'enterprise-console-billing-invoice-run';

/** What one run did: invoices made, ones that existed already, failures recorded. */
export interface InvoiceRunResult {
  created: number;
  existing: number;
  failed: number;
}

/** Everything a run reads and writes. */
export interface InvoiceRunDeps {
  invoices: InvoiceStore;
  subscriptions: SubscriptionStore;
  accounts: AccountStore;
  usage: InvoiceUsage;
  logger: LoggerService;
  now: () => Date;
  /** Told of each invoice the run creates (not those that existed). */
  onCreated?: (invoice: Invoice) => void;
}

const utcDay = (date: string) => DateTime.fromISO(date, { zone: 'utc' });

function billed(subscription: BillingSubscription): BilledSubscription {
  return {
    startDate: subscription.startDate,
    ...(subscription.endDate === undefined
      ? {}
      : { endDate: subscription.endDate }),
    cycle: subscription.cycle,
    proBono: subscription.proBono,
    ...(subscription.discountPercent === undefined
      ? {}
      : { discountPercent: String(subscription.discountPercent) }),
  };
}

/** The days a subscription covers in the month, `[from, to)`. */
function coveredRange(subscription: BillingSubscription, month: BillingMonth) {
  const from =
    subscription.startDate > month.start ? subscription.startDate : month.start;
  const to =
    subscription.endDate !== undefined && subscription.endDate < month.end
      ? subscription.endDate
      : month.end;
  return { from, to };
}

/**
 * The month's first and last day, and whether the account pays
 * automatically (the insert works out the due date after credits).
 */
function invoiceDates(month: BillingMonth, autopay: boolean) {
  return {
    periodStart: month.start,
    periodEnd: utcDay(month.end).minus({ days: 1 }).toISODate()!,
    autopay,
  };
}

/** Invoices whose usage is read together (two queries a page). */
const PAGE_SIZE = 500;

/** Invoices inserted per transaction (one commit each, numbers consecutive). */
const INSERT_BATCH = 20;

/** The usage of a page's tenants, read once for all of its invoices. */
interface PageUsage {
  users: Map<string, { count: number; counted?: 'now' }>;
  sms: Map<string, BilledSmsMessage[]>;
}

async function readUsage(
  usage: InvoiceUsage,
  tenantIds: string[],
  lastDay: string,
  month: BillingMonth,
): Promise<PageUsage> {
  const ids = [...new Set(tenantIds)];
  return {
    users: await usage.activeMobileUsers(ids, lastDay),
    sms: await usage.smsMessages(ids, month.start, month.end),
  };
}

/** The users billed for tenants on the month's last day, and a note for counts taken now. */
function usersOf(
  usage: PageUsage,
  tenantIds: string[],
  lastDay: string,
  now: Date,
) {
  let count = 0;
  const countedNow: string[] = [];
  for (const tenantId of tenantIds) {
    const users = usage.users.get(tenantId);
    if (!users) {
      throw new Error(`No user count of tenant ${tenantId}`);
    }
    count += users.count;
    if (users.counted === 'now') {
      countedNow.push(tenantId);
    }
  }
  const note =
    countedNow.length === 0
      ? undefined
      : `No user-count snapshot of ${lastDay} for ${countedNow.join(
          ', ',
        )}: active mobile users were counted on ${now.toISOString()}.`;
  return { count, note };
}

/** A subscription's tenant's messages of the days it covers in the month. */
function smsOf(
  usage: PageUsage,
  subscription: BillingSubscription,
  month: BillingMonth,
): BilledSmsMessage[] {
  const { from, to } = coveredRange(subscription, month);
  const [start, end] = [`${from}T00:00:00.000Z`, `${to}T00:00:00.000Z`];
  return (usage.sms.get(subscription.tenantId) ?? []).filter(
    message => message.sentAt >= start && message.sentAt < end,
  );
}

/**
 * The invoice run of billing.md for `period` (YYYY-MM): for every
 * subscription covering a day of the month, its invoice
 * (subscriptionMonthLines), except do-not-invoice ones; for an account
 * invoiced 'consolidated', one statement instead, with per plan (version)
 * used one plan fee (of its first invoiced subscription; do-not-invoice ones
 * pay none) and the included users and SMS pooled over the account's
 * tenants on that plan. The unique key of each invoice makes a re-run
 * create nothing; one tenant or account failing is recorded with its
 * reason and the run goes on. At scale (10,000 subscriptions) the usage
 * is read a page of invoices at a time and invoices are inserted a batch
 * per transaction, numbers still gap-free.
 */
export async function runInvoices(
  deps: InvoiceRunDeps,
  period: string,
  signal?: AbortSignal,
): Promise<InvoiceRunResult> {
  const { invoices, usage, logger } = deps;
  const month = billingMonth(period);
  const lastDay = utcDay(month.end).minus({ days: 1 }).toISODate()!;
  const time = deps.now();
  const today = time.toISOString().slice(0, 10);
  const result: InvoiceRunResult = { created: 0, existing: 0, failed: 0 };
  const covering = await deps.subscriptions.coveringPeriod(
    month.start,
    month.end,
    today,
  );

  // Read once: a re-run (10,000 subscriptions) then costs no query per invoice.
  const existing = await invoices.keysOf(period);
  const accountTerms = new Map<
    string,
    { invoicing?: string; autopay: boolean }
  >();
  const termsOf = async (accountId: string) => {
    if (!accountTerms.has(accountId)) {
      const account = await deps.accounts.get(accountId);
      accountTerms.set(accountId, {
        invoicing: account?.invoicing,
        autopay: account?.autopay === true,
      });
    }
    return accountTerms.get(accountId)!;
  };

  /** One invoice to make: its key, whose it is, the tenants it bills and its lines. */
  interface Unit {
    key: string;
    accountId: string;
    tenantId?: string;
    subscriptionId?: string;
    tenantIds: string[];
    build: (
      usage: PageUsage,
    ) => Promise<Omit<NewInvoice, 'key' | 'accountId' | 'period'> | undefined>;
  }
  const units: Unit[] = [];
  const consolidated = new Map<string, PricedSubscription[]>();
  for (const priced of covering) {
    const { subscription, plan } = priced;
    if ((await termsOf(subscription.accountId)).invoicing === 'consolidated') {
      const list = consolidated.get(subscription.accountId) ?? [];
      list.push(priced);
      consolidated.set(subscription.accountId, list);
      continue;
    }
    if (subscription.doNotInvoice) {
      continue;
    }
    units.push({
      key: `subscription:${subscription.id}`,
      accountId: subscription.accountId,
      tenantId: subscription.tenantId,
      subscriptionId: subscription.id,
      tenantIds: [subscription.tenantId],
      build: async pageUsage => {
        const users = usersOf(
          pageUsage,
          [subscription.tenantId],
          lastDay,
          time,
        );
        const { lines } = subscriptionMonthLines({
          plan: pricesOf(plan),
          subscription: billed(subscription),
          month,
          activeMobileUsers: users.count,
          smsMessages: smsOf(pageUsage, subscription, month),
        });
        if (lines.length === 0) {
          return undefined;
        }
        return {
          tenantId: subscription.tenantId,
          subscriptionId: subscription.id,
          lines,
          ...invoiceDates(
            month,
            (await termsOf(subscription.accountId)).autopay,
          ),
          ...(users.note ? { note: users.note } : {}),
        };
      },
    });
  }
  for (const [accountId, subscriptions] of consolidated) {
    units.push({
      key: `account:${accountId}`,
      accountId,
      tenantIds: subscriptions.map(({ subscription }) => subscription.tenantId),
      build: async pageUsage => {
        const lines: InvoiceLineDraft[] = [];
        const notes: string[] = [];
        for (const group of byPlan(subscriptions)) {
          const built = consolidatedPlanLines(
            group,
            month,
            pageUsage,
            lastDay,
            time,
          );
          lines.push(...built.lines);
          if (built.note) {
            notes.push(built.note);
          }
        }
        if (lines.length === 0) {
          return undefined;
        }
        return {
          lines,
          // The subscription-level credits of every subscription it bills.
          billedSubscriptionIds: subscriptions.map(
            ({ subscription }) => subscription.id,
          ),
          ...invoiceDates(month, (await termsOf(accountId)).autopay),
          ...(notes.length > 0 ? { note: notes.join(' ') } : {}),
        };
      },
    });
  }

  /** Records that `unit`'s invoice failed, and the run goes on. */
  const fail = async (unit: Unit, error: unknown) => {
    result.failed += 1;
    const reason = `${(error as Error).name}: ${(error as Error).message}`;
    logger.error(`Invoice ${unit.key} of ${period} failed: ${reason}`);
    await invoices.recordFailure(
      {
        period,
        accountId: unit.accountId,
        tenantId: unit.tenantId,
        subscriptionId: unit.subscriptionId,
        reason,
      },
      deps.now(),
    );
  };

  /**
   * Inserts built invoices a batch per transaction; when the database
   * refuses a batch (an invoice it rejects, a concurrent SQLite writer),
   * one by one, so that only the invoice at fault fails.
   */
  const insert = async (built: Array<{ unit: Unit; invoice: NewInvoice }>) => {
    for (let start = 0; start < built.length; start += INSERT_BATCH) {
      signal?.throwIfAborted();
      const batch = built.slice(start, start + INSERT_BATCH);
      try {
        const counts = await invoices.insertBatch(
          batch.map(({ invoice }) => invoice),
          deps.now(),
        );
        result.created += counts.created.length;
        result.existing += counts.existing;
        counts.created.forEach(invoice => deps.onCreated?.(invoice));
        continue;
      } catch {
        // one by one below
      }
      for (const { unit, invoice } of batch) {
        try {
          const inserted = await invoices.insert(invoice, deps.now());
          if (inserted) {
            result.created += 1;
            deps.onCreated?.(inserted);
          } else {
            result.existing += 1;
          }
        } catch (error) {
          await fail(unit, error);
        }
      }
    }
  };

  // Existing invoices cost nothing; the others' usage is read a page at a
  // time. When a page's read fails, each invoice reads its own tenants', so
  // only the broken tenant's invoice fails.
  const due = units.filter(unit => !existing.has(unit.key));
  result.existing += units.length - due.length;
  for (let start = 0; start < due.length; start += PAGE_SIZE) {
    signal?.throwIfAborted();
    const page = due.slice(start, start + PAGE_SIZE);
    const shared = await readUsage(
      usage,
      page.flatMap(unit => unit.tenantIds),
      lastDay,
      month,
    ).catch(() => undefined);
    const built: Array<{ unit: Unit; invoice: NewInvoice }> = [];
    for (const unit of page) {
      try {
        const drafted = await unit.build(
          shared ?? (await readUsage(usage, unit.tenantIds, lastDay, month)),
        );
        if (drafted) {
          built.push({
            unit,
            invoice: {
              ...drafted,
              key: unit.key,
              accountId: unit.accountId,
              period,
            },
          });
        }
      } catch (error) {
        await fail(unit, error);
      }
    }
    await insert(built);
  }
  return result;
}

/** An account's subscriptions grouped by the plan version they pay, in first-seen order. */
function byPlan(subscriptions: PricedSubscription[]) {
  const groups = new Map<
    string,
    { plan: BillingPlan; members: BillingSubscription[] }
  >();
  for (const { subscription, plan } of subscriptions) {
    const key = `${plan.id}@${plan.version}`;
    const group = groups.get(key) ?? { plan, members: [] };
    group.members.push(subscription);
    groups.set(key, group);
  }
  return [...groups.values()];
}

/**
 * A consolidated statement's lines of one plan: one plan fee, from the
 * plan's first invoiced subscription (by start); extra users over the
 * users of every tenant on the plan; SMS pooled over their messages. A
 * plan only do-not-invoice subscriptions use adds nothing.
 */
function consolidatedPlanLines(
  group: { plan: BillingPlan; members: BillingSubscription[] },
  month: BillingMonth,
  usage: PageUsage,
  lastDay: string,
  now: Date,
): { lines: InvoiceLineDraft[]; note?: string } {
  const main = [...group.members]
    .filter(member => !member.doNotInvoice)
    .sort((a, b) => a.startDate.localeCompare(b.startDate, 'en'))[0];
  if (!main) {
    return { lines: [] };
  }
  const prices = pricesOf(group.plan);
  const fee = planFeeLines(prices, billed(main), month);
  const tenantIds = [...new Set(group.members.map(member => member.tenantId))];
  const users = usersOf(usage, tenantIds, lastDay, now);
  const messages = group.members.flatMap(member => smsOf(usage, member, month));
  const lines = [
    ...fee.lines,
    extraUsersLine(prices, users.count, {
      prorated: fee.prorated,
      days: coveredDays(billed(main), month),
      month,
    }),
    smsLine(prices, messages),
  ].filter((line): line is InvoiceLineDraft => line !== undefined);
  return { lines, ...(users.note ? { note: users.note } : {}) };
}

/** The month before the one `time` falls in, YYYY-MM (UTC). */
export function previousPeriod(time: Date): string {
  return DateTime.fromJSDate(time, { zone: 'utc' })
    .startOf('month')
    .minus({ months: 1 })
    .toFormat('yyyy-MM');
}

/** Who scheduled runs are recorded as (audit actor). */
export const INVOICE_RUN_ACTOR = `task:${INVOICE_RUN_TASK_ID}`;

/**
 * Schedules the monthly run as a global task (one replica runs it) at
 * 01:30 UTC on the 1st, for the previous month: after the snapshot task
 * recorded the month's last day. A second run (a retry, a manual trigger)
 * creates nothing that exists.
 */
export async function scheduleInvoiceRun(options: {
  scheduler: SchedulerService;
  logger: LoggerService;
  auditor: AuditorService;
  now: () => Date;
  run: (period: string, signal?: AbortSignal) => Promise<InvoiceRunResult>;
}): Promise<void> {
  const { scheduler, logger, auditor } = options;
  await scheduler.scheduleTask({
    id: INVOICE_RUN_TASK_ID,
    scope: 'global',
    frequency: { cron: '30 1 1 * *' },
    timeout: { hours: 2 },
    fn: async signal => {
      const period = previousPeriod(options.now());
      const result = await audited(
        auditor,
        {
          eventId: 'billing-invoice-run',
          severityLevel: 'high',
          meta: { actor: INVOICE_RUN_ACTOR, period },
        },
        async () => {
          const value = await options.run(period, signal as AbortSignal);
          return {
            value,
            meta: {
              actor: INVOICE_RUN_ACTOR,
              period,
              before: null,
              after: { ...value },
            },
          };
        },
      );
      logger.info(
        `Invoice run of ${period}: ${result.created} created, ${result.existing} existing, ${result.failed} failed`,
      );
    },
  });
}
