import { InputError } from '@backstage/errors';
import { DomainBindingStatus } from '@internal/plugin-enterprise-console-common';
import { z } from 'zod';
import { parseInput, rejectUnknownQuery } from '../lib/validation';

const STATUSES: readonly DomainBindingStatus[] = [
  'pending',
  'approved',
  'rejected',
];

/** The status query of GET /v1/domain-bindings; pending when left out. */
export function parseDomainBindingQuery(
  query: Record<string, unknown>,
): DomainBindingStatus {
  rejectUnknownQuery(query, ['status']);
  const { status } = query;
  if (status === undefined) {
    return 'pending';
  }
  if (
    typeof status !== 'string' ||
    !STATUSES.includes(status as DomainBindingStatus)
  ) {
    throw new InputError(
      `Invalid query: status must be one of ${STATUSES.join(', ')}`,
    );
  }
  return status as DomainBindingStatus;
}

/** The id in the path: a UUID, else the binding cannot exist. */
export function isDomainBindingId(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(
    value,
  );
}

const approveSchema = z.object({}).strict();

const rejectSchema = z
  .object({
    reason: z.string().trim().min(1).max(1000),
  })
  .strict();

/** The body of an approval: empty (or none). */
export function parseApproval(body: unknown): void {
  parseInput(approveSchema, body ?? {}, 'approval');
}

/** The body of a rejection: the reason the account's admins will read. */
export function parseRejection(body: unknown): { reason: string } {
  return parseInput(rejectSchema, body, 'rejection');
}
