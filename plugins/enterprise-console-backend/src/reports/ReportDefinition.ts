import {
  CONSOLE_REPORTS,
  isConsoleReportType,
  ReportColumn,
  ReportRunParameters,
  ReportType,
} from '@internal/plugin-enterprise-console-common';
import { Knex } from 'knex';
import { ReportRow } from './csv/CsvWriter';

/** What a report reads its rows with. */
export interface ReportContext {
  db: Knex;
  account: { id: string; name: string };
  /** The parameters resolved when the run was requested. */
  parameters: ReportRunParameters;
  /** When the run was requested: "last 30 days" and the like end here. */
  requestedAt: Date;
  /** Rows per batch; each batch is one query, so memory stays flat. */
  batchSize: number;
}

/**
 * One report of reports.md: how a request's parameters are checked and
 * fixed, and how its rows are read, in their final order.
 *
 * Columns and titles are in the common package: `CONSOLE_REPORTS`, and
 * `tenantUsageColumns` for the report whose columns depend on the run.
 */
export interface ReportDefinition {
  type: ReportType;
  /** Whether a run must be given a name (tenant-usage, reports.md). */
  requiresName?: boolean;
  /**
   * Checks the request's parameters (throws InputError naming the field)
   * and resolves relative ones against `now`, so a queued run reports on
   * the time it was asked for. Tenant ids must belong to the account.
   */
  resolveParameters(
    request: ReportRunParameters,
    context: { db: Knex; accountId: string; now: Date },
  ): Promise<ReportRunParameters>;
  /**
   * The rows in the order of reports.md, batch by batch: each batch is read
   * with one bounded query (keyset, never OFFSET), so the report never sits
   * in memory whole.
   */
  rows(context: ReportContext): AsyncIterable<ReportRow[]>;
  /** The columns of a run, when they depend on its parameters. */
  columns?(parameters: ReportRunParameters): readonly ReportColumn[];
}

/** The columns of a run: the definition's own, else those of CONSOLE_REPORTS. */
export function reportColumns(
  definition: ReportDefinition,
  parameters: ReportRunParameters,
): readonly ReportColumn[] {
  if (definition.columns) {
    return definition.columns(parameters);
  }
  if (!isConsoleReportType(definition.type)) {
    throw new Error(`Report ${definition.type} names no columns`);
  }
  return CONSOLE_REPORTS[definition.type].columns;
}
