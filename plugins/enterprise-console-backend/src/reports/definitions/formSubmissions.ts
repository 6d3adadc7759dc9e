import { columnKey, Keyset, timeColumnKey } from '../../database/keyset';
import { TimeColumn } from '../../database/timeColumn';
import { resolveDateRange } from '../../lib/dateRange';
import { ReportDefinition } from '../ReportDefinition';
import { countedForms, withoutDomain } from './cells';
import { perTenant, tenantCells } from './perTenant';
import { runParametersOnly } from './parameters';

interface FormRow {
  id: string;
  form_name: string | null;
  submitted_at: TimeColumn;
  app_name: string | null;
  username: string;
}

/** The range when the request gives none: the last 30 days (reports.md). */
const DEFAULT_DAYS = 30;

/**
 * reports.md, form-submissions: per tenant, the forms submitted in
 * `[from, to)` by submission time, then id. Only forms whose user is a
 * mobile worker of the tenant (active or not) count — a form of a web user
 * or of an unknown user does not — and system forms never do. Each page is
 * a seek in the (tenant, submitted_at, id) index joined to the worker and
 * the application by primary key.
 */
export const formSubmissionsReport: ReportDefinition = {
  type: 'form-submissions',

  async resolveParameters(request, { now }) {
    // A custom range longer than 90 days is a 400 with the message of
    // reports.md; relative defaults are fixed to the time of the request.
    const range = resolveDateRange(
      { from: request.from, to: request.to },
      { now, defaultDays: DEFAULT_DAYS, maxDays: 90 },
    );
    return {
      ...runParametersOnly(request),
      from: range.from.toISOString(),
      to: range.to.toISOString(),
    };
  },

  rows(context) {
    const { db, batchSize } = context;
    const { from, to } = resolveDateRange(context.parameters, {
      now: context.requestedAt,
      defaultDays: DEFAULT_DAYS,
    });
    const order = new Keyset<FormRow>([
      timeColumnKey(db, 'f.submitted_at'),
      columnKey(db, 'f.id'),
    ]);

    return perTenant(context, async function* formRows(tenant) {
      const tenantColumns = tenantCells(tenant);
      const forms = () =>
        countedForms(db)
          .leftJoin('applications as a', join =>
            join.on('a.tenant_id', 'f.tenant_id').andOn('a.id', 'f.app_id'),
          )
          .select(
            'f.id',
            'f.form_name',
            'f.submitted_at',
            'a.name as app_name',
            'u.username',
          )
          .where('f.tenant_id', tenant.id)
          .where('f.submitted_at', '>=', from)
          .where('f.submitted_at', '<', to);
      for await (const page of order.pages(forms, batchSize)) {
        yield page.map(form => [
          form.form_name ?? 'Unnamed',
          form.submitted_at,
          // No app id, or one no app record has.
          form.app_name ?? 'App not found',
          withoutDomain(form.username),
          ...tenantColumns,
        ]);
      }
    });
  },
};
