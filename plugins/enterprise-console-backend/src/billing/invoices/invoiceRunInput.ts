import { InputError } from '@backstage/errors';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { EARLIEST_YEAR, LATEST_YEAR } from '../../lib/isoTime';
import { parseInput } from '../../lib/validation';
import { billingMonth } from '../proration';
import { calendarDate } from '../subscriptions/subscriptionInput';

/** A month, YYYY-MM, of the years dates may have. */
const period = z
  .string()
  .max(7)
  .refine(
    value => {
      if (!/^\d{4}-\d{2}$/.test(value)) {
        return false;
      }
      const month = DateTime.fromFormat(value, 'yyyy-MM', { zone: 'utc' });
      return (
        month.isValid &&
        month.year >= EARLIEST_YEAR &&
        month.year <= LATEST_YEAR
      );
    },
    { message: 'must be a month YYYY-MM' },
  );

const runInputSchema = z
  .object({ period, asOf: calendarDate.optional() })
  .strict();

/**
 * The body of an invoice run, or a 400: a month that is over on `asOf`
 * (default `today`, never after it).
 */
export function parseInvoiceRunInput(
  body: unknown,
  today: string,
): { period: string; asOf: string } {
  const input = parseInput(runInputSchema, body, 'invoice run');
  const asOf = input.asOf ?? today;
  if (asOf > today) {
    throw new InputError('Invalid invoice run: asOf must not be in the future');
  }
  // A month is invoiced once it is over: its end (exclusive) on or before asOf.
  if (billingMonth(input.period).end > asOf) {
    throw new InputError(
      `Invalid invoice run: period ${input.period} is not over on ${asOf}`,
    );
  }
  return { period: input.period, asOf };
}
