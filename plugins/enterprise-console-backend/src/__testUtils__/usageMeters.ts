import { UsageMeter } from '@internal/plugin-enterprise-console-common';

/**
 * The usage meters tests configure: the fixtures' usage events name them.
 * The name holds what a CSV header must quote and neutralise.
 */
export const TEST_USAGE_METERS: readonly UsageMeter[] = [
  { key: 'voice-minutes', name: 'Voice, "calls"', unit: 'minutes' },
  { key: 'api-calls', name: '=API', unit: 'calls' },
];

/** `enterpriseConsole.usageMeters` as app-config holds TEST_USAGE_METERS. */
export const TEST_USAGE_METER_CONFIG = {
  enterpriseConsole: {
    // Plain objects: config data must be JSON (no interface types).
    usageMeters: TEST_USAGE_METERS.map(({ key, name, unit }) => ({
      key,
      name,
      unit,
    })),
  },
};
