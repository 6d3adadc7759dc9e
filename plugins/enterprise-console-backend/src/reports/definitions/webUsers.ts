import { columnKey, Keyset } from '../../database/keyset';
import { TimeColumn } from '../../database/timeColumn';
import { ReportRow, formatUtcTime } from '../csv/CsvWriter';
import { ReportContext, ReportDefinition } from '../ReportDefinition';
import { perTenant, tenantCells, TenantRow } from './perTenant';
import { runParametersOnly } from './parameters';

interface WebUserRow {
  id: string;
  email: string | null;
  name: string | null;
  role: string | null;
  last_login_at: TimeColumn | null;
  last_access_at: TimeColumn | null;
}

/** A web user read by the query that keeps those with an email. */
interface WebUserWithEmailRow extends WebUserRow {
  email: string;
}

interface InvitationRow {
  id: string;
  email: string;
  role: string | null;
}

/** Invitations have no name or times (reports.md). */
const NOT_APPLICABLE = 'N/A';

// The time columns are text, since invitations write N/A in them.
const timeText = (value: TimeColumn | null) =>
  value === null ? '' : formatUtcTime(value);

/**
 * reports.md, web-users: per tenant, its active web users by email, then its
 * pending invitations by email. A user in several tenants is a row in each.
 *
 * Users without an email (the field is optional) come first, by id: an
 * empty Email Address sorts before any other. Reading them apart from the
 * others keeps every page a seek in the (tenant, kind, email) index, which
 * a NULL-aware sort key would not be on both databases.
 */
export const webUsersReport: ReportDefinition = {
  type: 'web-users',

  async resolveParameters(request) {
    return runParametersOnly(request);
  },

  rows(context) {
    return perTenant(context, tenant => webUserRows(context, tenant));
  },
};

async function* webUserRows(
  context: ReportContext,
  tenant: TenantRow,
): AsyncGenerator<ReportRow[]> {
  const { db, batchSize } = context;
  const tenantColumns = tenantCells(tenant);
  const activeUsers = () =>
    db('users as u')
      .select(
        'u.id',
        'u.email',
        'u.name',
        'u.role',
        'u.last_login_at',
        'u.last_access_at',
      )
      .where({
        'u.tenant_id': tenant.id,
        'u.kind': 'web',
        'u.status': 'active',
      });
  const userCells = (user: WebUserRow): ReportRow => [
    user.email ?? '',
    user.name,
    user.role,
    timeText(user.last_login_at),
    timeText(user.last_access_at),
    'Active',
    ...tenantColumns,
  ];

  const withoutEmail = new Keyset<WebUserRow>([columnKey(db, 'u.id')]);
  for await (const users of withoutEmail.pages(
    () => activeUsers().whereNull('u.email'),
    batchSize,
  )) {
    yield users.map(userCells);
  }

  const byEmail = new Keyset<WebUserWithEmailRow>([
    columnKey(db, 'u.email'),
    columnKey(db, 'u.id'),
  ]);
  for await (const users of byEmail.pages(
    () => activeUsers().whereNotNull('u.email'),
    batchSize,
  )) {
    yield users.map(userCells);
  }

  const invitations = new Keyset<InvitationRow>([
    columnKey(db, 'i.email'),
    columnKey(db, 'i.id'),
  ]);
  for await (const page of invitations.pages(
    () =>
      db('invitations as i')
        .select('i.id', 'i.email', 'i.role')
        .where('i.tenant_id', tenant.id),
    batchSize,
  )) {
    yield page.map(invitation => [
      invitation.email,
      NOT_APPLICABLE,
      invitation.role,
      NOT_APPLICABLE,
      NOT_APPLICABLE,
      'Invited',
      ...tenantColumns,
    ]);
  }
}
