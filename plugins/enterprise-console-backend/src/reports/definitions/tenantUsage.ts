import { InputError } from '@backstage/errors';
import {
  tenantUsageColumns,
  UsageMeter,
} from '@internal/plugin-enterprise-console-common';
import { Knex } from 'knex';
import { parseInput } from '../../lib/validation';
import {
  applyTenantListFilter,
  tenantListFilterSchema,
  toTenantFilter,
} from '../../tenants';
import { requireTenantsOfAccount } from '../sms/smsFilters';
import { ReportDefinition } from '../ReportDefinition';
import { countedForms, countOf } from './cells';
import { runParametersOnly } from './parameters';
import { tenantPages, TenantRow } from './perTenant';
import { resolveUsagePeriod } from './usagePeriod';

type Count = number | string | null;

interface TenantUsageRow extends TenantRow {
  mobile_users: Count;
  web_users: Count;
  active_mobile_users: Count;
  applications: Count;
  forms: Count;
  sms_sent: Count;
  sms_received: Count;
  sms_parts: Count;
  sms_charges: Count;
  feeds: Count;
  [meter: `meter_${number}`]: Count;
}

/** A count the report read; an absent snapshot stays empty. */
const snapshotCount = (value: Count) =>
  value === null ? null : countOf(value);

/**
 * reports.md, tenant usage: one row per chosen tenant of the account, by
 * tenant id, each column a correlated subquery of the page of tenants (an
 * index lookup of that tenant). Events count in `[from, to)`:
 *
 * - Mobile Users and Web Users: the daily snapshot of the day the period
 *   ends on (the counts recorded just after that midnight, UTC), else the
 *   latest one within the period; empty when the period has none.
 * - Active Mobile Users: mobile workers (of any status) whose last sync or
 *   last submission, or any non-system form, falls in the period.
 * - Form Submissions: as form-submissions counts them (non-system forms of
 *   the tenant's mobile workers), so both reports agree.
 * - SMS: Sent outgoing, Received incoming, Parts of both, Charges parts ×
 *   (gateway fee + usage fee) summed exactly, then written with two decimals.
 * - Applications and OData Feeds: what the tenant has (they carry no time).
 * - Each meter: the sum of its events' quantities.
 *
 * Tenants: `tenantIds`, or those the tenants list's `filter` matches, or
 * all; always only the account's. Plans are not recorded yet: Plan is empty.
 */
export function createTenantUsageReport(
  usageMeters: readonly UsageMeter[],
): ReportDefinition {
  return {
    type: 'tenant-usage',
    requiresName: true,

    async resolveParameters(request, { db, accountId, now }) {
      const range = resolveUsagePeriod(request, now);
      const chosen: { tenantIds?: string[]; filter?: object } = {};
      if (request.tenantIds !== undefined && request.filter !== undefined) {
        throw new InputError(
          'Invalid report run: choose tenants by tenantIds or by filter, not both',
        );
      }
      if (request.tenantIds !== undefined) {
        const ids = [...new Set(request.tenantIds)].sort();
        await requireTenantsOfAccount(ids, 'tenantIds', { db, accountId });
        chosen.tenantIds = ids;
      }
      if (request.filter !== undefined) {
        const filter = parseInput(
          tenantListFilterSchema.strict(),
          request.filter,
          'filter',
        );
        if (filter.accountId !== undefined && filter.accountId !== accountId) {
          throw new InputError(
            `Invalid filter: accountId must be ${accountId}, the account of the run`,
          );
        }
        chosen.filter = toTenantFilter(filter);
      }
      return {
        ...runParametersOnly(request),
        period: request.period,
        from: range.from.toISOString(),
        to: range.to.toISOString(),
        ...chosen,
        // The run's columns are the meters of the time it was asked for.
        meters: usageMeters.map(({ key, name, unit }) => ({ key, name, unit })),
      };
    },

    columns: parameters => tenantUsageColumns(parameters.meters ?? []),

    async *rows(context) {
      const { db, parameters, account } = context;
      const from = new Date(parameters.from!);
      const to = new Date(parameters.to!);
      const meters = parameters.meters ?? [];
      const firstDay = parameters.from!.slice(0, 10);
      const lastDay = parameters.to!.slice(0, 10);
      const ofTenant = (table: string) =>
        db(`${table} as x`).where('x.tenant_id', db.ref('t.id'));
      const inPeriod = (query: Knex.QueryBuilder, column: string) =>
        query.where(column, '>=', from).where(column, '<', to);
      const snapshot = (column: string) =>
        ofTenant('user_count_snapshots')
          .select(`x.${column}`)
          .where('x.day', '>=', firstDay)
          .where('x.day', '<=', lastDay)
          .orderBy('x.day', 'desc')
          .limit(1);
      const formsOfWorkers = (userColumn: string) =>
        inPeriod(
          db('form_submissions as f')
            .where('f.tenant_id', db.ref('u.tenant_id'))
            .where('f.user_id', db.ref(userColumn))
            .where('f.system', false),
          'f.submitted_at',
        );
      const sms = (direction?: 'incoming' | 'outgoing') => {
        const query = inPeriod(ofTenant('sms_messages'), 'x.sent_at');
        return direction ? query.where('x.direction', direction) : query;
      };

      const extend = (query: Knex.QueryBuilder) => {
        if (parameters.tenantIds) {
          query.whereIn('t.id', parameters.tenantIds);
        }
        if (parameters.filter) {
          applyTenantListFilter(
            query,
            tenantListFilterSchema.parse(parameters.filter),
            't',
          );
        }
        query.select(
          snapshot('active_mobile_users').as('mobile_users'),
          snapshot('active_web_users').as('web_users'),
          db('users as u')
            .where('u.tenant_id', db.ref('t.id'))
            .where('u.kind', 'mobile')
            .where(active =>
              active
                .where(sync => inPeriod(sync, 'u.last_sync_at'))
                .orWhere(sub => inPeriod(sub, 'u.last_submission_at'))
                .orWhereExists(formsOfWorkers('u.id').select(db.raw('1'))),
            )
            .count('*')
            .as('active_mobile_users'),
          ofTenant('applications').count('*').as('applications'),
          inPeriod(
            countedForms(db).where('f.tenant_id', db.ref('t.id')),
            'f.submitted_at',
          )
            .count('*')
            .as('forms'),
          sms('outgoing').count('*').as('sms_sent'),
          sms('incoming').count('*').as('sms_received'),
          sms().sum('x.parts').as('sms_parts'),
          sms()
            .select(
              db.raw(
                'sum(x.parts * (coalesce(x.gateway_fee_ten_thousandths, 0) + coalesce(x.usage_fee_ten_thousandths, 0)))',
              ),
            )
            .as('sms_charges'),
          ofTenant('data_feeds').count('*').as('feeds'),
          ...meters.map((meter, index) =>
            inPeriod(
              ofTenant('usage_events').where('x.meter', meter.key),
              'x.occurred_at',
            )
              .sum('x.quantity_ten_thousandths')
              .as(`meter_${index}`),
          ),
        );
      };

      for await (const tenants of tenantPages<TenantUsageRow>(
        context,
        extend,
      )) {
        yield tenants.map(tenant => [
          tenant.id,
          tenant.name,
          account.name,
          null,
          from,
          to,
          snapshotCount(tenant.mobile_users),
          countOf(tenant.active_mobile_users),
          snapshotCount(tenant.web_users),
          countOf(tenant.applications),
          countOf(tenant.forms),
          countOf(tenant.sms_sent),
          countOf(tenant.sms_received),
          countOf(tenant.sms_parts),
          countOf(tenant.sms_charges),
          countOf(tenant.feeds),
          ...meters.map((_, index) => countOf(tenant[`meter_${index}`])),
        ]);
      }
    },
  };
}
