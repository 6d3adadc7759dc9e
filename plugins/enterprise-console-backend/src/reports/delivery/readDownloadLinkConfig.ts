import { Config, readDurationFromConfig } from '@backstage/config';
import { Duration } from 'luxon';
import { DownloadLinkKey } from '../../files';

export type { DownloadLinkKey } from '../../files';

/** How download links are signed and how long they work. */
export interface DownloadLinkConfig {
  /** How long a succeeded run's link works, in ms. */
  expiryMs: number;
  /**
   * The first key signs, every key verifies. Empty when none is configured
   * (DownloadTokens then makes a key of its own).
   */
  keys: DownloadLinkKey[];
}

const HOUR_MS = 60 * 60 * 1000;
export const DEFAULT_DOWNLOAD_LINK_EXPIRY_MS = 24 * HOUR_MS;
// reports.md: configurable, at most 7 days.
export const MAX_DOWNLOAD_LINK_EXPIRY_MS = 7 * 24 * HOUR_MS;
// HMAC-SHA256 keys shorter than the hash add nothing but guessability.
export const MIN_SECRET_LENGTH = 32;

const PREFIX = 'enterpriseConsole.reports.downloadLinks';

function readExpiryMs(config: Config | undefined): number {
  if (!config?.has('expiry')) {
    return DEFAULT_DOWNLOAD_LINK_EXPIRY_MS;
  }
  let ms: number;
  try {
    ms = Duration.fromObject(
      readDurationFromConfig(config, { key: 'expiry' }),
    ).toMillis();
  } catch (error) {
    throw new Error(
      `Invalid config ${PREFIX}.expiry: must be a duration such as '24h', 'P1D' or { hours: 24 }: ${
        (error as Error).message
      }`,
    );
  }
  if (!Number.isFinite(ms) || ms <= 0) {
    throw new Error(`Invalid config ${PREFIX}.expiry: must be positive`);
  }
  if (ms > MAX_DOWNLOAD_LINK_EXPIRY_MS) {
    throw new Error(
      `Invalid config ${PREFIX}.expiry: download links may work for at most 7 days, got ${describeLinkLifetime(
        ms,
      )}`,
    );
  }
  return ms;
}

function readKeys(config: Config | undefined): DownloadLinkKey[] {
  const entries = config?.getOptionalConfigArray('keys') ?? [];
  const keys = entries.map((entry, index) => {
    const id = entry.getString('id').trim();
    const secret = entry.getString('secret');
    if (!id) {
      throw new Error(`Invalid config ${PREFIX}.keys[${index}].id: empty`);
    }
    if (secret.length < MIN_SECRET_LENGTH) {
      throw new Error(
        `Invalid config ${PREFIX}.keys[${index}].secret: must be at least ${MIN_SECRET_LENGTH} characters`,
      );
    }
    return { id, secret };
  });
  const seen = new Set<string>();
  for (const key of keys) {
    if (seen.has(key.id)) {
      throw new Error(
        `Invalid config ${PREFIX}.keys: the id '${key.id}' appears more than once`,
      );
    }
    seen.add(key.id);
  }
  return keys;
}

/**
 * Reads `enterpriseConsole.reports.downloadLinks` (see config.d.ts); errors
 * name the key, so a bad config stops the backend at startup.
 */
export function readDownloadLinkConfig(rootConfig: Config): DownloadLinkConfig {
  const config = rootConfig.getOptionalConfig(PREFIX);
  return { expiryMs: readExpiryMs(config), keys: readKeys(config) };
}

/**
 * A link lifetime in words: `24 hours`, `1 hour`, `90 minutes`; whole hours
 * whenever possible, as the 410 message and the notification say it.
 */
export function describeLinkLifetime(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes % 60 === 0) {
    const hours = minutes / 60;
    return `${hours} ${hours === 1 ? 'hour' : 'hours'}`;
  }
  return `${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`;
}
