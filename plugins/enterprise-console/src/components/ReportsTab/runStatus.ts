import { ReportRun } from '@internal/plugin-enterprise-console-common';

/** Whether a run may still change: the history polls while one does. */
export function isActive(run: ReportRun): boolean {
  return run.status === 'queued' || run.status === 'running';
}

/** Whether the run's file can be downloaded right now. */
export function isDownloadable(run: ReportRun, now = Date.now()): boolean {
  return (
    run.status === 'succeeded' &&
    Boolean(run.downloadUrl) &&
    (!run.expiresAt || Date.parse(run.expiresAt) > now)
  );
}
