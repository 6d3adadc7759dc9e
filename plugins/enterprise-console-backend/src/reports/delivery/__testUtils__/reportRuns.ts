import { ReportRunStatus } from '@internal/plugin-enterprise-console-common';
import { randomUUID } from 'node:crypto';
import { Knex } from 'knex';
import { FileChunkStore } from '../../../files';

/** An account row, as ingestion would have written it. */
export async function insertAccount(
  knex: Knex,
  account: { id: string; name: string },
): Promise<void> {
  const now = new Date('2026-11-01T00:00:00Z');
  await knex('accounts').insert({
    ...account,
    enterprise: true,
    created_at: now,
    updated_at: now,
  });
}

/**
 * A run row as the worker leaves it, and its file as chunks of
 * `attempt` (written straight to the tables: these tests are about what
 * happens after a run).
 */
export async function insertRun(
  knex: Knex,
  run: {
    id?: string;
    accountId: string;
    status: ReportRunStatus;
    expiresAt?: Date;
    attempt?: number;
    fileName?: string;
    /** The file's chunks; byte_size is their total. */
    chunks?: Buffer[];
    createdBy?: string;
    name?: string;
    email?: boolean;
  },
): Promise<string> {
  const id = run.id ?? randomUUID();
  const attempt = run.attempt ?? 1;
  const chunks = run.chunks ?? [];
  const finishedAt = new Date('2026-11-22T14:05:00Z');
  await knex('report_runs').insert({
    id,
    account_id: run.accountId,
    type: 'form-submissions',
    name: run.name ?? 'Mobile Form Submissions',
    delimiter: ',',
    parameters: JSON.stringify({ email: run.email ?? false }),
    status: run.status,
    rows_written: 3,
    row_count: run.status === 'succeeded' ? 3 : null,
    created_by: run.createdBy ?? 'user:default/ada',
    created_at: new Date('2026-11-22T14:00:00Z'),
    started_at: new Date('2026-11-22T14:00:01Z'),
    finished_at: finishedAt,
    expires_at: run.expiresAt ?? null,
    attempt,
    file_name: run.fileName ?? null,
    byte_size: chunks.length
      ? chunks.reduce((sum, chunk) => sum + chunk.length, 0)
      : null,
  });
  const files = new FileChunkStore(knex);
  for (const [seq, chunk] of chunks.entries()) {
    await files.appendChunk(id, attempt, seq, chunk);
  }
  return id;
}

/** How many chunks a run has left, every attempt. */
export async function chunkCount(knex: Knex, runId: string): Promise<number> {
  const [{ count }] = await knex('report_file_chunks')
    .where({ run_id: runId })
    .count({ count: '*' });
  return Number(count);
}

export async function statusOf(knex: Knex, runId: string): Promise<string> {
  const row = await knex('report_runs').where({ id: runId }).first('status');
  return row.status;
}
