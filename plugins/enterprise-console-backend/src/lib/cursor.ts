import { InputError } from '@backstage/errors';

/** Largest page any list route returns (api.md). */
export const MAX_PAGE_SIZE = 1000;
export const DEFAULT_PAGE_SIZE = 100;

/**
 * Cursors are opaque to clients: base64url of the keyset position, so a
 * client cannot build one that reaches past its filters.
 */
export function encodeCursor(position: Record<string, string>): string {
  return Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
}

export function decodeCursor<K extends string>(
  cursor: string,
  keys: readonly K[],
): Record<K, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InputError('Invalid cursor: not a cursor returned by this API');
  }
  if (
    typeof parsed !== 'object' ||
    parsed === null ||
    keys.some(key => typeof (parsed as any)[key] !== 'string')
  ) {
    throw new InputError('Invalid cursor: not a cursor returned by this API');
  }
  return parsed as Record<K, string>;
}

/** Reads `limit` from a query string: a whole number from 1 to MAX_PAGE_SIZE. */
export function parseLimit(value: unknown): number {
  if (value === undefined) {
    return DEFAULT_PAGE_SIZE;
  }
  const text = String(value);
  if (!/^\d+$/.test(text)) {
    throw new InputError(`Invalid limit: must be a whole number, got ${text}`);
  }
  const limit = Number(text);
  if (limit < 1 || limit > MAX_PAGE_SIZE) {
    throw new InputError(
      `Invalid limit: must be between 1 and ${MAX_PAGE_SIZE}, got ${limit}`,
    );
  }
  return limit;
}
