import { Config, readDurationFromConfig } from '@backstage/config';
import { Duration } from 'luxon';

/** `enterpriseConsole.schedules`. */
export interface ScheduleConfig {
  /** The console's base URL; a schedule's page is `<consoleUrl>/schedules/<id>`. */
  consoleUrl: string;
  /** How often the due task looks for due occurrences, in ms. */
  checkIntervalMs: number;
}

const KEY = 'enterpriseConsole.schedules';
const DEFAULT_CHECK_INTERVAL_MS = 60_000;

/** Reads the schedules' config; a bad value stops the plugin at startup. */
export function readScheduleConfig(config: Config): ScheduleConfig {
  const schedules = config.getOptionalConfig(KEY);
  // Backstage's own default app URL when neither is set, as in tests.
  const consoleUrl =
    schedules?.getOptionalString('consoleUrl') ??
    `${
      config.getOptionalString('app.baseUrl') ?? 'http://localhost:3000'
    }/enterprise-console`;
  if (!/^https?:\/\/[^\s]+$/.test(consoleUrl)) {
    throw new Error(
      `Invalid config ${KEY}.consoleUrl: must be an http or https URL, got ${JSON.stringify(
        consoleUrl,
      )}`,
    );
  }
  let checkIntervalMs = DEFAULT_CHECK_INTERVAL_MS;
  if (schedules?.has('checkInterval')) {
    checkIntervalMs = Duration.fromObject(
      readDurationFromConfig(schedules, { key: 'checkInterval' }),
    ).toMillis();
    if (!(checkIntervalMs >= 1_000)) {
      throw new Error(
        `Invalid config ${KEY}.checkInterval: must be at least one second`,
      );
    }
  }
  return { consoleUrl: consoleUrl.replace(/\/+$/, ''), checkIntervalMs };
}
