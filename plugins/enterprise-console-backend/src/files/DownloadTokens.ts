import { LoggerService } from '@backstage/backend-plugin-api';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** A key that signs or verifies download links, named by its id. */
export interface DownloadLinkKey {
  id: string;
  secret: string;
}

/** What a genuine token says; `expired` once its time has come. */
export interface DownloadTokenCheck {
  status: 'valid' | 'expired';
  /** The stored file the token grants (FileChunkStore's file id). */
  fileId: string;
  expiresAt: Date;
}

interface TokenPayload {
  kid: string;
  /** The file id; named `run` since report runs were its first owners. */
  run: string;
  /** Expiry, epoch ms. */
  exp: number;
}

// Generous for a key id, a file id and a time; bounds the work spent on junk.
const MAX_TOKEN_LENGTH = 600;
const BASE64URL = /^[A-Za-z0-9_-]+$/;
const MAC_BYTES = 32;

function mac(secret: string, payload: string): Buffer {
  return createHmac('sha256', Buffer.from(secret, 'utf8'))
    .update(payload, 'utf8')
    .digest();
}

function parsePayload(encoded: string): TokenPayload | undefined {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  const payload = value as Partial<TokenPayload> | null;
  if (
    typeof payload !== 'object' ||
    payload === null ||
    typeof payload.kid !== 'string' ||
    typeof payload.run !== 'string' ||
    payload.run.length === 0 ||
    typeof payload.exp !== 'number' ||
    !Number.isSafeInteger(payload.exp)
  ) {
    return undefined;
  }
  return { kid: payload.kid, run: payload.run, exp: payload.exp };
}

/**
 * Signed download tokens (quality.md, "Security"): a token names one stored
 * file and its expiry, and carries an HMAC-SHA256 over both made with the key its
 * `kid` names. The first key signs; every key verifies, so a key is rotated
 * by putting a new one first and keeping the old one until its links expire.
 *
 * Token: `base64url(JSON { kid, run, exp }) + '.' + base64url(HMAC(payload))`.
 */
export class DownloadTokens {
  readonly #signingKey: DownloadLinkKey;
  readonly #keys: Map<string, DownloadLinkKey>;

  constructor(keys: DownloadLinkKey[]) {
    if (keys.length === 0) {
      throw new Error('DownloadTokens needs at least one key');
    }
    this.#signingKey = keys[0];
    this.#keys = new Map(keys.map(key => [key.id, key]));
  }

  /**
   * Tokens from the configured keys, or, with none configured, from a random
   * key of this process: links then break at restart and on other replicas,
   * which is fine for development only, so it says so, naming the config
   * key (`configKey`) and what the links download (`what`).
   */
  static fromKeys(
    keys: DownloadLinkKey[],
    logger: LoggerService,
    options: { configKey: string; what: string },
  ) {
    if (keys.length > 0) {
      return new DownloadTokens(keys);
    }
    logger.warn(
      `No ${options.configKey} configured: ${options.what} download links are signed with a random key made at startup, so they stop working when this backend restarts and do not work on other replicas. Configure a key for production.`,
    );
    return new DownloadTokens([
      {
        id: `ephemeral-${randomBytes(4).toString('hex')}`,
        secret: randomBytes(32).toString('base64url'),
      },
    ]);
  }

  sign(fileId: string, expiresAt: Date): string {
    const payload = Buffer.from(
      JSON.stringify({
        kid: this.#signingKey.id,
        run: fileId,
        exp: expiresAt.getTime(),
      } satisfies TokenPayload),
      'utf8',
    ).toString('base64url');
    const signature = mac(this.#signingKey.secret, payload).toString(
      'base64url',
    );
    return `${payload}.${signature}`;
  }

  /**
   * The file a token grants and whether it still does; undefined for anything
   * that is not a token this backend signed (malformed, unknown key, bad
   * signature), so callers cannot tell these apart.
   */
  verify(token: string, now: Date): DownloadTokenCheck | undefined {
    if (token.length > MAX_TOKEN_LENGTH) {
      return undefined;
    }
    const parts = token.split('.');
    if (parts.length !== 2) {
      return undefined;
    }
    const [encodedPayload, encodedMac] = parts;
    if (!BASE64URL.test(encodedPayload) || !BASE64URL.test(encodedMac)) {
      return undefined;
    }
    const given = Buffer.from(encodedMac, 'base64url');
    // One encoding per signature: trailing bits that decode to the same
    // bytes would otherwise make several spellings of one token.
    if (
      given.length !== MAC_BYTES ||
      given.toString('base64url') !== encodedMac
    ) {
      return undefined;
    }
    const payload = parsePayload(encodedPayload);
    const key = payload && this.#keys.get(payload.kid);
    if (!payload || !key) {
      return undefined;
    }
    if (!timingSafeEqual(mac(key.secret, encodedPayload), given)) {
      return undefined;
    }
    const expiresAt = new Date(payload.exp);
    return {
      status: now.getTime() >= payload.exp ? 'expired' : 'valid',
      fileId: payload.run,
      expiresAt,
    };
  }
}
