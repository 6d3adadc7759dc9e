import { ReportRow, formatUtcTime } from '../csv/CsvWriter';
import { ReportContext, ReportDefinition } from '../ReportDefinition';
import {
  keysetPages,
  perTenant,
  seekAfter,
  tenantCells,
  TenantRow,
} from './keyset';
import { runParametersOnly } from './parameters';

type Time = Date | number | string;

interface WebUserRow {
  id: string;
  email: string | null;
  name: string | null;
  role: string | null;
  last_login_at: Time | null;
  last_access_at: Time | null;
}

interface InvitationRow {
  id: string;
  email: string;
  role: string | null;
}

/** Invitations have no name or times (reports.md). */
const NOT_APPLICABLE = 'N/A';

// The time columns are text, since invitations write N/A in them.
const timeText = (value: Time | null) =>
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

  for await (const users of keysetPages<WebUserRow>(
    (after, limit) =>
      seekAfter(
        activeUsers().whereNull('u.email').limit(limit),
        [db.ref('u.id')],
        after && [after.id],
      ),
    batchSize,
  )) {
    yield users.map(userCells);
  }

  for await (const users of keysetPages<WebUserRow>(
    (after, limit) =>
      seekAfter(
        activeUsers().whereNotNull('u.email').limit(limit),
        [db.ref('u.email'), db.ref('u.id')],
        after && [after.email!, after.id],
      ),
    batchSize,
  )) {
    yield users.map(userCells);
  }

  for await (const invitations of keysetPages<InvitationRow>(
    (after, limit) =>
      seekAfter(
        db('invitations as i')
          .select('i.id', 'i.email', 'i.role')
          .where('i.tenant_id', tenant.id)
          .limit(limit),
        [db.ref('i.email'), db.ref('i.id')],
        after && [after.email, after.id],
      ),
    batchSize,
  )) {
    yield invitations.map(invitation => [
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
