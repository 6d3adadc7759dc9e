import { JobStoppedError } from './jobStop';

/** The time a rate limiter reads and waits by; tests inject their own. */
export interface RateClock {
  /** Milliseconds on a clock that only moves forward. */
  now(): number;
  /** Settles after `ms`, or rejects with JobStoppedError once `signal` aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

export const SYSTEM_RATE_CLOCK: RateClock = {
  // Monotonic: a wall clock set back would make a job wait too long.
  now: () => performance.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal.aborted) {
        reject(new JobStoppedError(signal.reason));
        return;
      }
      let timer: ReturnType<typeof setTimeout> | undefined = undefined;
      const onAbort = () => {
        clearTimeout(timer);
        reject(new JobStoppedError(signal.reason));
      };
      timer = setTimeout(() => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal.addEventListener('abort', onAbort, { once: true });
    }),
};

/** How far a job may fall behind its rate and then catch up at once. */
const MAX_CATCH_UP_MS = 1_000;

/**
 * Keeps one job at or under `maxRowsPerSecond`: rows go no earlier than
 * their share of a second after the rows before them. Time spent reading
 * counts, so a slow report waits less or not at all; but a job that fell
 * behind catches up by at most one second's rows at once, not in a burst.
 */
export class RowRateLimiter {
  readonly #maxRowsPerSecond: number;
  readonly #clock: RateClock;
  /** When the rows admitted so far are due at the rate. */
  #due: number;

  constructor(maxRowsPerSecond: number, clock: RateClock = SYSTEM_RATE_CLOCK) {
    this.#maxRowsPerSecond = maxRowsPerSecond;
    this.#clock = clock;
    this.#due = clock.now();
  }

  /** Waits until `rows` more rows keep the job within its rate. */
  async admit(rows: number, signal: AbortSignal): Promise<void> {
    const now = this.#clock.now();
    this.#due =
      Math.max(this.#due, now - MAX_CATCH_UP_MS) +
      (rows * 1000) / this.#maxRowsPerSecond;
    const wait = this.#due - now;
    if (wait > 0) {
      await this.#clock.sleep(wait, signal);
    }
  }
}
