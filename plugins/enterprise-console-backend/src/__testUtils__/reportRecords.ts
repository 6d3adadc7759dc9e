import { formatCell } from '../reports/csv/CsvWriter';
import {
  ReportContext,
  ReportDefinition,
  reportColumns,
} from '../reports/ReportDefinition';

/**
 * A report's rows as objects from header to the cell as written (before
 * quoting), for tests that look at a few cells.
 */
export async function reportRecords(
  definition: ReportDefinition,
  context: ReportContext,
): Promise<Record<string, string>[]> {
  const columns = reportColumns(definition, context.parameters);
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
