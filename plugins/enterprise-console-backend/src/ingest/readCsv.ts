import { InputError } from '@backstage/errors';
import { TenantDataRecordType } from '@internal/plugin-enterprise-console-common';
import { randomUUID } from 'crypto';
import Papa from 'papaparse';
import { Readable, Transform, TransformCallback, pipeline } from 'stream';
import { IngestItem } from './IngestionService';
import { RECORD_TYPES } from './recordTypes';

/** Longest CSV line (one row, quoted line breaks included) kept, in bytes. */
export const MAX_CSV_LINE_BYTES = 1024 * 1024;

/** Longest cell kept, in characters: ten times the longest field allows. */
export const MAX_CSV_FIELD_LENGTH = 10_000;

const QUOTE = 0x22;
const NEWLINE = 0x0a;

/**
 * Passes a CSV body on one whole line at a time, so the parser never holds
 * more than MAX_CSV_LINE_BYTES of a line: a longer line is dropped and
 * replaced by `marker` alone. A line ends at a line break outside quotes;
 * a doubled quote inside quotes toggles twice and so changes nothing.
 */
class CsvLineLimit extends Transform {
  private line: Buffer[] = [];
  /** Whole lines of the current chunk, passed on together. */
  private lines: Buffer[] = [];
  private lineBytes = 0;
  private quoted = false;
  private tooLong = false;
  private firstLine = true;

  constructor(private readonly marker: string) {
    super();
  }

  _transform(
    chunk: Buffer | string,
    _encoding: BufferEncoding,
    callback: TransformCallback,
  ) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    let start = 0;
    let position = 0;
    // The next quote and line break at or after `position`, each looked up
    // again only once passed, so a chunk is scanned about twice.
    let quote = bytes.indexOf(QUOTE);
    let newline = bytes.indexOf(NEWLINE);
    while (position < bytes.length) {
      if (quote !== -1 && quote < position) {
        quote = bytes.indexOf(QUOTE, position);
      }
      if (this.quoted) {
        if (quote === -1) break;
        this.quoted = false;
        position = quote + 1;
        continue;
      }
      if (newline !== -1 && newline < position) {
        newline = bytes.indexOf(NEWLINE, position);
      }
      if (newline !== -1 && (quote === -1 || newline < quote)) {
        this.keep(bytes.subarray(start, newline + 1));
        const error = this.endLine();
        if (error) return callback(error);
        start = position = newline + 1;
      } else if (quote === -1) {
        break;
      } else {
        this.quoted = true;
        position = quote + 1;
      }
    }
    this.keep(bytes.subarray(start));
    this.passOn();
    return callback(this.tooLong && this.firstLine ? headerTooLong() : null);
  }

  _flush(callback: TransformCallback) {
    const error = this.endLine();
    this.passOn();
    callback(error);
  }

  private passOn() {
    if (this.lines.length > 0) {
      this.push(Buffer.concat(this.lines));
      this.lines = [];
    }
  }

  private keep(piece: Buffer) {
    this.lineBytes += piece.length;
    if (this.tooLong) return;
    // The line's own break does not count towards its length.
    const ends = piece.length > 0 && piece[piece.length - 1] === NEWLINE;
    if (this.lineBytes - (ends ? 1 : 0) > MAX_CSV_LINE_BYTES) {
      this.tooLong = true;
      this.line = [];
    } else if (piece.length > 0) {
      this.line.push(piece);
    }
  }

  private endLine(): Error | undefined {
    if (this.lineBytes === 0) return undefined;
    if (this.tooLong) {
      if (this.firstLine) return headerTooLong();
      this.lines.push(Buffer.from(`${this.marker}\n`));
    } else {
      for (const piece of this.line) this.lines.push(piece);
    }
    this.firstLine = false;
    this.line = [];
    this.lineBytes = 0;
    this.tooLong = false;
    return undefined;
  }
}

function headerTooLong() {
  return new InputError(
    `The CSV header row is longer than ${MAX_CSV_LINE_BYTES} bytes`,
  );
}

/**
 * The records of a CSV body with a header row, all of one type. Cells are
 * coerced to the field's JSON type (numbers, flags) so that the same
 * validation applies as to JSON; an empty cell is an absent field. The
 * tenant comes from the `tenantId` column or, where that is empty or
 * missing, from the query. papaparse's stream pauses while rows wait to be
 * consumed, so the body is read no faster than records are written. A line
 * longer than MAX_CSV_LINE_BYTES, or a cell longer than
 * MAX_CSV_FIELD_LENGTH, is one rejected record.
 */
export async function* readCsvRecords(
  body: Readable,
  type: TenantDataRecordType,
  tenantId: string | undefined,
): AsyncGenerator<IngestItem> {
  const { fields } = RECORD_TYPES[type];
  const header: string[] = [];
  const parser = Papa.parse(Papa.NODE_STREAM_INPUT, {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: (name: string) => {
      const clean = name.replace(/^\uFEFF/, '').trim();
      header.push(clean);
      return clean;
    },
  });
  const tooLongMarker = randomUUID();
  let readError: unknown;
  pipeline(body, new CsvLineLimit(tooLongMarker), parser, error => {
    readError = error;
  });

  let checkedHeader = false;
  const checkHeader = () => {
    if (checkedHeader) return;
    checkedHeader = true;
    if (header.length === 0) {
      throw new InputError('The CSV body is empty: it needs a header row');
    }
    const unknown = header.filter(name => !(name in fields));
    if (unknown.length > 0) {
      throw new InputError(
        `Unknown CSV column${unknown.length > 1 ? 's' : ''} ${unknown
          .map(name => JSON.stringify(name.slice(0, 100)))
          .join(', ')}; ${type} records have ${Object.keys(fields).join(', ')}`,
      );
    }
  };

  try {
    for await (const row of parser as AsyncIterable<Record<string, unknown>>) {
      checkHeader();
      if (row[header[0]] === tooLongMarker) {
        yield {
          problem: `Invalid ${type}: the line is longer than ${MAX_CSV_LINE_BYTES} bytes`,
        };
        continue;
      }
      const longCell = Object.entries(row).find(
        ([, cell]) =>
          typeof cell === 'string' && cell.length > MAX_CSV_FIELD_LENGTH,
      );
      if (longCell) {
        yield {
          problem: `Invalid ${type}: ${longCell[0].slice(
            0,
            100,
          )} is longer than ${MAX_CSV_FIELD_LENGTH} characters`,
          id: typeof row.id === 'string' ? row.id.slice(0, 128) : undefined,
        };
        continue;
      }
      if ('__parsed_extra' in row) {
        yield {
          problem: `Invalid ${type}: the row has more cells than the header`,
          id: typeof row.id === 'string' ? row.id.slice(0, 128) : undefined,
        };
        continue;
      }
      const value: Record<string, unknown> = { type };
      for (const [name, cell] of Object.entries(row)) {
        if (typeof cell === 'string' && name !== 'tenantId') {
          const coerced = fields[name].fromCsv(cell);
          if (coerced !== undefined) value[name] = coerced;
        }
      }
      const rowTenant = typeof row.tenantId === 'string' ? row.tenantId : '';
      if (rowTenant !== '' || tenantId !== undefined) {
        value.tenantId = rowTenant !== '' ? rowTenant : tenantId;
      }
      yield { value };
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError('The request body could not be read as CSV', error);
  }
  if (readError instanceof InputError) {
    throw readError;
  }
  if (readError) {
    throw new InputError('The request body could not be read', readError);
  }
  checkHeader();
}
