import { InputError } from '@backstage/errors';
import { Readable } from 'stream';
import { IngestItem } from './IngestionService';
import {
  MAX_CSV_FIELD_LENGTH,
  MAX_CSV_LINE_BYTES,
  readCsvRecords,
} from './readCsv';

/** The body in chunks of `chunkSize` bytes, as a request would stream it. */
function body(text: string, chunkSize = 64 * 1024): Readable {
  const bytes = Buffer.from(text);
  const chunks: Buffer[] = [];
  for (let start = 0; start < bytes.length; start += chunkSize) {
    chunks.push(bytes.subarray(start, start + chunkSize));
  }
  return Readable.from(chunks);
}

async function read(text: string, chunkSize?: number): Promise<IngestItem[]> {
  const items: IngestItem[] = [];
  for await (const item of readCsvRecords(
    body(text, chunkSize),
    'app',
    'acme-field',
  )) {
    items.push(item);
  }
  return items;
}

const app = (id: string, name: string) => ({
  value: { type: 'app', id, name, tenantId: 'acme-field' },
});

const lineTooLong = {
  problem: `Invalid app: the line is longer than ${MAX_CSV_LINE_BYTES} bytes`,
};

describe('readCsvRecords limits', () => {
  // `b,<name>` is 2 bytes plus the name.
  const longest = 'x'.repeat(MAX_CSV_LINE_BYTES - 2);

  it.each([64 * 1024, 1000, 7])(
    'rejects a line over the limit as one record and reads on (chunks of %i bytes)',
    async chunkSize => {
      const items = await read(
        `id,name\na,A\nb,${longest}y\nc,"C, ""quoted""\nacross lines"\n`,
        chunkSize,
      );
      expect(items).toEqual([
        app('a', 'A'),
        lineTooLong,
        app('c', 'C, "quoted"\nacross lines'),
      ]);
    },
  );

  it('keeps a line of exactly the limit, whose cells are then checked', async () => {
    const items = await read(`id,name\nb,${longest}\nc,C`);
    expect(items).toEqual([
      {
        id: 'b',
        problem: `Invalid app: name is longer than ${MAX_CSV_FIELD_LENGTH} characters`,
      },
      app('c', 'C'),
    ]);
  });

  it('counts the line breaks inside quotes towards the line', async () => {
    const quotedLines = `"${'x\n'.repeat(MAX_CSV_LINE_BYTES / 2)}"`;
    const items = await read(`id,name\nb,${quotedLines}\nc,C\n`, 1000);
    expect(items).toEqual([lineTooLong, app('c', 'C')]);
  });

  it('rejects a cell over the limit and keeps one at it', async () => {
    const atLimit = 'n'.repeat(MAX_CSV_FIELD_LENGTH);
    const items = await read(`id,name\na,${atLimit}\nb,${atLimit}n\nc,C\n`);
    expect(items).toEqual([
      // The cell passes this limit; the field's own one of 200 still applies.
      app('a', atLimit),
      {
        id: 'b',
        problem: `Invalid app: name is longer than ${MAX_CSV_FIELD_LENGTH} characters`,
      },
      app('c', 'C'),
    ]);
  });

  it('fails the call on a header row over the limit, before reading it all', async () => {
    const header = `id,${'h'.repeat(MAX_CSV_LINE_BYTES)}`;
    let chunksRead = 0;
    const source = Readable.from(
      (function* chunks() {
        for (let i = 0; i < 64; i++) {
          chunksRead += 1;
          yield Buffer.from(header.slice(0, 64 * 1024));
        }
      })(),
    );
    const reading = (async () => {
      for await (const _ of readCsvRecords(source, 'app', undefined)) {
        // nothing is expected
      }
    })();
    await expect(reading).rejects.toThrow(InputError);
    await expect(reading).rejects.toThrow(
      `The CSV header row is longer than ${MAX_CSV_LINE_BYTES} bytes`,
    );
    expect(chunksRead).toBeLessThan(64);
  });
});
