import { createTestDatabases } from '../__testUtils__/testDatabases';
import { migrateKnex } from '../database/migrateDatabase';
import {
  insertAccount,
  insertRun,
} from '../reports/delivery/__testUtils__/reportRuns';
import { FileChunkStore } from './FileChunkStore';

const databases = createTestDatabases({ testTimeoutMs: 60_000 });

async function read(files: FileChunkStore, id: string, attempt: number) {
  const parts: string[] = [];
  for await (const chunk of files.readChunks(id, attempt)) {
    parts.push(chunk.toString('utf8'));
  }
  return parts;
}

describe.each(databases.eachSupportedId())('FileChunkStore on %p', id => {
  async function setup() {
    const knex = await databases.init(id);
    await migrateKnex(knex);
    await insertAccount(knex, { id: 'acme', name: 'Acme Health' });
    // Files belong to an owner row (a run here).
    const owners = [
      await insertRun(knex, { accountId: 'acme', status: 'running' }),
      await insertRun(knex, { accountId: 'acme', status: 'failed' }),
    ];
    const files = new FileChunkStore(knex);
    for (const owner of owners) {
      // Out of order, two attempts.
      await files.appendChunk(owner, 2, 1, Buffer.from('b2'));
      await files.appendChunk(owner, 1, 0, Buffer.from('a1'));
      await files.appendChunk(owner, 2, 0, Buffer.from('a2'));
    }
    return { knex, files, owners };
  }

  it('reads one attempt, chunk by chunk in order', async () => {
    const { files, owners } = await setup();
    expect(await read(files, owners[0], 2)).toEqual(['a2', 'b2']);
    expect(await read(files, owners[0], 1)).toEqual(['a1']);
    expect(await read(files, owners[0], 3)).toEqual([]);
    expect(await read(files, 'nobody', 1)).toEqual([]);
  });

  it('deletes other attempts, one attempt, or the whole file', async () => {
    const { files, owners } = await setup();
    await files.deleteOtherAttempts(owners[0], 2);
    expect(await read(files, owners[0], 1)).toEqual([]);
    expect(await read(files, owners[0], 2)).toEqual(['a2', 'b2']);
    await files.deleteAttempt(owners[1], 1);
    expect(await read(files, owners[1], 1)).toEqual([]);
    expect(await read(files, owners[1], 2)).toEqual(['a2', 'b2']);
    await files.deleteFile(owners[1]);
    expect(await read(files, owners[1], 2)).toEqual([]);
    // The other owner's file is untouched.
    expect(await read(files, owners[0], 2)).toEqual(['a2', 'b2']);
  });

  it('deletes the files of a list of ids or of a query, answering the chunks gone', async () => {
    const { knex, files, owners } = await setup();
    expect(await files.deleteFiles([])).toBe(0);
    expect(
      await files.deleteFiles(
        knex('report_runs').select('id').where('status', 'failed'),
      ),
    ).toBe(3);
    expect(await read(files, owners[1], 2)).toEqual([]);
    expect(await read(files, owners[0], 2)).toEqual(['a2', 'b2']);
    expect(await files.deleteFiles([owners[0], 'nobody'])).toBe(3);
    expect(await read(files, owners[0], 2)).toEqual([]);
  });
});
