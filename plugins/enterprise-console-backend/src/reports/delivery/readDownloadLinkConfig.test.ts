import { ConfigReader } from '@backstage/config';
import {
  describeLinkLifetime,
  readDownloadLinkConfig,
} from './readDownloadLinkConfig';

function read(downloadLinks: object | undefined) {
  return readDownloadLinkConfig(
    new ConfigReader(
      downloadLinks === undefined
        ? {}
        : { enterpriseConsole: { reports: { downloadLinks } } },
    ),
  );
}

const SECRET = 's'.repeat(32);
const HOUR = 3_600_000;

describe('readDownloadLinkConfig', () => {
  it('defaults to 24 hours and no keys', () => {
    expect(read(undefined)).toEqual({ expiryMs: 24 * HOUR, keys: [] });
    expect(read({})).toEqual({ expiryMs: 24 * HOUR, keys: [] });
  });

  it.each([
    ['48h', 48 * HOUR],
    ['P2D', 48 * HOUR],
    [{ hours: 2 }, 2 * HOUR],
    [{ days: 7 }, 168 * HOUR],
    ['90m', 1.5 * HOUR],
  ])('reads the expiry %p', (expiry, ms) => {
    expect(read({ expiry }).expiryMs).toBe(ms);
  });

  it('refuses more than 7 days', () => {
    expect(() => read({ expiry: { days: 7, minutes: 1 } })).toThrow(
      'Invalid config enterpriseConsole.reports.downloadLinks.expiry: download links may work for at most 7 days, got 10081 minutes',
    );
    expect(() => read({ expiry: 'P8D' })).toThrow(
      'Invalid config enterpriseConsole.reports.downloadLinks.expiry: download links may work for at most 7 days, got 192 hours',
    );
  });

  it.each([[{ hours: 0 }], ['0s']])('refuses the expiry %p', expiry => {
    expect(() => read({ expiry })).toThrow(
      'Invalid config enterpriseConsole.reports.downloadLinks.expiry: must be positive',
    );
  });

  it('refuses a duration it cannot read', () => {
    expect(() => read({ expiry: 'soon' })).toThrow(
      /^Invalid config enterpriseConsole\.reports\.downloadLinks\.expiry: must be a duration/,
    );
  });

  it('keeps the keys in order (the first signs)', () => {
    expect(
      read({
        keys: [
          { id: 'k2', secret: SECRET },
          { id: 'k1', secret: `${SECRET}1` },
        ],
      }).keys,
    ).toEqual([
      { id: 'k2', secret: SECRET },
      { id: 'k1', secret: `${SECRET}1` },
    ]);
  });

  it('refuses a secret shorter than 32 characters', () => {
    expect(() =>
      read({
        keys: [
          { id: 'k1', secret: SECRET },
          { id: 'k0', secret: 's'.repeat(31) },
        ],
      }),
    ).toThrow(
      'Invalid config enterpriseConsole.reports.downloadLinks.keys[1].secret: must be at least 32 characters',
    );
  });

  it('refuses a key id twice', () => {
    expect(() =>
      read({
        keys: [
          { id: 'k1', secret: SECRET },
          { id: 'k1', secret: SECRET },
        ],
      }),
    ).toThrow(
      "Invalid config enterpriseConsole.reports.downloadLinks.keys: the id 'k1' appears more than once",
    );
  });

  it('refuses a key without a secret', () => {
    expect(() => read({ keys: [{ id: 'k1' }] })).toThrow(/secret/);
  });
});

describe('describeLinkLifetime', () => {
  it.each([
    [24 * HOUR, '24 hours'],
    [HOUR, '1 hour'],
    [168 * HOUR, '168 hours'],
    [1.5 * HOUR, '90 minutes'],
    [60_000, '1 minute'],
  ])('%p ms is %p', (ms, words) => {
    expect(describeLinkLifetime(ms)).toBe(words);
  });
});
