import { isError } from '@backstage/errors';

/**
 * Errors a second try may not meet: the connection was reset or terminated
 * (a failover, a restarted pooler), a serialization failure (`40001`) or a
 * deadlock (`40P01`). Anything else would fail the same way again.
 */
const TRANSIENT_CODES = new Set([
  '40001', // serialization_failure
  '40P01', // deadlock_detected
  '57P01', // admin_shutdown: "terminating connection due to administrator command"
  'ECONNRESET',
  'EPIPE',
]);

const TRANSIENT_MESSAGE =
  /connection terminated|terminating connection|connection reset|ECONNRESET/i;

/** Whether `error` is a database error worth one more try. */
export function isTransientDatabaseError(error: unknown): boolean {
  if (!isError(error)) {
    return false;
  }
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && TRANSIENT_CODES.has(code)) {
    return true;
  }
  return TRANSIENT_MESSAGE.test(error.message);
}
