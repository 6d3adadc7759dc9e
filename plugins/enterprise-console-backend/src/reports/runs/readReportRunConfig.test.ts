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
  ])('refuses %j', (reports, message) => {
    expect(() => read(reports)).toThrow(message);
  });
});
