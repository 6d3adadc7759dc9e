import {
  AuditorService,
  DiscoveryService,
  HttpAuthService,
  LoggerService,
  RootConfigService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import Router from 'express-promise-router';
import { Knex } from 'knex';
import { DownloadTokens, downloadUrlForPlugin, FileChunkStore } from '../files';
import { Authorizer } from '../permissions/authorize';
import { Area } from '../lib/Area';
import { readEmailSender } from '../mail';
import { AccountStore } from '../tenants';
import { UsageMeter } from '@internal/plugin-enterprise-console-common';
import { createReportDefinitions } from './definitions';
import {
  createDownloadRouter,
  ExpiredReportCleanup,
  readDownloadLinkConfig,
  ReportDelivery,
  scheduleExpiredReportCleanup,
} from './delivery';
import {
  createReportRunsRouter,
  readReportRunConfig,
  ReportRunService,
  ReportRunStore,
  ReportWorker,
} from './runs';
import { ReportDefinitions } from './runs/ReportFileWriter';
import { createSmsRouter, SmsMessageStore } from './sms';
import { ConsoleTileStore, createTilesRouter } from './tiles';

export type { ReportRunEnqueueRequest, ScheduledRunContext } from './runs';

/** What the reports area needs from the plugin. */
export interface ReportsAreaDeps {
  config: RootConfigService;
  /** The plugin's database: the reports read it, the stores keep runs and files in it. */
  db: Knex;
  logger: LoggerService;
  scheduler: SchedulerService;
  discovery: DiscoveryService;
  notifications: NotificationService;
  auditor: AuditorService;
  httpAuth: HttpAuthService;
  authorizer: Authorizer;
  accounts: AccountStore;
  /** The configured usage meters (the tenant-usage report's last columns). */
  usageMeters?: readonly UsageMeter[];
  /** The reports runs can produce; all of them unless a test says otherwise. */
  definitions?: ReportDefinitions;
}

/**
 * The reports area as the plugin mounts and runs it. Its router serves
 * report runs, downloads by signed link (no session: the plugin allows
 * /v1/downloads unauthenticated), tiles and the SMS table. `start` starts
 * this replica's worker after seeding, so no run reads half-seeded data;
 * `stop` hands the replica's runs back to the queue.
 */
export interface ReportsArea extends Required<Area> {
  /** Queues a run without an HTTP caller (ReportRunService.enqueue). */
  enqueue: ReportRunService['enqueue'];
  /** Checks what `enqueue` would be given, queueing nothing (ReportRunService.check). */
  check: ReportRunService['check'];
  /** The report types runs can produce here, from the report definitions. */
  reportTypes: string[];
  /** Whether runs may name email recipients: an email transport is configured. */
  mailsRecipients: boolean;
}

/**
 * The reports area (console tiles, the SMS table, report runs, their
 * delivery and downloads), built in one place: its config is read first,
 * so a mistake there stops the plugin before anything of the area starts;
 * every store of the area is made here and nowhere else, and the expired
 * report cleanup is scheduled.
 */
export async function createReportsArea(
  deps: ReportsAreaDeps,
): Promise<ReportsArea> {
  const runConfig = readReportRunConfig(deps.config);
  const linkConfig = readDownloadLinkConfig(deps.config);
  const email = readEmailSender(deps.config, deps.logger);
  const { db, logger, accounts } = deps;

  const runs = new ReportRunStore(db);
  const files = new FileChunkStore(db);
  const tiles = new ConsoleTileStore(db);
  const messages = new SmsMessageStore(db);
  const definitions =
    deps.definitions ??
    createReportDefinitions({ sms: messages, usageMeters: deps.usageMeters });

  const tokens = DownloadTokens.fromKeys(linkConfig.keys, logger, {
    configKey: 'enterpriseConsole.reports.downloadLinks.keys',
    what: 'report',
  });
  const downloadUrlFor = await downloadUrlForPlugin(deps.discovery, tokens);
  const delivery = new ReportDelivery({
    notifications: deps.notifications,
    accountName: async id => (await accounts.get(id))?.name,
    downloadUrlFor,
    expiryMs: linkConfig.expiryMs,
    email,
  });
  const worker = new ReportWorker({
    db,
    runs,
    files,
    accounts,
    definitions,
    logger: logger.child({ task: 'report-worker' }),
    config: runConfig,
    linkExpiryMs: linkConfig.expiryMs,
    onSucceeded: (run, recipients, schedule) =>
      delivery.deliver(run, recipients, schedule),
  });
  const service = new ReportRunService({
    db,
    runs,
    accounts,
    definitions,
    config: runConfig,
    downloadUrlFor,
    mailsRecipients: delivery.mailsRecipients,
    onQueued: () => worker.wake(),
    onCancelRequested: runId => worker.cancelLocally(runId),
  });
  await scheduleExpiredReportCleanup({
    scheduler: deps.scheduler,
    cleanup: new ExpiredReportCleanup({ runs, files }),
    logger,
  });

  const router = Router();
  router.use(
    createDownloadRouter({
      tokens,
      runs,
      files,
      auditor: deps.auditor,
      expiryMs: linkConfig.expiryMs,
    }),
  );
  router.use(
    createReportRunsRouter({
      httpAuth: deps.httpAuth,
      authorizer: deps.authorizer,
      reportRuns: service,
    }),
  );
  router.use(
    createTilesRouter({ authorizer: deps.authorizer, accounts, tiles }),
  );
  router.use(
    createSmsRouter({ authorizer: deps.authorizer, accounts, messages }),
  );

  return {
    router,
    start: async () => worker.start(),
    stop: () => worker.stop(),
    enqueue: request => service.enqueue(request),
    check: request => service.check(request),
    reportTypes: Object.keys(definitions).sort(),
    mailsRecipients: delivery.mailsRecipients,
  };
}
