import {
  AuditorService,
  DiscoveryService,
  HttpAuthService,
  LoggerService,
  RootConfigService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import express from 'express';
import Router from 'express-promise-router';
import { Knex } from 'knex';
import { Area } from '../lib/Area';
import { Authorizer } from '../permissions/authorize';
import { AccountStore } from '../tenants';
import { reportDefinitions } from './definitions';
import {
  createDownloadRouter,
  readDownloadLinkConfig,
  setUpReportDelivery,
} from './delivery';
import {
  createReportRunsRouter,
  readReportRunConfig,
  ReportFileStore,
  setUpReportRuns,
} from './runs';
import { createSmsRouter } from './sms';
import { ConsoleTileStore, createTilesRouter } from './tiles';

/**
 * Reports: the console tiles, the SMS table, the run queue with this
 * replica's worker, delivery of finished runs and their download links.
 */
export async function createReportsArea(deps: {
  db: Knex;
  config: RootConfigService;
  logger: LoggerService;
  scheduler: SchedulerService;
  discovery: DiscoveryService;
  notifications: NotificationService;
  auditor: AuditorService;
  httpAuth: HttpAuthService;
  authorizer: Authorizer;
  accounts: AccountStore;
}): Promise<Area> {
  const { db, logger, authorizer, accounts } = deps;
  const linkConfig = readDownloadLinkConfig(deps.config);
  const runConfig = readReportRunConfig(deps.config);
  const files = new ReportFileStore(db);
  const delivery = await setUpReportDelivery({
    linkConfig,
    logger,
    discovery: deps.discovery,
    notifications: deps.notifications,
    scheduler: deps.scheduler,
    db,
    accounts,
    files,
  });
  const runs = setUpReportRuns({
    config: runConfig,
    db,
    accounts,
    files,
    definitions: reportDefinitions,
    logger,
    linkExpiryMs: delivery.expiryMs,
    downloadUrlFor: delivery.downloadUrlFor,
    onSucceeded: run => delivery.delivery.deliver(run),
  });

  const router = Router();
  // Signed links, no session (the plugin allows /v1/downloads unauthenticated).
  router.use(
    createDownloadRouter({ ...delivery.downloads, auditor: deps.auditor }),
  );
  router.use(express.json({ limit: '1mb' }));
  router.use(
    createReportRunsRouter({
      httpAuth: deps.httpAuth,
      authorizer,
      reportRuns: runs.service,
    }),
  );
  router.use(
    createTilesRouter({
      authorizer,
      accounts,
      tiles: new ConsoleTileStore(db),
    }),
  );
  router.use(createSmsRouter({ authorizer, accounts, db }));
  return {
    router,
    async start() {
      runs.worker.start();
    },
    // A stopping replica hands its runs back to the queue for the others.
    stop: () => runs.worker.stop(),
  };
}
