import {
  CsvDelimiter,
  Page,
  ReportRunStatus,
  ScheduleDayOfWeek,
  SchedulePeriod,
  ScheduleRecurrence,
} from '@internal/plugin-enterprise-console-common';
import { randomUUID } from 'node:crypto';
import { Knex } from 'knex';
import {
  readBoolean,
  readOptionalTimestamp,
  readStringArray,
  readTimestamp,
} from '../database/columns';
import { TimeColumn } from '../database/timeColumn';
import { pageInCreationOrder } from '../database/pageInCreationOrder';
import { isUniqueViolation } from '../database/isUniqueViolation';

/** What a schedule is made of, as created or replaced: checked, defaults filled. */
export interface ScheduleFields {
  accountId: string;
  name: string;
  description?: string;
  type: string;
  recipients: string[];
  recurrence: ScheduleRecurrence;
  dayOfWeek?: ScheduleDayOfWeek;
  dayOfMonth?: number;
  time: string;
  timezone: string;
  delimiter: CsvDelimiter;
  period: SchedulePeriod;
  from?: string;
  to?: string;
  tenantIds?: string[];
  filter?: Record<string, unknown>;
  enabled: boolean;
}

/** A stored schedule, with its last run's status. */
export interface ScheduleRecord extends ScheduleFields {
  id: string;
  nextRunAt: string | null;
  lastRunAt: string | null;
  lastRunId?: string;
  lastError?: string;
  /** The last run's status, `failed` when it could not be queued. */
  lastStatus: ReportRunStatus | null;
  createdBy: string;
  createdAt: string;
  updatedBy: string;
  updatedAt: string;
}

interface ScheduleRow {
  id: string;
  account_id: string;
  name: string;
  description: string | null;
  type: string;
  recipients: string;
  recurrence: ScheduleRecurrence;
  day_of_week: ScheduleDayOfWeek | null;
  day_of_month: number | string | null;
  time: string;
  timezone: string;
  delimiter: CsvDelimiter;
  period: SchedulePeriod;
  period_from: string | null;
  period_to: string | null;
  tenant_ids: string | null;
  tenant_filter: string | null;
  enabled: boolean | number;
  next_run_at: TimeColumn | null;
  last_run_at: TimeColumn | null;
  last_run_id: string | null;
  last_error: string | null;
  created_by: string;
  created_at: TimeColumn;
  updated_by: string;
  updated_at: TimeColumn;
  /** Joined from report_runs. */
  run_status?: ReportRunStatus | null;
}

const TABLE = 'schedules';
const OCCURRENCES = 'schedule_occurrences';

function toRecord(row: ScheduleRow): ScheduleRecord {
  const lastStatus: ReportRunStatus | null =
    row.last_error !== null ? 'failed' : row.run_status ?? null;
  return {
    id: row.id,
    accountId: row.account_id,
    name: row.name,
    ...(row.description !== null ? { description: row.description } : {}),
    type: row.type,
    recipients: readStringArray(row.recipients),
    recurrence: row.recurrence,
    ...(row.day_of_week !== null ? { dayOfWeek: row.day_of_week } : {}),
    ...(row.day_of_month !== null
      ? { dayOfMonth: Number(row.day_of_month) }
      : {}),
    time: row.time,
    timezone: row.timezone,
    delimiter: row.delimiter,
    period: row.period,
    ...(row.period_from !== null ? { from: row.period_from } : {}),
    ...(row.period_to !== null ? { to: row.period_to } : {}),
    ...(row.tenant_ids !== null
      ? { tenantIds: readStringArray(row.tenant_ids) }
      : {}),
    ...(row.tenant_filter !== null
      ? { filter: JSON.parse(row.tenant_filter) }
      : {}),
    enabled: readBoolean(row.enabled),
    nextRunAt: readOptionalTimestamp(row.next_run_at) ?? null,
    lastRunAt: readOptionalTimestamp(row.last_run_at) ?? null,
    ...(row.last_run_id !== null ? { lastRunId: row.last_run_id } : {}),
    ...(row.last_error !== null ? { lastError: row.last_error } : {}),
    lastStatus,
    createdBy: row.created_by,
    createdAt: readTimestamp(row.created_at),
    updatedBy: row.updated_by,
    updatedAt: readTimestamp(row.updated_at),
  };
}

function toColumns(fields: ScheduleFields) {
  return {
    account_id: fields.accountId,
    name: fields.name,
    description: fields.description ?? null,
    type: fields.type,
    recipients: JSON.stringify(fields.recipients),
    recurrence: fields.recurrence,
    day_of_week: fields.dayOfWeek ?? null,
    day_of_month: fields.dayOfMonth ?? null,
    time: fields.time,
    timezone: fields.timezone,
    delimiter: fields.delimiter,
    period: fields.period,
    period_from: fields.from ?? null,
    period_to: fields.to ?? null,
    tenant_ids: fields.tenantIds ? JSON.stringify(fields.tenantIds) : null,
    tenant_filter: fields.filter ? JSON.stringify(fields.filter) : null,
    enabled: fields.enabled,
  };
}

/** Another replica (or an edit) moved the schedule on first. */
class LostClaim extends Error {}

/** A schedule whose next occurrence is due. */
export interface DueSchedule {
  record: ScheduleRecord;
  /** The next_run_at read, which a claim compares and sets. */
  nextRunAt: Date;
}

/**
 * The one store of `schedules` and `schedule_occurrences`. An occurrence is
 * claimed by inserting its (schedule, occurrence) row, unique, and moving
 * the schedule's next_run_at on from the value read, in one transaction:
 * of replicas claiming the same schedule at once, one wins and the others
 * change nothing.
 */
export class ScheduleStore {
  readonly #db: Knex;

  constructor(db: Knex) {
    this.#db = db;
  }

  #select(db: Knex | Knex.Transaction = this.#db) {
    return db<ScheduleRow>(`${TABLE} as s`)
      .leftJoin('report_runs as r', 'r.id', 's.last_run_id')
      .select('s.*', { run_status: 'r.status' });
  }

  async create(
    fields: ScheduleFields,
    meta: { createdBy: string; now: Date; nextRunAt: Date | null },
  ): Promise<ScheduleRecord> {
    const id = randomUUID();
    await this.#db(TABLE).insert({
      id,
      ...toColumns(fields),
      next_run_at: meta.nextRunAt,
      created_by: meta.createdBy,
      created_at: meta.now,
      updated_by: meta.createdBy,
      updated_at: meta.now,
    });
    return (await this.get(id))!;
  }

  async get(id: string): Promise<ScheduleRecord | undefined> {
    const row = await this.#select().where('s.id', id).first();
    return row ? toRecord(row as ScheduleRow) : undefined;
  }

  async list(options: {
    accountId: string;
    limit: number;
    cursor?: string;
  }): Promise<Page<ScheduleRecord>> {
    return pageInCreationOrder<ScheduleRow, ScheduleRecord>({
      rows: this.#select().where('s.account_id', options.accountId),
      count: this.#db(TABLE).where('account_id', options.accountId),
      columns: { createdAt: 's.created_at', id: 's.id' },
      order: 'asc',
      limit: options.limit,
      cursor: options.cursor,
      toItem: toRecord,
      positionOf: schedule => schedule,
    });
  }

  /**
   * Replaces the schedule's fields (and next run), and answers it before
   * and after; undefined for an unknown id.
   */
  async update(
    id: string,
    change: (before: ScheduleRecord) => {
      fields: ScheduleFields;
      nextRunAt: Date | null;
    },
    meta: { updatedBy: string; now: Date },
  ): Promise<{ before: ScheduleRecord; after: ScheduleRecord } | undefined> {
    return this.#db.transaction(async tx => {
      // Two edits at once: the second waits and sees the first as `before`.
      const lock = tx(TABLE).where({ id }).first('id');
      if (tx.client.config.client === 'pg') {
        lock.forUpdate();
      }
      await lock;
      const row = await this.#select(tx).where('s.id', id).first();
      if (!row) {
        return undefined;
      }
      const before = toRecord(row as ScheduleRow);
      const { fields, nextRunAt } = change(before);
      await tx(TABLE)
        .where({ id })
        .update({
          ...toColumns(fields),
          next_run_at: nextRunAt,
          updated_by: meta.updatedBy,
          updated_at: meta.now,
        });
      const after = await this.#select(tx).where('s.id', id).first();
      return { before, after: toRecord(after as ScheduleRow) };
    });
  }

  /** Deletes the schedule and its occurrences; answers what it was. */
  async delete(id: string): Promise<ScheduleRecord | undefined> {
    return this.#db.transaction(async tx => {
      const row = await this.#select(tx).where('s.id', id).first();
      if (!row) {
        return undefined;
      }
      await tx(OCCURRENCES).where({ schedule_id: id }).delete();
      await tx(TABLE).where({ id }).delete();
      return toRecord(row as ScheduleRow);
    });
  }

  /** Enabled schedules whose next occurrence is at or before `now`, soonest first. */
  async listDue(now: Date, limit: number): Promise<DueSchedule[]> {
    const rows: ScheduleRow[] = await this.#select()
      .where('s.enabled', true)
      .whereNotNull('s.next_run_at')
      .andWhere('s.next_run_at', '<=', now)
      .orderBy([
        { column: 's.next_run_at', order: 'asc' },
        { column: 's.id', order: 'asc' },
      ])
      .limit(limit);
    return rows.map(row => ({
      record: toRecord(row),
      nextRunAt: new Date(row.next_run_at!),
    }));
  }

  /**
   * Claims one occurrence of a due schedule: true for the one caller that
   * inserted its row and moved next_run_at on from `expected` to `next`;
   * false when another replica (or an edit) got there first.
   */
  async claim(options: {
    scheduleId: string;
    expected: Date;
    occurrenceAt: Date;
    next: Date;
    now: Date;
  }): Promise<boolean> {
    try {
      return await this.#db.transaction(async tx => {
        const moved = await tx(TABLE)
          .where({
            id: options.scheduleId,
            enabled: true,
            next_run_at: options.expected,
          })
          .update({ next_run_at: options.next });
        if (moved !== 1) {
          throw new LostClaim();
        }
        // The unique (schedule_id, occurrence_at) refuses a second claim.
        await tx(OCCURRENCES).insert({
          schedule_id: options.scheduleId,
          occurrence_at: options.occurrenceAt,
          claimed_at: options.now,
        });
        return true;
      });
    } catch (error) {
      if (error instanceof LostClaim || isUniqueViolation(error)) {
        return false;
      }
      throw error;
    }
  }

  /** Records what a claimed occurrence (or a run now) queued, or why it queued nothing. */
  async recordRun(options: {
    scheduleId: string;
    occurrenceAt?: Date;
    at: Date;
    outcome: { runId: string } | { error: string };
  }): Promise<void> {
    const runId = 'runId' in options.outcome ? options.outcome.runId : null;
    const error = 'error' in options.outcome ? options.outcome.error : null;
    await this.#db.transaction(async tx => {
      if (options.occurrenceAt) {
        await tx(OCCURRENCES)
          .where({
            schedule_id: options.scheduleId,
            occurrence_at: options.occurrenceAt,
          })
          .update({ run_id: runId, error });
      }
      await tx(TABLE).where({ id: options.scheduleId }).update({
        last_run_at: options.at,
        last_run_id: runId,
        last_error: error,
      });
    });
  }

  /** The occurrences claimed of a schedule, oldest first. */
  async occurrences(
    scheduleId: string,
  ): Promise<Array<{ occurrenceAt: string; runId?: string; error?: string }>> {
    const rows = await this.#db(OCCURRENCES)
      .where({ schedule_id: scheduleId })
      .orderBy('occurrence_at');
    return rows.map(row => ({
      occurrenceAt: readTimestamp(row.occurrence_at),
      ...(row.run_id ? { runId: row.run_id } : {}),
      ...(row.error ? { error: row.error } : {}),
    }));
  }
}
