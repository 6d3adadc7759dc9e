import { ConfigReader } from '@backstage/config';
import {
  DEFAULT_REPORT_RUN_CONFIG,
  readReportRunConfig,
} from './readReportRunConfig';

const read = (reports: unknown) =>
  readReportRunConfig(
    new ConfigReader(
      reports === undefined ? {} : { enterpriseConsole: { reports } },
    ),
  );

describe('readReportRunConfig', () => {
  it('defaults to the limits of reports.md', () => {
    expect(read(undefined)).toEqual({
      maxRows: 5_000_000,
      maxActiveRunsPerUser: 3,
      worker: {
        concurrency: 2,
        pollIntervalMs: 5_000,
        leaseDurationMs: 30_000,
        heartbeatIntervalMs: 2_000,
        maxAttempts: 3,
      },
    });
    expect(read({})).toEqual(DEFAULT_REPORT_RUN_CONFIG);
    // No rate cap unless one is configured.
    expect(read({ worker: {} }).worker.maxRowsPerSecond).toBeUndefined();
  });

  it('reads numbers and durations in every Backstage form', () => {
    expect(
      read({
        maxRows: 1_000_000,
        maxActiveRunsPerUser: 5,
        worker: {
          concurrency: 4,
          pollInterval: '10s',
          leaseDuration: { minutes: 1 },
          heartbeatInterval: 'PT1.5S',
          maxAttempts: 5,
          maxRowsPerSecond: 100,
        },
      }),
    ).toEqual({
      maxRows: 1_000_000,
      maxActiveRunsPerUser: 5,
      worker: {
        concurrency: 4,
        pollIntervalMs: 10_000,
        leaseDurationMs: 60_000,
        heartbeatIntervalMs: 1_500,
        maxAttempts: 5,
        maxRowsPerSecond: 100,
      },
    });
  });

  it.each([
    [{ maxRows: 0 }, 'maxRows: must be a whole number of at least 1, got 0'],
    [
      { worker: { maxAttempts: 0 } },
      'worker.maxAttempts: must be a whole number of at least 1, got 0',
    ],
    [
      { maxActiveRunsPerUser: 1.5 },
      'maxActiveRunsPerUser: must be a whole number of at least 1, got 1.5',
    ],
    [
      { worker: { heartbeatInterval: '3s' } },
      'heartbeatInterval: must be at most 2 seconds, so that a cancel stops a run within 5 seconds',
    ],
    [
      { worker: { leaseDuration: '5s' } },
      'leaseDuration: must be at least three heartbeat intervals',
    ],
    [{ worker: { pollInterval: 'soon' } }, "Invalid duration 'soon'"],
    [
      { worker: { maxRowsPerSecond: 0 } },
      'Invalid config enterpriseConsole.reports.worker.maxRowsPerSecond: must be a whole number of at least 1, got 0',
    ],
    [
      { worker: { maxRowsPerSecond: 12.5 } },
      'Invalid config enterpriseConsole.reports.worker.maxRowsPerSecond: must be a whole number of at least 1, got 12.5',
    ],
    [
      { worker: { maxRowsPerSecond: -100 } },
      'worker.maxRowsPerSecond: must be a whole number of at least 1, got -100',
    ],
    [
      { worker: { maxRowsPerSecond: 'fast' } },
      "Unable to convert config value for key 'enterpriseConsole.reports.worker.maxRowsPerSecond' in 'mock-config' to a number",
    ],
  ])('refuses %j', (reports, message) => {
    expect(() => read(reports)).toThrow(message);
  });
});
