import { CustomErrorBase } from '@backstage/errors';

/**
 * Too many requests (429), with when to try again. Backstage's error
 * handler takes the status from `statusCode`; it and the retry time are
 * getters, so the error body stays `{ name, message }` like every other.
 */
export class TooManyRequestsError extends CustomErrorBase {
  readonly #retryAfterSeconds: number;

  constructor(message: string, retryAfterSeconds: number) {
    super(message);
    this.name = 'TooManyRequestsError';
    this.#retryAfterSeconds = retryAfterSeconds;
  }

  get statusCode(): number {
    return 429;
  }

  /** The `Retry-After` header's value. */
  get retryAfterSeconds(): number {
    return this.#retryAfterSeconds;
  }
}
