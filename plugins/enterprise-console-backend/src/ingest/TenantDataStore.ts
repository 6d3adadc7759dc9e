import {
  TenantDataRecord,
  TenantDataRecordType,
} from '@internal/plugin-enterprise-console-common';
import { Knex } from 'knex';
import { CanonicalRecord, fromRow, RECORD_TYPES, toRow } from './recordTypes';

/** Ingested tenant data: applications, users, forms, SMS, feeds, usage. */
export class TenantDataStore {
  constructor(private readonly db: Knex) {}

  /** Which of the given tenant ids exist. */
  async existingTenantIds(
    ids: string[],
    db: Knex = this.db,
  ): Promise<Set<string>> {
    if (ids.length === 0) {
      return new Set();
    }
    const rows = await db('tenants').select('id').whereIn('id', ids);
    return new Set(rows.map(row => row.id as string));
  }

  /**
   * Upserts records of one type, at most one per (tenantId, id), inside the
   * caller's transaction. Returns how many were written (new or changed);
   * the others were identical to the stored row.
   *
   * One statement per batch: the update only fires where a column differs,
   * and RETURNING yields just the rows that were inserted or changed. (A
   * prior SELECT of the keys is slower, and PostgreSQL plans a long
   * row-value IN list as a scan that grows with the table.)
   */
  async upsert(
    tx: Knex,
    type: TenantDataRecordType,
    records: CanonicalRecord[],
  ): Promise<number> {
    const definition = RECORD_TYPES[type];
    const rows = records.map(record => toRow(definition, record));
    // Key order makes concurrent calls lock rows in the same order.
    rows.sort((a, b) =>
      a.tenant_id === b.tenant_id
        ? compare(a.id as string, b.id as string)
        : compare(a.tenant_id as string, b.tenant_id as string),
    );
    const valueColumns = Object.values(definition.fields)
      .map(field => field.column)
      .filter(column => column !== 'tenant_id' && column !== 'id');
    // Null-safe inequality: IS DISTINCT FROM on PostgreSQL, IS NOT on SQLite.
    const differs = this.isPostgres(tx) ? 'IS DISTINCT FROM' : 'IS NOT';
    const written = await tx(definition.table)
      .insert(rows)
      .onConflict(['tenant_id', 'id'])
      .merge(valueColumns)
      .whereRaw(
        valueColumns.map(() => `??.?? ${differs} excluded.??`).join(' OR '),
        valueColumns.flatMap(column => [definition.table, column, column]),
      )
      .returning(['id']);
    return written.length;
  }

  private isPostgres(db: Knex): boolean {
    return db.client.config.client === 'pg';
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
