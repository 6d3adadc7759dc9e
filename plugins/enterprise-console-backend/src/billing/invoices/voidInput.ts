import { NotFoundError } from '@backstage/errors';
import { z } from 'zod';
import { isUuid, parseInput } from '../../lib/validation';
import { text } from '../plans/planInput';

const voidInputSchema = z.object({ reason: text(1000, 1) }).strict();

/**
 * The body of a void (a 400 naming a bad reason) for invoice `id`; an id
 * that cannot be an invoice's is answered like a missing invoice.
 */
export function parseVoidInput(id: string, body: unknown): string {
  const { reason } = parseInput(voidInputSchema, body, 'void');
  if (!isUuid(id)) {
    throw new NotFoundError(`Invoice ${id} not found`);
  }
  return reason;
}
