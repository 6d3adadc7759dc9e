import { Knex } from 'knex';
import { TenantOverview } from '@internal/plugin-enterprise-console-common';
import { readCount, readOptionalTimestamp } from '../database/columns';

const THIRTY_DAYS_MS = 30 * 24 * 60 * 60 * 1000;

/** The figures of one tenant that its catalog card shows, each one indexed query. */
export class TenantOverviewStore {
  constructor(
    private readonly db: Knex,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async get(tenantId: string): Promise<TenantOverview> {
    const asOf = this.now();
    const smsSince = new Date(asOf.getTime() - THIRTY_DAYS_MS);

    const [userCounts, [apps], [lastForm], [sms]] = await Promise.all([
      this.db('users')
        .select('kind', 'status')
        .count({ count: '*' })
        .where({ tenant_id: tenantId })
        .groupBy('kind', 'status'),
      this.db('applications')
        .count({ count: '*' })
        .where({ tenant_id: tenantId }),
      this.db('form_submissions')
        .max({ last: 'submitted_at' })
        .where({ tenant_id: tenantId }),
      this.db('sms_messages')
        .count({ count: '*' })
        .sum({ parts: 'parts' })
        .where({ tenant_id: tenantId })
        .andWhere('sent_at', '>=', smsSince)
        .andWhere('sent_at', '<=', asOf),
    ]);

    const counts = userCounts as Array<{
      kind: string;
      status: string;
      count: number | string;
    }>;
    const users = (kind: string, status: string) =>
      readCount(
        counts.find(row => row.kind === kind && row.status === status)?.count,
      );
    return {
      activeWebUsers: users('web', 'active'),
      activeMobileUsers: users('mobile', 'active'),
      inactiveUsers: users('web', 'inactive') + users('mobile', 'inactive'),
      applications: readCount(apps.count as number | string),
      lastSubmissionAt: readOptionalTimestamp(lastForm.last),
      smsLast30Days: readCount(sms.count as number | string),
      smsPartsLast30Days: readCount(sms.parts as number | string | null),
      asOf: asOf.toISOString(),
    };
  }
}
