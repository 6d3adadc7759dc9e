import {
  TenantDataRecord,
  TenantDataRecordType,
} from '@internal/plugin-enterprise-console-common';
import { Knex } from 'knex';
import {
  CanonicalRecord,
  fromRow,
  RECORD_TYPES,
  rowEquals,
  toRow,
} from './recordTypes';

const keyOf = (tenant: string, id: string) => `${tenant}\u0000${id}`;

/** Ingested tenant data: applications, users, forms, SMS, feeds, usage. */
export class TenantDataStore {
  constructor(private readonly db: Knex) {}

  /** Which of the given tenant ids exist. */
  async existingTenantIds(ids: string[], db: Knex = this.db): Promise<Set<string>> {
    if (ids.length === 0) {
      return new Set();
    }
    const rows = await db('tenants').select('id').whereIn('id', ids);
    return new Set(rows.map(row => row.id as string));
  }

  /**
   * Upserts records of one type, at most one per (tenantId, id), inside the
   * caller's transaction. Returns, per record, whether it was written (new
   * or changed) rather than identical to the stored row.
   */
  async upsert(
    tx: Knex,
    type: TenantDataRecordType,
    records: CanonicalRecord[],
  ): Promise<boolean[]> {
    const definition = RECORD_TYPES[type];
    const existing: Record<string, unknown>[] = await tx(definition.table)
      .select('*')
      .whereIn(
        ['tenant_id', 'id'],
        records.map(record => [record.tenantId, record.id]),
      );
    const stored = new Map(
      existing.map(row => [
        keyOf(row.tenant_id as string, row.id as string),
        row,
      ]),
    );

    const written: boolean[] = [];
    const rows: Record<string, unknown>[] = [];
    for (const record of records) {
      const current = stored.get(keyOf(record.tenantId, record.id));
      if (current && rowEquals(definition, current, record)) {
        written.push(false);
      } else {
        written.push(true);
        rows.push(toRow(definition, record));
      }
    }
    if (rows.length > 0) {
      // Key order makes concurrent calls lock rows in the same order.
      rows.sort((a, b) =>
        a.tenant_id === b.tenant_id
          ? compare(a.id as string, b.id as string)
          : compare(a.tenant_id as string, b.tenant_id as string),
      );
      await tx(definition.table)
        .insert(rows)
        .onConflict(['tenant_id', 'id'])
        .merge();
    }
    return written;
  }

  async get(
    type: TenantDataRecordType,
    tenantId: string,
    id: string,
  ): Promise<TenantDataRecord | undefined> {
    const definition = RECORD_TYPES[type];
    const row = await this.db(definition.table)
      .where({ tenant_id: tenantId, id })
      .first();
    return row ? fromRow(definition, row) : undefined;
  }

  /** Number of stored records of a type, optionally of one tenant. */
  async count(type: TenantDataRecordType, tenantId?: string): Promise<number> {
    let query = this.db(RECORD_TYPES[type].table);
    if (tenantId) {
      query = query.where({ tenant_id: tenantId });
    }
    const [{ total }] = await query.count({ total: '*' });
    return Number(total);
  }
}

function compare(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}
