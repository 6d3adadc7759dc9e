import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { readCount, readTimestamp } from '../database/columns';

/** Tenants counted and written per statement; the task checks for abort between pages. */
const PAGE_SIZE = 500;

export interface UserCountSnapshot {
  tenantId: string;
  /** The UTC day, YYYY-MM-DD. */
  day: string;
  activeMobileUsers: number;
  activeWebUsers: number;
  recordedAt: string;
}

/**
 * Daily per-tenant counts of active mobile and web users, so that reports
 * can show user numbers of past days although users only carry their
 * current status.
 */
export class UserCountSnapshots {
  constructor(
    private readonly db: Knex,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Records today's (UTC) counts of every tenant. Running it again on the
   * same day overwrites that day's row, so retries and several replicas are
   * harmless. Returns the number of tenants recorded.
   */
  async recordToday(signal?: AbortSignal): Promise<number> {
    const now = this.now();
    const day = now.toISOString().slice(0, 10);
    let after: string | undefined;
    let recorded = 0;
    for (;;) {
      signal?.throwIfAborted();
      let tenants = this.db('tenants')
        .select('id')
        .orderBy('id')
        .limit(PAGE_SIZE);
      if (after !== undefined) {
        tenants = tenants.where('id', '>', after);
      }
      const ids: string[] = (await tenants).map(row => row.id);
      if (ids.length === 0) {
        return recorded;
      }
      const byTenant = await this.activeCounts(ids);
      signal?.throwIfAborted();
      await this.db('user_count_snapshots')
        .insert(
          ids.map(id => ({
            tenant_id: id,
            day,
            active_mobile_users: byTenant.get(id)!.mobile,
            active_web_users: byTenant.get(id)!.web,
            recorded_at: now,
          })),
        )
        .onConflict(['tenant_id', 'day'])
        .merge();
      recorded += ids.length;
      after = ids[ids.length - 1];
    }
  }

  /**
   * The snapshots of `tenantIds` on `day`. A tenant without one is counted
   * now and that count is recorded as its snapshot of `day`, never
   * overwriting a row: when another writer (the daily task, a concurrent
   * run) recorded one meanwhile, that row stays and is returned, so every
   * reader of the day sees one number. `recordedNow` holds the tenants that
   * had no snapshot when asked.
   */
  async recordMissing(
    day: string,
    tenantIds: readonly string[],
  ): Promise<{
    snapshots: Map<string, UserCountSnapshot>;
    recordedNow: Set<string>;
  }> {
    const snapshots = new Map<string, UserCountSnapshot>();
    const recordedNow = new Set<string>();
    for (let i = 0; i < tenantIds.length; i += PAGE_SIZE) {
      const ids = [...new Set(tenantIds.slice(i, i + PAGE_SIZE))];
      const read = async (of: string[]) =>
        (
          await this.db('user_count_snapshots')
            .where({ day })
            .whereIn('tenant_id', of)
        ).map(toSnapshot);
      for (const snapshot of await read(ids)) {
        snapshots.set(snapshot.tenantId, snapshot);
      }
      const missing = ids.filter(id => !snapshots.has(id));
      if (missing.length === 0) {
        continue;
      }
      const counts = await this.activeCounts(missing);
      await this.db('user_count_snapshots')
        .insert(
          missing.map(id => ({
            tenant_id: id,
            day,
            active_mobile_users: counts.get(id)!.mobile,
            active_web_users: counts.get(id)!.web,
            recorded_at: this.now(),
          })),
        )
        .onConflict(['tenant_id', 'day'])
        .ignore();
      for (const snapshot of await read(missing)) {
        snapshots.set(snapshot.tenantId, snapshot);
        recordedNow.add(snapshot.tenantId);
      }
    }
    return { snapshots, recordedNow };
  }

  /** Active users per kind of each of `ids` (a tenant without any has zeros). */
  private async activeCounts(ids: string[]) {
    const counts: {
      tenant_id: string;
      kind: string;
      total: number | string;
    }[] = (await this.db('users')
      .select('tenant_id', 'kind')
      .count({ total: '*' })
      .whereIn('tenant_id', ids)
      .andWhere({ status: 'active' })
      .groupBy('tenant_id', 'kind')) as any;
    const byTenant = new Map<string, { mobile: number; web: number }>(
      ids.map(id => [id, { mobile: 0, web: 0 }]),
    );
    for (const row of counts) {
      const entry = byTenant.get(row.tenant_id)!;
      if (row.kind === 'mobile') entry.mobile = readCount(row.total);
      if (row.kind === 'web') entry.web = readCount(row.total);
    }
    return byTenant;
  }

  /** A tenant's snapshots, oldest first. */
  async list(tenantId: string): Promise<UserCountSnapshot[]> {
    const rows = await this.db('user_count_snapshots')
      .where({ tenant_id: tenantId })
      .orderBy('day');
    return rows.map(toSnapshot);
  }
}

function toSnapshot(row: any): UserCountSnapshot {
  return {
    tenantId: row.tenant_id,
    day: row.day,
    activeMobileUsers: readCount(row.active_mobile_users),
    activeWebUsers: readCount(row.active_web_users),
    recordedAt: readTimestamp(row.recorded_at),
  };
}

/** Id of the scheduler task, e.g. for `POST …/.backstage/scheduler/v1/tasks/{id}/trigger`. */
export const USER_COUNT_SNAPSHOT_TASK_ID =
  'enterprise-console-user-count-snapshots';

/**
 * Schedules the daily snapshot as a global task: with several replicas on
 * one PostgreSQL it runs once per day. Just after midnight UTC it records
 * the new day's starting counts; a later manual trigger refreshes them.
 */
export async function scheduleUserCountSnapshots(options: {
  scheduler: SchedulerService;
  snapshots: UserCountSnapshots;
  logger: LoggerService;
}): Promise<void> {
  const { scheduler, snapshots, logger } = options;
  await scheduler.scheduleTask({
    id: USER_COUNT_SNAPSHOT_TASK_ID,
    scope: 'global',
    frequency: { cron: '5 0 * * *' },
    timeout: { minutes: 30 },
    fn: async signal => {
      const tenants = await snapshots.recordToday(signal);
      logger.info(`Recorded user count snapshots of ${tenants} tenants`);
    },
  });
}
