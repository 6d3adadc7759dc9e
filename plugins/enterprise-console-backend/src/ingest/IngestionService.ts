import {
  IngestResult,
  TenantDataRecordType,
  UsageMeter,
} from '@internal/plugin-enterprise-console-common';
import { Knex } from 'knex';
import { CanonicalRecord, parseRecord } from './recordTypes';
import { TenantDataStore } from './TenantDataStore';

/** One element of an ingestion call: a raw record, or one a reader already found unreadable. */
export type IngestItem = { value: unknown } | { problem: string; id?: string };

/** Rejections listed in an answer; more are only counted, so memory stays bounded. */
export const MAX_LISTED_REJECTIONS = 1000;

/**
 * Records written per statement and, for streams, per transaction. knex
 * writes a multi-row SQLite insert as one compound SELECT, which SQLite
 * limits to 500 terms.
 */
export const DEFAULT_BATCH_SIZE = 500;

interface Pending {
  index: number;
  record: CanonicalRecord;
}

/** The state of one call: the current batch, tenant lookups and counts. */
class IngestionCall {
  private batch: Pending[] = [];
  private readonly batchKeys = new Set<string>();
  private readonly knownTenants = new Set<string>();
  private readonly unknownTenants = new Set<string>();
  private readonly result: IngestResult = {
    accepted: 0,
    unchanged: 0,
    rejected: [],
    rejectedCount: 0,
  };

  constructor(
    private readonly store: TenantDataStore,
    private readonly meterKeys: ReadonlySet<string>,
    private readonly batchSize: number,
    private readonly inTransaction: (
      work: (tx: Knex) => Promise<void>,
    ) => Promise<void>,
  ) {}

  async run(
    items: Iterable<IngestItem> | AsyncIterable<IngestItem>,
  ): Promise<IngestResult> {
    let index = 0;
    for await (const item of items) {
      const current = index++;
      if ('problem' in item) {
        this.reject(current, item.id, item.problem);
        continue;
      }
      const parsed = parseRecord(item.value);
      if (!parsed.ok) {
        this.reject(current, parsed.id, parsed.message);
        continue;
      }
      const { record } = parsed;
      if (
        record.type === 'usage' &&
        !this.meterKeys.has(String(record.meter))
      ) {
        this.reject(
          current,
          record.id,
          `Invalid usage: meter ${record.meter} is not a usage meter of this server (enterpriseConsole.usageMeters)`,
        );
        continue;
      }
      const key = `${record.type}\u0000${record.tenantId}\u0000${record.id}`;
      // A record sent twice in one batch is written in order: flushing first
      // lets the second copy compare against the first.
      if (this.batchKeys.has(key)) {
        await this.flush();
      }
      this.batch.push({ index: current, record });
      this.batchKeys.add(key);
      if (this.batch.length >= this.batchSize) {
        await this.flush();
      }
    }
    await this.flush();
    return this.result;
  }

  private reject(index: number, id: string | undefined, message: string) {
    this.result.rejectedCount += 1;
    if (this.result.rejected.length < MAX_LISTED_REJECTIONS) {
      this.result.rejected.push(
        id === undefined ? { index, message } : { index, id, message },
      );
    }
  }

  private async flush(): Promise<void> {
    const batch = this.batch;
    if (batch.length === 0) {
      return;
    }
    this.batch = [];
    this.batchKeys.clear();

    await this.inTransaction(async tx => {
      await this.lookUpTenants(tx, batch);
      const byType = new Map<TenantDataRecordType, Pending[]>();
      for (const pending of batch) {
        if (!this.knownTenants.has(pending.record.tenantId)) {
          this.reject(
            pending.index,
            pending.record.id,
            `Invalid ${pending.record.type}: tenantId ${pending.record.tenantId} does not exist`,
          );
          continue;
        }
        const list = byType.get(pending.record.type) ?? [];
        list.push(pending);
        byType.set(pending.record.type, list);
      }
      for (const [type, pendings] of byType) {
        const written = await this.store.upsert(
          tx,
          type,
          pendings.map(pending => pending.record),
        );
        this.result.accepted += written;
        this.result.unchanged += pendings.length - written;
      }
    });
  }

  private async lookUpTenants(tx: Knex, batch: Pending[]): Promise<void> {
    const unseen = new Set<string>();
    for (const { record } of batch) {
      if (
        !this.knownTenants.has(record.tenantId) &&
        !this.unknownTenants.has(record.tenantId)
      ) {
        unseen.add(record.tenantId);
      }
    }
    if (unseen.size === 0) {
      return;
    }
    const existing = await this.store.existingTenantIds([...unseen], tx);
    for (const id of unseen) {
      (existing.has(id) ? this.knownTenants : this.unknownTenants).add(id);
    }
  }
}

/**
 * Validates and upserts records in batches. The HTTP routes (JSON, NDJSON,
 * CSV) and the seeding writer all go through here.
 */
export class IngestionService {
  readonly #meterKeys: ReadonlySet<string>;

  /** `usageMeters`: the configured meters; usage events of others are refused. */
  constructor(
    private readonly db: Knex,
    private readonly store: TenantDataStore,
    usageMeters: readonly UsageMeter[],
    private readonly batchSize: number = DEFAULT_BATCH_SIZE,
  ) {
    this.#meterKeys = new Set(usageMeters.map(meter => meter.key));
  }

  /**
   * Ingests items in order. With `atomic`, the whole call is one transaction
   * (for bounded calls such as a JSON body); otherwise each batch commits on
   * its own, so a stream of any length holds at most one batch in memory
   * and a client that re-sends after a failure loses nothing (upserts are
   * idempotent). A thrown error (e.g. an unreadable body) ends the call.
   */
  async ingest(
    items: Iterable<IngestItem> | AsyncIterable<IngestItem>,
    options: { atomic?: boolean } = {},
  ): Promise<IngestResult> {
    if (options.atomic) {
      return this.db.transaction(tx =>
        new IngestionCall(this.store, this.#meterKeys, this.batchSize, work =>
          work(tx),
        ).run(items),
      );
    }
    return new IngestionCall(
      this.store,
      this.#meterKeys,
      this.batchSize,
      work => this.db.transaction(tx => work(tx)),
    ).run(items);
  }
}
