import { LoggerService } from '@backstage/backend-plugin-api';
import { isError } from '@backstage/errors';

/** What a user sees of a failure that is not theirs to fix. */
export const GENERIC_FAILURE =
  'The report could not be created because of an internal error. Please try again later, and contact support if it keeps failing.';

/** Why a run whose replica died on each of its claims failed. */
export function attemptsExhaustedMessage(maxAttempts: number): string {
  return `The report stopped unexpectedly ${maxAttempts} times before it could finish, so it was not tried again. Narrow its date range or filters and run it again, and contact support if it keeps failing.`;
}

/** A run past the row cap; its message is shown to the user. */
export class RowCapExceededError extends Error {
  constructor(maxRows: number) {
    super(
      `This report has more than ${maxRows.toLocaleString(
        'en-US',
      )} rows, the most a report may have. Narrow its date range or filters and run it again.`,
    );
    this.name = 'RowCapExceededError';
  }
}

/** What a log line carries of anything thrown. */
export function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/**
 * The reason a user sees: the message of an InputError (a parameter no
 * longer valid) or of the row cap; anything else is logged and replaced by
 * the generic text, so no internal detail reaches the user.
 */
export function describeFailure(
  run: { id: string; type: string },
  error: unknown,
  logger: LoggerService,
): string {
  if (
    isError(error) &&
    (error.name === 'InputError' || error instanceof RowCapExceededError)
  ) {
    return error.message;
  }
  logger.error(`Report run ${run.id} (${run.type}) failed`, asError(error));
  return GENERIC_FAILURE;
}
