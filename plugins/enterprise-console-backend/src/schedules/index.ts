import {
  AuditorService,
  HttpAuthService,
  LoggerService,
  RootConfigService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { Area } from '../lib/Area';
import { Authorizer } from '../permissions/authorize';
import { AccountStore } from '../tenants';
import { createSchedulesRouter } from './createSchedulesRouter';
import { readScheduleConfig } from './readScheduleConfig';
import { scheduleDueOccurrences } from './scheduleDueOccurrences';
import { ScheduleReports, ScheduleService } from './ScheduleService';
import { ScheduleStore } from './ScheduleStore';

export { DUE_SCHEDULES_TASK_ID } from './scheduleDueOccurrences';

/** What the schedules area needs from the plugin and the other areas. */
export interface SchedulesAreaDeps {
  db: Knex;
  config: RootConfigService;
  logger: LoggerService;
  scheduler: SchedulerService;
  auditor: AuditorService;
  httpAuth: HttpAuthService;
  authorizer: Authorizer;
  accounts: AccountStore;
  /** The reports area: runs are queued through it. */
  reports: ScheduleReports;
  /** The clock occurrences come due by; tests set it. */
  now?: () => Date;
}

/** The schedules area, with its due task's pass for tests and tools. */
export interface SchedulesArea extends Area {
  /** One pass of the due task (ScheduleService.runDue). */
  runDue: ScheduleService['runDue'];
}

/**
 * Scheduled reports: `ScheduleStore` owns the schedules and their claimed
 * occurrences, `ScheduleService` holds the rules, the router serves
 * /v1/schedules, and `start` registers the global due task.
 */
export function createSchedulesArea(deps: SchedulesAreaDeps): SchedulesArea {
  const config = readScheduleConfig(deps.config);
  const store = new ScheduleStore(deps.db);
  const schedules = new ScheduleService({
    store,
    authorizer: deps.authorizer,
    accounts: deps.accounts,
    reports: deps.reports,
    consoleLinkFor: ({ id }) =>
      `${config.consoleUrl}/schedules/${encodeURIComponent(id)}`,
    now: deps.now,
  });
  return {
    router: createSchedulesRouter({
      httpAuth: deps.httpAuth,
      auditor: deps.auditor,
      schedules,
    }),
    start: () =>
      scheduleDueOccurrences({
        scheduler: deps.scheduler,
        schedules,
        logger: deps.logger.child({ task: 'scheduled-reports' }),
        checkIntervalMs: config.checkIntervalMs,
      }),
    runDue: signal => schedules.runDue(signal),
  };
}
