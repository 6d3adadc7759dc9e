import {
  AuditorService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { audited } from '../../lib/audited';
import { FeatureRegistry } from '../entitlements/FeatureRegistry';
import { utcDate } from '../../lib/utcDate';
import { SubscriptionStore } from './SubscriptionStore';

/** Id of the scheduler task, e.g. for `POST …/.backstage/scheduler/v1/tasks/{id}/trigger`. */
export const DATED_CHANGES_TASK_ID = 'enterprise-console-billing-dated-changes';

/** Who the task's changes are recorded as (updated_by, audit actor). */
export const DATED_CHANGES_ACTOR = `task:${DATED_CHANGES_TASK_ID}`;

/** Tenants checked per page. */
const PAGE_SIZE = 500;

/** What one run changed. */
export interface DatedChangesRun {
  today: string;
  /** Tenants made to follow their subscriptions. */
  changed: string[];
  /** Tenants that got the Community fallback. */
  fellBack: string[];
  /** Tenants whose change failed (logged; the run went on). */
  failed: string[];
}

/**
 * Makes every tenant follow its subscriptions on the billing clock's
 * today: a scheduled change whose day came, a subscription that ended (to
 * the Community fallback), a plan whose features were edited. Each tenant
 * changes in its own audited transaction, and the hooks of the features it
 * switched run after that commits; one tenant failing does not stop the
 * others. A tenant already following its subscriptions is only read, so a
 * second run on the same day changes nothing.
 */
export async function applyDatedChanges(options: {
  subscriptions: SubscriptionStore;
  features: FeatureRegistry;
  auditor: AuditorService;
  logger: LoggerService;
  now: () => Date;
  signal?: AbortSignal;
}): Promise<DatedChangesRun> {
  const { subscriptions, auditor, logger, signal } = options;
  const time = options.now();
  const today = utcDate(time);
  const run: DatedChangesRun = { today, changed: [], fellBack: [], failed: [] };
  let after: string | undefined;
  for (;;) {
    signal?.throwIfAborted();
    const tenantIds = await subscriptions.tenantIdsPage(after, PAGE_SIZE);
    if (tenantIds.length === 0) {
      return run;
    }
    after = tenantIds[tenantIds.length - 1];
    for (const tenantId of tenantIds) {
      if (!(await subscriptions.needsDatedChange(tenantId, today))) {
        continue;
      }
      try {
        const result = await audited(
          auditor,
          {
            eventId: 'billing-dated-change',
            severityLevel: 'high',
            meta: { actor: DATED_CHANGES_ACTOR, tenantId, today },
          },
          async () => {
            const value = await subscriptions.followToday(tenantId, {
              actor: DATED_CHANGES_ACTOR,
              now: time,
              today,
            });
            return {
              value,
              meta: {
                actor: DATED_CHANGES_ACTOR,
                tenantId,
                today,
                before: value ? { ...value.features.before } : null,
                after: value
                  ? {
                      ...value.features.after,
                      switchedOff: value.features.switchedOff,
                      switchedOn: value.features.switchedOn,
                      fallback: value.fallback ? { ...value.fallback } : null,
                    }
                  : null,
              },
            };
          },
        );
        if (!result) {
          continue;
        }
        run.changed.push(tenantId);
        if (result.fallback) {
          run.fellBack.push(tenantId);
        }
        await options.features.afterCommit(result.features);
      } catch (error) {
        run.failed.push(tenantId);
        logger.error(
          `Dated billing change of tenant ${tenantId} failed: ${
            (error as Error).name
          }: ${(error as Error).message}`,
        );
      }
    }
  }
}

/**
 * Schedules {@link applyDatedChanges} as a global task (one replica runs
 * it): at start, then hourly, so a change dated today takes effect within
 * an hour of midnight UTC whenever the backend runs.
 */
export async function scheduleDatedChanges(options: {
  scheduler: SchedulerService;
  logger: LoggerService;
  run: (signal?: AbortSignal) => Promise<DatedChangesRun>;
}): Promise<void> {
  const { scheduler, logger } = options;
  await scheduler.scheduleTask({
    id: DATED_CHANGES_TASK_ID,
    scope: 'global',
    frequency: { minutes: 60 },
    timeout: { minutes: 30 },
    initialDelay: { seconds: 5 },
    fn: async signal => {
      const run = await options.run(signal as AbortSignal);
      if (run.changed.length > 0 || run.failed.length > 0) {
        logger.info(
          `Dated billing changes of ${run.today}: ${run.changed.length} tenants changed (${run.fellBack.length} fell back to Community), ${run.failed.length} failed`,
        );
      }
    },
  });
}
