import { columnKey, Keyset } from '../../database/keyset';
import { TimeColumn } from '../../database/timeColumn';
import { ReportDefinition } from '../ReportDefinition';
import { withoutDomain, withoutDomainSql } from './cells';
import { perTenant, tenantCells } from './perTenant';
import { runParametersOnly } from './parameters';

interface MobileWorkerRow {
  id: string;
  username: string;
  name: string | null;
  email: string | null;
  role: string | null;
  created_at: TimeColumn;
  last_sync_at: TimeColumn | null;
  last_submission_at: TimeColumn | null;
  app_version: string | null;
}

/**
 * reports.md, mobile-workers: per tenant, its active mobile workers by
 * username.
 *
 * They sort by the username as the Username column shows it, without its
 * `@…` suffix: by the stored value 'jdoe1@…' would come before 'jdoe@…'
 * ('1' < '@'), so the column would not read as sorted. The full username,
 * then the id, break ties. The sort key is an expression, so each page
 * sorts the tenant's active workers (the index narrows to them).
 */
export const mobileWorkersReport: ReportDefinition = {
  type: 'mobile-workers',

  async resolveParameters(request) {
    return runParametersOnly(request);
  },

  rows(context) {
    const { db, batchSize } = context;
    const order = new Keyset<MobileWorkerRow>([
      {
        sql: withoutDomainSql(db, 'u.username'),
        of: row => withoutDomain(row.username),
      },
      columnKey(db, 'u.username'),
      columnKey(db, 'u.id'),
    ]);
    return perTenant(context, async function* mobileWorkerRows(tenant) {
      const tenantColumns = tenantCells(tenant);
      const workers = () =>
        db('users as u')
          .select(
            'u.id',
            'u.username',
            'u.name',
            'u.email',
            'u.role',
            'u.created_at',
            'u.last_sync_at',
            'u.last_submission_at',
            'u.app_version',
          )
          .where({
            'u.tenant_id': tenant.id,
            'u.kind': 'mobile',
            'u.status': 'active',
          });
      for await (const page of order.pages(workers, batchSize)) {
        yield page.map(worker => [
          withoutDomain(worker.username),
          worker.name,
          worker.email,
          worker.role,
          worker.created_at,
          worker.last_sync_at,
          worker.last_submission_at,
          worker.app_version,
          worker.id,
          ...tenantColumns,
        ]);
      }
    });
  },
};
