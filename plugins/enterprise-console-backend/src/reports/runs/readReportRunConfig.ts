import { Config, readDurationFromConfig } from '@backstage/config';
import { Duration } from 'luxon';

/** How report runs are limited and worked off (`enterpriseConsole.reports`). */
export interface ReportRunConfig {
  /** A run stops with an error past this many rows. */
  maxRows: number;
  /** Queued plus running runs one user may have. */
  maxActiveRunsPerUser: number;
  worker: {
    /** Runs one replica works on at once. */
    concurrency: number;
    /** How often an idle replica looks for runs, in ms. */
    pollIntervalMs: number;
    /** How long a claim holds a run without a heartbeat, in ms. */
    leaseDurationMs: number;
    /** How often a running job renews its lease and checks for a cancel, in ms. */
    heartbeatIntervalMs: number;
    /**
     * Claims a run gets: one whose replica died this often (its lease
     * expired on the last claim) fails instead of being claimed again.
     */
    maxAttempts: number;
    /**
     * Rows one job writes per second at most, so a large export does not
     * load the database it reads; unlimited without it.
     */
    maxRowsPerSecond?: number;
  };
}

export const DEFAULT_REPORT_RUN_CONFIG: ReportRunConfig = {
  maxRows: 5_000_000,
  maxActiveRunsPerUser: 3,
  worker: {
    concurrency: 2,
    pollIntervalMs: 5_000,
    leaseDurationMs: 30_000,
    heartbeatIntervalMs: 2_000,
    maxAttempts: 3,
  },
};

// reports.md: a cancel stops a running job within 5 seconds; the cancel is
// seen at the next heartbeat, and the job then needs a moment to stop.
const MAX_HEARTBEAT_INTERVAL_MS = 2_000;

function readPositiveInteger<T extends number | undefined>(
  config: Config,
  key: string,
  fallback: T,
): number | T {
  const value = config.getOptionalNumber(key);
  if (value === undefined) {
    return fallback;
  }
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(
      `Invalid config enterpriseConsole.reports.${key}: must be a whole number of at least 1, got ${value}`,
    );
  }
  return value;
}

function readDurationMs(config: Config, key: string, fallback: number): number {
  if (!config.has(key)) {
    return fallback;
  }
  const ms = Duration.fromObject(
    readDurationFromConfig(config, { key }),
  ).toMillis();
  if (!Number.isFinite(ms) || ms <= 0) {
    throw new Error(
      `Invalid config enterpriseConsole.reports.${key}: must be a positive duration`,
    );
  }
  return ms;
}

/**
 * Reads `enterpriseConsole.reports` (see config.d.ts). Durations take
 * Backstage's forms: `'2s'`, `'PT30S'` or `{ seconds: 30 }`.
 */
export function readReportRunConfig(rootConfig: Config): ReportRunConfig {
  const config = rootConfig.getOptionalConfig('enterpriseConsole.reports');
  const defaults = DEFAULT_REPORT_RUN_CONFIG;
  if (!config) {
    return defaults;
  }
  const worker = {
    concurrency: readPositiveInteger(
      config,
      'worker.concurrency',
      defaults.worker.concurrency,
    ),
    pollIntervalMs: readDurationMs(
      config,
      'worker.pollInterval',
      defaults.worker.pollIntervalMs,
    ),
    leaseDurationMs: readDurationMs(
      config,
      'worker.leaseDuration',
      defaults.worker.leaseDurationMs,
    ),
    heartbeatIntervalMs: readDurationMs(
      config,
      'worker.heartbeatInterval',
      defaults.worker.heartbeatIntervalMs,
    ),
    maxAttempts: readPositiveInteger(
      config,
      'worker.maxAttempts',
      defaults.worker.maxAttempts,
    ),
    maxRowsPerSecond: readPositiveInteger(
      config,
      'worker.maxRowsPerSecond',
      undefined,
    ),
  };
  if (worker.heartbeatIntervalMs > MAX_HEARTBEAT_INTERVAL_MS) {
    throw new Error(
      'Invalid config enterpriseConsole.reports.worker.heartbeatInterval: must be at most 2 seconds, so that a cancel stops a run within 5 seconds',
    );
  }
  if (worker.leaseDurationMs < 3 * worker.heartbeatIntervalMs) {
    throw new Error(
      'Invalid config enterpriseConsole.reports.worker.leaseDuration: must be at least three heartbeat intervals, so that one slow heartbeat does not lose the run',
    );
  }
  return {
    maxRows: readPositiveInteger(config, 'maxRows', defaults.maxRows),
    maxActiveRunsPerUser: readPositiveInteger(
      config,
      'maxActiveRunsPerUser',
      defaults.maxActiveRunsPerUser,
    ),
    worker,
  };
}
