import {
  CONSOLE_REPORT_TYPE,
  ConsoleReportType,
} from '@internal/plugin-enterprise-console-common';
import { Knex } from 'knex';
import { DateRange } from '../../lib/dateRange';
import { TileCountMetric } from './tileCountMetrics';

/** The six totals of the dashboard, by report type. */
export type ConsoleTotals = Record<ConsoleReportType, number>;

const HOUR_MS = 60 * 60 * 1000;

/**
 * How `[from, to)` splits into whole UTC hours, which the pre-aggregated
 * counts answer, and the partial hours at either end, which are counted
 * from the rows themselves.
 */
interface RangeParts {
  /** Whole hours `[firstHour, endHour)` since the epoch; none if equal. */
  firstHour: number;
  endHour: number;
  /** The parts outside whole hours (zero, one or two ranges). */
  edges: DateRange[];
}

export function splitIntoHours({ from, to }: DateRange): RangeParts {
  const firstHour = Math.ceil(from.getTime() / HOUR_MS);
  const endHour = Math.floor(to.getTime() / HOUR_MS);
  if (firstHour >= endHour) {
    return { firstHour, endHour: firstHour, edges: [{ from, to }] };
  }
  const edges: DateRange[] = [];
  if (from.getTime() < firstHour * HOUR_MS) {
    edges.push({ from, to: new Date(firstHour * HOUR_MS) });
  }
  if (endHour * HOUR_MS < to.getTime()) {
    edges.push({ from: new Date(endHour * HOUR_MS), to });
  }
  return { firstHour, endHour, edges };
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
 * The counts come from tile_counts, which the triggers of migration
 * 20261122060000 keep per account: users and feeds as totals, forms and
 * SMS per hour, to which the partial hours at the range's ends are added,
 * counted from the rows. Forms of users who are not mobile workers are in
 * the hourly counts; they are subtracted here, found through the exception
 * list those triggers keep. Everything is one statement, so the totals come
 * from one snapshot of the data.
 */
export class ConsoleTileStore {
  constructor(private readonly db: Knex) {}

  async totals(accountId: string, range: DateRange): Promise<ConsoleTotals> {
    const { db } = this;
    const parts = splitIntoHours(range);
    const [row] = await db.select({
      projectSpaces: db('tenants as t')
        .count('*')
        .where('t.account_id', accountId),
      webUsers: this.counted(accountId, 'web-users'),
      mobileWorkers: this.counted(accountId, 'mobile-workers'),
      forms: db.raw('(?) + (?) - (?)', [
        this.counted(accountId, 'forms', parts),
        this.sumOf(
          parts.edges.map(edge => this.formsOfEveryone(accountId, edge)),
        ),
        this.formsOfNonWorkers(accountId, range),
      ]),
      feeds: this.counted(accountId, 'feeds'),
      sms: db.raw('(?) + (?)', [
        this.counted(accountId, 'sms', parts),
        this.sumOf(parts.edges.map(edge => this.messages(accountId, edge))),
      ]),
    });
    return {
      [CONSOLE_REPORT_TYPE.projectSpaces]: Number(row.projectSpaces),
      [CONSOLE_REPORT_TYPE.webUsers]: Number(row.webUsers),
      [CONSOLE_REPORT_TYPE.mobileWorkers]: Number(row.mobileWorkers),
      [CONSOLE_REPORT_TYPE.formSubmissions]: Number(row.forms),
      [CONSOLE_REPORT_TYPE.odataFeeds]: Number(row.feeds),
      [CONSOLE_REPORT_TYPE.smsDetail]: Number(row.sms),
    };
  }

  /** A pre-aggregated count: a total, or the sum over whole hours. */
  private counted(
    accountId: string,
    metric: TileCountMetric,
    hours?: RangeParts,
  ) {
    const query = this.db('tile_counts as c')
      .select(this.db.raw('COALESCE(SUM(c.n), 0)'))
      .where('c.account_id', accountId)
      .where('c.metric', metric);
    if (hours) {
      query
        .where('c.hour', '>=', hours.firstHour)
        .where('c.hour', '<', hours.endHour);
    } else {
      query.where('c.hour', 0);
    }
    return query;
  }

  /** Rows of `table` (aliased `alias`) that belong to the account's tenants. */
  private ofAccount(table: string, alias: string, accountId: string) {
    return this.db(table)
      .join('tenants as t', 't.id', `${alias}.tenant_id`)
      .where('t.account_id', accountId);
  }

  /** Non-system forms of anyone, as the hourly counts count them. */
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
   * are not workers (looked up one by one: there are few), joined to their
   * forms through the partial index forms_user_idx.
   */
  private formsOfNonWorkers(accountId: string, { from, to }: DateRange) {
    const { db } = this;
    const kind = db('users as u')
      .select('u.kind')
      .whereRaw('?? = ??', ['u.tenant_id', 'x.tenant_id'])
      .whereRaw('?? = ??', ['u.id', 'x.user_id']);
    const nonWorkers = db('tile_form_user_exceptions as x')
      .join('tenants as t', 't.id', 'x.tenant_id')
      .where('t.account_id', accountId)
      .whereRaw(`COALESCE((?), '') <> 'mobile'`, [kind])
      .distinct('x.tenant_id', 'x.user_id');
    return db
      .from(nonWorkers.as('e'))
      .join('form_submissions as f', join =>
        join.on('f.tenant_id', 'e.tenant_id').andOn('f.user_id', 'e.user_id'),
      )
      .count('*')
      .whereRaw('NOT ??', ['f.system'])
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
