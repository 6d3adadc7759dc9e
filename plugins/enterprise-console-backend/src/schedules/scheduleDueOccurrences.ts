import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { ScheduleService } from './ScheduleService';

export const DUE_SCHEDULES_TASK_ID = 'enterprise-console-scheduled-reports';

/**
 * The global task that queues the runs of due occurrences. The scheduler
 * runs a global task on one replica at a time, but that lock expires with
 * its timeout; the claim of each (schedule, occurrence) row is what makes
 * an occurrence run once, whatever the replicas do.
 */
export async function scheduleDueOccurrences(options: {
  scheduler: SchedulerService;
  schedules: ScheduleService;
  logger: LoggerService;
  checkIntervalMs: number;
}): Promise<void> {
  const { scheduler, schedules, logger } = options;
  await scheduler.scheduleTask({
    id: DUE_SCHEDULES_TASK_ID,
    scope: 'global',
    frequency: { milliseconds: options.checkIntervalMs },
    timeout: { minutes: 5 },
    fn: async signal => {
      const { queued, failed } = await schedules.runDue(signal);
      if (queued > 0 || failed > 0) {
        logger.info(
          `Scheduled reports: ${queued} run(s) queued, ${failed} occurrence(s) could not queue a run`,
        );
      }
    },
  });
}
