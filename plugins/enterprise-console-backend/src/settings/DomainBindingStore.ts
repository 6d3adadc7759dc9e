import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  DomainBinding,
  DomainBindingState,
  DomainBindingStatus,
} from '@internal/plugin-enterprise-console-common';
import { randomUUID } from 'node:crypto';
import { Knex } from 'knex';
import { readOptionalTimestamp, readTimestamp } from '../database/columns';
import { TimeColumn } from '../database/timeColumn';

interface DomainBindingRow {
  id: string;
  account_id: string;
  domain: string;
  status: DomainBindingStatus;
  reason: string | null;
  requested_at: TimeColumn;
  requested_by: string;
  decided_at: TimeColumn | null;
  decided_by: string | null;
}

function toState(row: DomainBindingRow): DomainBindingState {
  return {
    domain: row.domain,
    status: row.status,
    ...(row.status === 'rejected' && row.reason !== null
      ? { reason: row.reason }
      : {}),
  };
}

function toBinding(row: DomainBindingRow): DomainBinding {
  return {
    id: row.id,
    accountId: row.account_id,
    ...toState(row),
    requestedAt: readTimestamp(row.requested_at),
    requestedBy: row.requested_by,
    decidedAt: readOptionalTimestamp(row.decided_at) ?? null,
    decidedBy: row.decided_by,
  };
}

/** The most pending bindings one listing answers. */
export const DOMAIN_BINDING_LIST_LIMIT = 500;

/**
 * The approval state of the domains accounts bind. A binding applies to
 * the sign-up check and SSO only while approved (see SettingsStore); the
 * settings service keeps both in step within one transaction.
 */
export class DomainBindingStore {
  constructor(
    private readonly db: Knex,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Makes the account's bindings follow its settings: a domain it no longer
   * binds loses its row (binding it again is a new request); a domain
   * without a row becomes pending. Approved and rejected ones stay so.
   */
  async sync(
    tx: Knex.Transaction,
    accountId: string,
    domains: string[],
    requestedBy: string,
  ): Promise<void> {
    const wanted = [...new Set(domains)];
    const rows: Array<{ domain: string }> = await tx('domain_bindings')
      .where({ account_id: accountId })
      .select('domain');
    const known = new Set(rows.map(row => row.domain));
    const gone = rows
      .map(row => row.domain)
      .filter(domain => !wanted.includes(domain));
    for (let i = 0; i < gone.length; i += 500) {
      await tx('domain_bindings')
        .where({ account_id: accountId })
        .whereIn('domain', gone.slice(i, i + 500))
        .delete();
    }
    const now = this.now();
    const added = wanted
      .filter(domain => !known.has(domain))
      .map(domain => ({
        id: randomUUID(),
        account_id: accountId,
        domain,
        status: 'pending',
        reason: null,
        requested_at: now,
        requested_by: requestedBy,
        decided_at: null,
        decided_by: null,
      }));
    if (added.length) {
      await tx.batchInsert('domain_bindings', added, 100);
    }
  }

  /** The state of every domain the account binds, by domain. */
  async statesOf(
    accountId: string,
    tx: Knex | Knex.Transaction = this.db,
  ): Promise<DomainBindingState[]> {
    const rows: DomainBindingRow[] = await tx('domain_bindings')
      .where({ account_id: accountId })
      .orderBy('domain');
    return rows.map(toState);
  }

  /** Bindings in a state across accounts, oldest request first, then by account and domain. */
  async list(status: DomainBindingStatus): Promise<DomainBinding[]> {
    const rows: DomainBindingRow[] = await this.db('domain_bindings')
      .where({ status })
      .orderBy([
        { column: 'requested_at', order: 'asc' },
        { column: 'account_id', order: 'asc' },
        { column: 'domain', order: 'asc' },
      ])
      .limit(DOMAIN_BINDING_LIST_LIMIT);
    return rows.map(toBinding);
  }

  /**
   * Approves or rejects a pending binding and returns it before and after;
   * 404 for an unknown id, 409 once decided.
   */
  async decide(
    tx: Knex.Transaction,
    id: string,
    decision: { status: 'approved' | 'rejected'; reason?: string },
    decidedBy: string,
  ): Promise<{ before: DomainBinding; after: DomainBinding }> {
    const row: DomainBindingRow | undefined = await tx('domain_bindings')
      .where({ id })
      .first();
    if (!row) {
      throw new NotFoundError(`Domain binding ${id} not found`);
    }
    // The status condition settles two admins deciding at once.
    const updated =
      row.status === 'pending'
        ? await tx('domain_bindings')
            .where({ id, status: 'pending' })
            .update({
              status: decision.status,
              reason: decision.reason ?? null,
              decided_at: this.now(),
              decided_by: decidedBy,
            })
        : 0;
    if (updated !== 1) {
      throw new ConflictError(
        `Domain binding ${id} is already ${
          row.status === 'pending' ? 'decided' : row.status
        }; only a pending binding can be approved or rejected`,
      );
    }
    const after: DomainBindingRow = await tx('domain_bindings')
      .where({ id })
      .first();
    return { before: toBinding(row), after: toBinding(after) };
  }
}
