import { Knex } from 'knex';
import { TimeColumn } from '../../database/timeColumn';
import { ReportDefinition } from '../ReportDefinition';
import { countOf } from './cells';
import { tenantCells, tenantPages, TenantRow } from './perTenant';
import { runParametersOnly } from './parameters';

const DAY_MS = 24 * 60 * 60 * 1000;

interface ProjectSpaceRow extends TenantRow {
  created_at: TimeColumn;
  applications: number | string;
  mobile_users: number | string;
  web_users: number | string;
  sms: number | string;
  last_form_at: TimeColumn | null;
}

/**
 * reports.md, project-spaces: one row per tenant, with its counts read by
 * correlated subqueries in the same query as the page of tenants, each an
 * index lookup of that tenant.
 */
export const projectSpacesReport: ReportDefinition = {
  type: 'project-spaces',

  async resolveParameters(request) {
    return runParametersOnly(request);
  },

  async *rows(context) {
    const { db } = context;
    const smsSince = new Date(context.requestedAt.getTime() - 30 * DAY_MS);
    const ofTenant = (table: string) =>
      db(`${table} as x`).where('x.tenant_id', db.ref('t.id'));
    const activeUsers = (kind: 'web' | 'mobile') =>
      ofTenant('users')
        .where({ 'x.kind': kind, 'x.status': 'active' })
        .count('*');

    const extend = (query: Knex.QueryBuilder) =>
      query.select(
        't.created_at',
        ofTenant('applications').count('*').as('applications'),
        activeUsers('mobile').as('mobile_users'),
        activeUsers('web').as('web_users'),
        // Both directions, sent at or after now − 30 days (no upper bound:
        // the spec bounds the count on one side only).
        ofTenant('sms_messages')
          .where('x.sent_at', '>=', smsSince)
          .count('*')
          .as('sms'),
        // "Newest submission time of any form of the tenant": any form,
        // system forms and forms of web or unknown users included — unlike
        // form-submissions, which says "system forms never", this column
        // sets no condition. It is also one index lookup this way.
        ofTenant('form_submissions').max('x.submitted_at').as('last_form_at'),
      );

    // One query per page of tenants, one row per tenant.
    for await (const tenants of tenantPages<ProjectSpaceRow>(context, extend)) {
      yield tenants.map(tenant => [
        tenant.created_at,
        countOf(tenant.applications),
        countOf(tenant.mobile_users),
        countOf(tenant.web_users),
        countOf(tenant.sms),
        tenant.last_form_at,
        ...tenantCells(tenant),
      ]);
    }
  },
};
