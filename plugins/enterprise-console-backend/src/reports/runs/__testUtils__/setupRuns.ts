import { Knex } from 'knex';
import { migrateKnex } from '../../../database/migrateDatabase';
import { AccountStore } from '../../../tenants/AccountStore';
import { NewReportRun, ReportRunStore } from '../ReportRunStore';
import { FileChunkStore } from '../../../files';

/**
 * Migrates, adds the accounts acme (enterprise; named `acmeName`) and
 * smallco, and the stores.
 */
export async function setupRuns(knex: Knex, acmeName = 'Acme Health') {
  await migrateKnex(knex);
  const accounts = new AccountStore(knex);
  for (const [id, name, enterprise] of [
    ['acme', acmeName, true],
    ['smallco', 'Small Co', false],
  ] as const) {
    await accounts.upsert({
      id,
      name,
      enterprise,
      adminRefs: [],
      adminEmails: [],
      invoicing: 'per-tenant',
      currency: 'USD',
      autopay: false,
    });
  }
  return {
    accounts,
    runs: new ReportRunStore(knex),
    files: new FileChunkStore(knex),
  };
}

/** A run request of acme with everything defaulted. */
export function newRun(overrides: Partial<NewReportRun> = {}): NewReportRun {
  return {
    accountId: 'acme',
    type: 'project-spaces',
    name: 'Project Spaces',
    delimiter: ',',
    parameters: {},
    createdBy: 'user:default/ada',
    ...overrides,
  };
}

/** Queues a run, whatever the active-runs limit. */
export async function queueRun(
  runs: ReportRunStore,
  overrides: Partial<NewReportRun> = {},
  now = new Date(),
) {
  const created = await runs.records.createWithinLimit(newRun(overrides), {
    maxActive: Number.MAX_SAFE_INTEGER,
    now,
  });
  if ('limited' in created) {
    throw new Error('unexpected limit');
  }
  return created;
}

/** The chunks stored for a run: attempt and seq of each. */
export async function chunkKeys(knex: Knex, runId: string) {
  const rows = await knex('report_file_chunks')
    .where({ run_id: runId })
    .orderBy(['attempt', 'seq'])
    .select('attempt', 'seq');
  return rows.map(row => [Number(row.attempt), Number(row.seq)]);
}

/** A run's file of one attempt, whole. */
export async function readFile(
  files: FileChunkStore,
  runId: string,
  attempt: number,
): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of files.readChunks(runId, attempt)) {
    parts.push(chunk);
  }
  return Buffer.concat(parts);
}

/** Polls until `check` answers something truthy, or fails after `timeoutMs`. */
export async function waitFor<T>(
  check: () => Promise<T>,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) {
      return value as NonNullable<T>;
    }
    if (Date.now() > deadline) {
      throw new Error(`Timed out waiting for ${what}`);
    }
    await new Promise(resolve => setTimeout(resolve, 20));
  }
}
