import { InputError } from '@backstage/errors';
import { TenantDataRecordType } from '@internal/plugin-enterprise-console-common';
import Papa from 'papaparse';
import { Readable, pipeline } from 'stream';
import { IngestItem } from './IngestionService';
import { RECORD_TYPES } from './recordTypes';

/**
 * The records of a CSV body with a header row, all of one type. Cells are
 * coerced to the field's JSON type (numbers, flags) so that the same
 * validation applies as to JSON; an empty cell is an absent field. The
 * tenant comes from the `tenantId` column or, where that is empty or
 * missing, from the query. papaparse's stream pauses while rows wait to be
 * consumed, so the body is read no faster than records are written.
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
  let readError: unknown;
  pipeline(body, parser, error => {
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
  if (readError) {
    throw new InputError('The request body could not be read', readError);
  }
  checkHeader();
}
