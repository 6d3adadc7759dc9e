import { Knex } from 'knex';

/**
 * Report files, stored in the database in chunks: every replica can serve
 * every download, and neither writing nor reading ever holds more than one
 * chunk in memory.
 *
 * Chunks belong to one attempt of a run. A replica that lost its lease may
 * still be writing; its chunks carry its attempt and are never read, since a
 * download reads only the attempt recorded on the succeeded run.
 */
export class ReportFileStore {
  readonly #db: Knex;

  constructor(db: Knex) {
    this.#db = db;
  }

  async appendChunk(
    runId: string,
    attempt: number,
    seq: number,
    data: Buffer,
  ): Promise<void> {
    await this.#db('report_file_chunks').insert({
      run_id: runId,
      attempt,
      seq,
      data,
    });
  }

  /** The chunks of one attempt in order, read one at a time. */
  async *readChunks(runId: string, attempt: number): AsyncIterable<Buffer> {
    let seq = -1;
    for (;;) {
      const row = await this.#db('report_file_chunks')
        .where({ run_id: runId, attempt })
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

  /** Removes what earlier attempts of a run left behind. */
  async deleteOtherAttempts(runId: string, attempt: number): Promise<void> {
    await this.#db('report_file_chunks')
      .where({ run_id: runId })
      .andWhereNot({ attempt })
      .delete();
  }

  /** Removes what one attempt wrote (an attempt that stopped or lost its run). */
  async deleteAttempt(runId: string, attempt: number): Promise<void> {
    await this.#db('report_file_chunks')
      .where({ run_id: runId, attempt })
      .delete();
  }

  /** Removes a run's file, every attempt. */
  async deleteFile(runId: string): Promise<void> {
    await this.#db('report_file_chunks').where({ run_id: runId }).delete();
  }
}
