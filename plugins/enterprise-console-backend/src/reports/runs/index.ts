import { LoggerService } from '@backstage/backend-plugin-api';
import {
  ConsoleReportType,
  ReportRun,
} from '@internal/plugin-enterprise-console-common';
import { Knex } from 'knex';
import { AccountStore } from '../../tenants/AccountStore';
import { ReportDefinition } from '../ReportDefinition';
import { ReportRunConfig } from './readReportRunConfig';
import { ReportFileStore } from './ReportFileStore';
import { ReportRunService } from './ReportRunService';
import { ReportRunStore } from './ReportRunStore';
import { ReportWorker } from './ReportWorker';

export { createReportRunsRouter } from './createReportRunsRouter';
export {
  DEFAULT_REPORT_RUN_CONFIG,
  readReportRunConfig,
} from './readReportRunConfig';
export type { ReportRunConfig } from './readReportRunConfig';
export { ReportFileStore } from './ReportFileStore';
export { ReportRunService } from './ReportRunService';
export type { ReportRunCaller } from './ReportRunService';
export { ReportRunStore } from './ReportRunStore';
export type { ReportRunRecord } from './ReportRunStore';
export { ReportWorker } from './ReportWorker';

/**
 * The queue, this replica's worker and the service behind the routes, wired
 * so that a run queued or cancelled here reaches the local worker at once.
 * The caller starts the worker (after seeding) and stops it at shutdown.
 */
export function setUpReportRuns(options: {
  config: ReportRunConfig;
  db: Knex;
  accounts: AccountStore;
  files: ReportFileStore;
  definitions: Partial<Record<ConsoleReportType, ReportDefinition>>;
  logger: LoggerService;
  /** How long the download link of a succeeded run works. */
  linkExpiryMs: number;
  downloadUrlFor?: (run: { id: string; expiresAt: Date }) => string;
  /** Delivery (notification, email) of a succeeded run. */
  onSucceeded?: (run: ReportRun) => Promise<void>;
}): { runs: ReportRunStore; worker: ReportWorker; service: ReportRunService } {
  const runs = new ReportRunStore(options.db);
  const worker = new ReportWorker({
    db: options.db,
    runs,
    files: options.files,
    accounts: options.accounts,
    definitions: options.definitions,
    logger: options.logger.child({ task: 'report-worker' }),
    config: options.config,
    linkExpiryMs: options.linkExpiryMs,
    onSucceeded: options.onSucceeded,
  });
  const service = new ReportRunService({
    db: options.db,
    runs,
    accounts: options.accounts,
    definitions: options.definitions,
    config: options.config,
    downloadUrlFor: options.downloadUrlFor,
    onQueued: () => worker.wake(),
    onCancelRequested: runId => worker.cancelLocally(runId),
  });
  return { runs, worker, service };
}
