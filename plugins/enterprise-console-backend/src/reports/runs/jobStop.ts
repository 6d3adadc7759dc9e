/** Why a job stopped before it finished. */
export type StopReason = 'cancel' | 'lost' | 'shutdown';

/** Thrown inside a job when its signal stops it. */
export class JobStoppedError extends Error {
  constructor(readonly reason: StopReason) {
    super(`Job stopped: ${reason}`);
    this.name = 'JobStoppedError';
  }
}

/** Settles with `promise`, or rejects as soon as `signal` aborts. */
export function unlessStopped<T>(
  promise: Promise<T>,
  signal: AbortSignal,
): Promise<T> {
  if (signal.aborted) {
    promise.catch(() => {});
    return Promise.reject(new JobStoppedError(signal.reason));
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new JobStoppedError(signal.reason));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      value => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      error => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
