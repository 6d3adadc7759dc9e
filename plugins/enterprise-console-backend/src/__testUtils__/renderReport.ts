import {
  CONSOLE_REPORTS,
  CsvDelimiter,
} from '@internal/plugin-enterprise-console-common';
import { CsvWriter, formatCell } from '../reports/csv/CsvWriter';
import { ReportContext, ReportDefinition } from '../reports/ReportDefinition';

/**
 * A report's whole file as a string, written as a run writes it: the
 * header, then each batch through the one CSV writer. For tests.
 */
export async function renderReport(
  definition: ReportDefinition,
  context: ReportContext,
  delimiter: CsvDelimiter,
): Promise<string> {
  const writer = new CsvWriter(
    CONSOLE_REPORTS[definition.type].columns,
    delimiter,
  );
  let file = writer.header();
  for await (const batch of definition.rows(context)) {
    if (batch.length > context.batchSize) {
      throw new Error(
        `A batch of ${batch.length} rows is larger than batchSize ${context.batchSize}`,
      );
    }
    file += writer.rows(batch);
  }
  return file;
}

/**
 * A report's rows as objects from header to the cell as written (before
 * quoting), for tests that look at a few cells.
 */
export async function reportRecords(
  definition: ReportDefinition,
  context: ReportContext,
): Promise<Record<string, string>[]> {
  const columns = CONSOLE_REPORTS[definition.type].columns;
  const records: Record<string, string>[] = [];
  for await (const batch of definition.rows(context)) {
    for (const row of batch) {
      records.push(
        Object.fromEntries(
          columns.map((column, index) => [
            column.header,
            formatCell(column.kind, row[index]),
          ]),
        ),
      );
    }
  }
  return records;
}

/** A whole CSV file's text: the byte-order mark, then lines ending CRLF. */
export function csvFile(lines: string[]): string {
  return `\ufeff${lines.join('\r\n')}\r\n`;
}
