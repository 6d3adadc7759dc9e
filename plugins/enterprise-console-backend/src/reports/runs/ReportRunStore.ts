import { Knex } from 'knex';
import { ReportRunQueue } from './ReportRunQueue';
import { ReportRunRecords } from './ReportRunRecords';

export type {
  NewReportRun,
  ReportRunClaim,
  ReportRunOutcome,
  ReportRunRecord,
} from './reportRunRows';

/**
 * The one store of `report_runs`: nothing else reads or writes the table.
 * Its two halves are the run records (queueing, reading, listing, cancel
 * requests, expiry) and the queue (claims, leases, progress, outcomes).
 */
export class ReportRunStore {
  readonly records: ReportRunRecords;
  readonly queue: ReportRunQueue;

  constructor(db: Knex) {
    this.records = new ReportRunRecords(db);
    this.queue = new ReportRunQueue(db);
  }
}
