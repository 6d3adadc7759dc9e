import { Knex } from 'knex';

/**
 * What names a set of stored files: a list of ids, or a query selecting
 * them from the owner's table (its store builds it, this store runs it).
 */
export type FileIds = string[] | Knex.QueryBuilder;

const TABLE = 'report_file_chunks';

/**
 * Files stored in the database in chunks: every replica can serve every
 * download, and neither writing nor reading ever holds more than one chunk
 * in memory. The one store of `report_file_chunks`.
 *
 * A file is named by the id of what owns it (a report run today; the column
 * is `run_id` for that reason) and an attempt: a writer that lost its claim
 * may still be writing, and its chunks carry its attempt and are never read,
 * since a reader asks for the attempt its owner recorded as complete. Owner
 * ids must be unique across owners (UUIDs).
 */
export class FileChunkStore {
  readonly #db: Knex;

  constructor(db: Knex) {
    this.#db = db;
  }

  async appendChunk(
    fileId: string,
    attempt: number,
    seq: number,
    data: Buffer,
  ): Promise<void> {
    await this.#db(TABLE).insert({
      run_id: fileId,
      attempt,
      seq,
      data,
    });
  }

  /** The chunks of one attempt in order, read one at a time. */
  async *readChunks(fileId: string, attempt: number): AsyncIterable<Buffer> {
    let seq = -1;
    for (;;) {
      const row = await this.#db(TABLE)
        .where({ run_id: fileId, attempt })
        .andWhere('seq', '>', seq)
        .orderBy('seq')
        .first('seq', 'data');
      if (!row) {
        return;
      }
      seq = row.seq;
      yield Buffer.from(row.data);
    }
  }

  /** Removes what earlier attempts left behind. */
  async deleteOtherAttempts(fileId: string, attempt: number): Promise<void> {
    await this.#db(TABLE)
      .where({ run_id: fileId })
      .andWhereNot({ attempt })
      .delete();
  }

  /** Removes what one attempt wrote (an attempt that stopped or lost its claim). */
  async deleteAttempt(fileId: string, attempt: number): Promise<void> {
    await this.#db(TABLE).where({ run_id: fileId, attempt }).delete();
  }

  /** Removes a file, every attempt. */
  async deleteFile(fileId: string): Promise<void> {
    await this.#db(TABLE).where({ run_id: fileId }).delete();
  }

  /** Removes several files, every attempt; answers how many chunks went. */
  async deleteFiles(fileIds: FileIds): Promise<number> {
    if (Array.isArray(fileIds) && fileIds.length === 0) {
      return 0;
    }
    return this.#db(TABLE).whereIn('run_id', fileIds).delete();
  }
}
