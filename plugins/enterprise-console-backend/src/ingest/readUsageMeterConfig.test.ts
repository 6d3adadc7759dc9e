import { ConfigReader } from '@backstage/config';
import { readUsageMeterConfig } from './readUsageMeterConfig';

const read = (usageMeters: unknown) =>
  readUsageMeterConfig(
    new ConfigReader(
      usageMeters === undefined ? {} : { enterpriseConsole: { usageMeters } },
    ),
  );

describe('readUsageMeterConfig', () => {
  it('has no meters without the key', () => {
    expect(read(undefined)).toEqual([]);
    expect(read([])).toEqual([]);
  });

  it('reads the meters in config order', () => {
    expect(
      read([
        { key: 'voice-minutes', name: 'Voice', unit: 'minutes' },
        { key: 'api.calls_v2', name: 'API calls', unit: 'calls' },
      ]),
    ).toEqual([
      { key: 'voice-minutes', name: 'Voice', unit: 'minutes' },
      { key: 'api.calls_v2', name: 'API calls', unit: 'calls' },
    ]);
  });

  it.each([
    [
      [{ key: 'Voice', name: 'Voice', unit: 'minutes' }],
      'Invalid config enterpriseConsole.usageMeters[0].key: must be 1 to 63 lowercase letters, digits, dots, underscores or hyphens, such as voice-minutes',
    ],
    [
      [
        { key: 'voice', name: 'Voice', unit: 'minutes' },
        { key: 'voice', name: 'Voice 2', unit: 'minutes' },
      ],
      'Invalid config enterpriseConsole.usageMeters[1].key: meter voice is declared twice',
    ],
    [
      [{ key: 'voice', name: ' Voice', unit: 'minutes' }],
      'Invalid config enterpriseConsole.usageMeters[0].name: must be 1 to 100 characters without leading or trailing spaces, got " Voice"',
    ],
    [
      [{ key: 'voice', name: 'Voice', unit: 'x'.repeat(31) }],
      `Invalid config enterpriseConsole.usageMeters[0].unit: must be 1 to 30 characters without leading or trailing spaces, got "${'x'.repeat(
        31,
      )}"`,
    ],
    [
      [{ key: 'voice', name: 'Voice\nover', unit: 'minutes' }],
      'Invalid config enterpriseConsole.usageMeters[0].name: must not contain control characters',
    ],
    [
      [
        { key: 'voice', name: 'Voice', unit: 'minutes' },
        { key: 'voice-2', name: 'Voice', unit: 'minutes' },
      ],
      'Invalid config enterpriseConsole.usageMeters[1]: another meter has the name "Voice" and unit "minutes"',
    ],
  ])('refuses %j', (meters, message) => {
    expect(() => read(meters)).toThrow(message);
  });

  it('names a missing field', () => {
    expect(() => read([{ key: 'voice', name: 'Voice' }])).toThrow(
      /Missing required config value at 'enterpriseConsole.usageMeters\[0\].unit'/,
    );
  });
});
