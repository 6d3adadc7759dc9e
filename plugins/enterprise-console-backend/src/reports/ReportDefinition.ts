import {
  ConsoleReportType,
  ReportRunParameters,
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
 * Columns and titles are in `CONSOLE_REPORTS` of the common package.
 */
export interface ReportDefinition {
  type: ConsoleReportType;
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
}
