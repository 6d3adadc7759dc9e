import { ConsoleReportType } from '@internal/plugin-enterprise-console-common';
import { Knex } from 'knex';
import { DateRange } from '../dateRange';

/** The six totals of the dashboard, by report type. */
export type ConsoleTotals = Record<ConsoleReportType, number>;

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * How `[from, to)` splits into whole UTC days, which the pre-aggregated
 * counts answer, and the partial days at either end, which are counted from
 * the rows themselves.
 */
interface RangeParts {
  /** Whole days `[firstDay, endDay)` as days since the epoch; none if equal. */
  firstDay: number;
  endDay: number;
  /** The parts outside whole days (zero, one or two ranges). */
  edges: DateRange[];
}

export function splitIntoDays({ from, to }: DateRange): RangeParts {
  const firstDay = Math.ceil(from.getTime() / DAY_MS);
  const endDay = Math.floor(to.getTime() / DAY_MS);
  if (firstDay >= endDay) {
    return { firstDay, endDay: firstDay, edges: [{ from, to }] };
  }
  const edges: DateRange[] = [];
  if (from.getTime() < firstDay * DAY_MS) {
    edges.push({ from, to: new Date(firstDay * DAY_MS) });
  }
  if (endDay * DAY_MS < to.getTime()) {
    edges.push({ from: new Date(endDay * DAY_MS), to });
  }
  return { firstDay, endDay, edges };
}

/**
 * The dashboard tiles of an account (reports.md, "Enterprise console"):
 *
 * - project-spaces: the account's tenants;
 * - web-users / mobile-workers: active users of the kind, summed over
 *   tenants (a user of three tenants counts three times; invitations never);
 * - form-submissions: forms submitted in `[from, to)` by the rules of the
 *   form-submissions report: not system forms, and only forms whose user is
 *   a mobile worker (active or not) of the form's tenant;
 * - odata-feeds: the feeds of the account's tenants;
 * - sms-detail: messages of both directions sent in `[from, to)`.
 *
 * Forms and SMS are summed from the daily counts that the triggers of
 * migration 20261122060000 keep, plus the partial days at the range's ends
 * counted from the rows. Forms of users who are not mobile workers are in
 * the daily counts; they are subtracted here, found through the exception
 * list those triggers keep. Everything is one statement, so the totals come
 * from one snapshot of the data.
 */
export class ConsoleTileStore {
  constructor(private readonly db: Knex) {}

  async totals(accountId: string, range: DateRange): Promise<ConsoleTotals> {
    const { db } = this;
    const parts = splitIntoDays(range);
    const [row] = await db.select({
      projectSpaces: db('tenants as t')
        .count('*')
        .where('t.account_id', accountId),
      webUsers: this.activeUsers(accountId, 'web'),
      mobileWorkers: this.activeUsers(accountId, 'mobile'),
      forms: db.raw('(?) + (?) - (?)', [
        this.dailyCount(accountId, 'forms', parts),
        this.sumOf(
          parts.edges.map(edge => this.formsOfEveryone(accountId, edge)),
        ),
        this.formsOfNonWorkers(accountId, range),
      ]),
      feeds: this.ofAccount('data_feeds as d', 'd', accountId).count('*'),
      sms: db.raw('(?) + (?)', [
        this.dailyCount(accountId, 'sms', parts),
        this.sumOf(parts.edges.map(edge => this.messages(accountId, edge))),
      ]),
    });
    return {
      'project-spaces': Number(row.projectSpaces),
      'web-users': Number(row.webUsers),
      'mobile-workers': Number(row.mobileWorkers),
      'form-submissions': Number(row.forms),
      'odata-feeds': Number(row.feeds),
      'sms-detail': Number(row.sms),
    };
  }

  /** Rows of `table` (aliased `alias`) that belong to the account's tenants. */
  private ofAccount(table: string, alias: string, accountId: string) {
    return this.db(table)
      .join('tenants as t', 't.id', `${alias}.tenant_id`)
      .where('t.account_id', accountId);
  }

  private activeUsers(accountId: string, kind: 'web' | 'mobile') {
    return this.ofAccount('users as u', 'u', accountId)
      .count('*')
      .where('u.kind', kind)
      .where('u.status', 'active');
  }

  /** The sum of the pre-aggregated counts of the whole days. */
  private dailyCount(
    accountId: string,
    metric: 'forms' | 'sms',
    parts: RangeParts,
  ) {
    return this.ofAccount('tile_daily_counts as c', 'c', accountId)
      .select(this.db.raw('COALESCE(SUM(c.n), 0)'))
      .where('c.metric', metric)
      .where('c.day', '>=', parts.firstDay)
      .where('c.day', '<', parts.endDay);
  }

  /** Non-system forms of anyone, as the daily counts count them. */
  private formsOfEveryone(accountId: string, { from, to }: DateRange) {
    return this.ofAccount('form_submissions as f', 'f', accountId)
      .count('*')
      .where('f.system', false)
      .where('f.submitted_at', '>=', from)
      .where('f.submitted_at', '<', to);
  }

  /**
   * Non-system forms in the range whose user is not a mobile worker of the
   * tenant now: of the exceptions (a superset of such users), those that
   * are not workers, joined to their forms through (tenant, user, time).
   */
  private formsOfNonWorkers(accountId: string, { from, to }: DateRange) {
    const { db } = this;
    const nonWorkers = this.ofAccount(
      'tile_form_user_exceptions as x',
      'x',
      accountId,
    )
      .distinct('x.tenant_id', 'x.user_id')
      .whereNotExists(
        db('users as u')
          .select(db.raw('1'))
          .whereRaw('u.tenant_id = x.tenant_id')
          .whereRaw('u.id = x.user_id')
          .where('u.kind', 'mobile'),
      );
    return db
      .from(nonWorkers.as('e'))
      .join('form_submissions as f', join =>
        join.on('f.tenant_id', 'e.tenant_id').andOn('f.user_id', 'e.user_id'),
      )
      .count('*')
      .where('f.system', false)
      .where('f.submitted_at', '>=', from)
      .where('f.submitted_at', '<', to);
  }

  private messages(accountId: string, { from, to }: DateRange) {
    return this.ofAccount('sms_messages as s', 's', accountId)
      .count('*')
      .where('s.sent_at', '>=', from)
      .where('s.sent_at', '<', to);
  }

  /** `(a) + (b) + …` of scalar subqueries, or 0 for none. */
  private sumOf(queries: Knex.QueryBuilder[]): Knex.Raw {
    if (queries.length === 0) {
      return this.db.raw('0');
    }
    return this.db.raw(queries.map(() => '(?)').join(' + '), queries);
  }
}
