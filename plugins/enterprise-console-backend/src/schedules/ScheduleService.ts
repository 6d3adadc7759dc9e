import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  ConflictError,
  InputError,
  isError,
  NotFoundError,
} from '@backstage/errors';
import {
  enterpriseConsoleReportExportPermission,
  enterpriseConsoleScheduleManagePermission,
  isValidSlug,
  Page,
  ReportRunStatus,
} from '@internal/plugin-enterprise-console-common';
import { describeActor } from '../lib/describeActor';
import { Authorizer } from '../permissions/authorize';
import { ReportRunEnqueueRequest } from '../reports';
import { latestOccurrence, nextOccurrence, Recurrence } from './recurrence';
import { parseScheduleRequest } from './scheduleRequests';
import { describePeriod, periodOf } from './schedulePeriod';
import { ScheduleFields, ScheduleRecord, ScheduleStore } from './ScheduleStore';

/** What the schedules area needs of the reports area (its index.ts). */
export interface ScheduleReports {
  enqueue(
    request: ReportRunEnqueueRequest,
  ): Promise<{ id: string; status: ReportRunStatus }>;
  check(request: ReportRunEnqueueRequest): Promise<void>;
  /** The report types a schedule may name. */
  reportTypes: string[];
  /** Whether runs may name email recipients. */
  mailsRecipients: boolean;
}

export interface ScheduleServiceOptions {
  store: ScheduleStore;
  authorizer: Authorizer;
  accounts: { get(id: string): Promise<{ enterprise: boolean } | undefined> };
  reports: ScheduleReports;
  /** The schedule's page in the console, for the stop link of its mail. */
  consoleLinkFor: (schedule: { id: string; accountId: string }) => string;
  /** The clock occurrences are due by; tests set it. */
  now?: () => Date;
  /** How many due schedules one pass of the due task takes at most. */
  batchSize?: number;
}

/** A change of a schedule, for the audit: what it was and what it became. */
export interface ScheduleChange {
  before?: ScheduleRecord;
  after?: ScheduleRecord;
}

function recurrenceOf(fields: ScheduleFields): Recurrence {
  const { time, timezone } = fields;
  if (fields.recurrence === 'weekly') {
    return {
      recurrence: 'weekly',
      dayOfWeek: fields.dayOfWeek!,
      time,
      timezone,
    };
  }
  if (fields.recurrence === 'monthly') {
    return {
      recurrence: 'monthly',
      dayOfMonth: fields.dayOfMonth!,
      time,
      timezone,
    };
  }
  return { recurrence: 'daily', time, timezone };
}

/** The fields of a stored schedule, as an edit starts from them. */
function fieldsOf(record: ScheduleRecord): ScheduleFields {
  const {
    id: _id,
    nextRunAt: _next,
    lastRunAt: _lastAt,
    lastRunId: _lastId,
    lastError: _lastError,
    lastStatus: _lastStatus,
    createdBy: _createdBy,
    createdAt: _createdAt,
    updatedBy: _updatedBy,
    updatedAt: _updatedAt,
    ...fields
  } = record;
  return fields;
}

/**
 * Scheduled reports (reports.md, "Scheduled usage reports"): who may manage
 * them, what they may be, when they run, and queueing their runs through
 * the reports area. A schedule is managed with schedule.manage on its
 * account; making it run (create, edit, enable, run now) also needs
 * report.export there, so nobody schedules reports they may not export.
 * A schedule the caller may not manage is a 404, as if it did not exist.
 */
export class ScheduleService {
  readonly #o: ScheduleServiceOptions;

  constructor(options: ScheduleServiceOptions) {
    this.#o = options;
  }

  #now(): Date {
    return this.#o.now?.() ?? new Date();
  }

  async #require(
    credentials: BackstageCredentials,
    accountId: string,
    options: { export: boolean },
  ): Promise<void> {
    const { authorizer } = this.#o;
    await authorizer.requirePermission(
      credentials,
      enterpriseConsoleScheduleManagePermission,
      accountId,
    );
    if (options.export) {
      await authorizer.requirePermission(
        credentials,
        enterpriseConsoleReportExportPermission,
        accountId,
      );
    }
  }

  /** Unknown accounts are 404, accounts that are not enterprise accounts 409. */
  async #requireAccount(accountId: string): Promise<void> {
    const account = isValidSlug(accountId)
      ? await this.#o.accounts.get(accountId)
      : undefined;
    if (!account) {
      throw new NotFoundError(`Account ${accountId} not found`);
    }
    if (!account.enterprise) {
      throw new ConflictError(
        `Account ${accountId} is not an enterprise account; only enterprise accounts have scheduled reports`,
      );
    }
  }

  /** The schedule, if the caller may manage its account's schedules; else 404. */
  async #visible(
    id: string,
    credentials: BackstageCredentials,
  ): Promise<ScheduleRecord> {
    const schedule = id.length <= 36 ? await this.#o.store.get(id) : undefined;
    if (
      !schedule ||
      !(await this.#o.authorizer.isAllowed(
        credentials,
        enterpriseConsoleScheduleManagePermission,
        schedule.accountId,
      ))
    ) {
      throw new NotFoundError(`Schedule ${id} not found`);
    }
    return schedule;
  }

  /** The run an occurrence (or a run now) queues. */
  #runRequest(
    schedule: ScheduleFields & { id?: string; createdBy: string },
    occurrence: Date,
  ): ReportRunEnqueueRequest {
    const period = periodOf(schedule, occurrence);
    return {
      accountId: schedule.accountId,
      type: schedule.type as ReportRunEnqueueRequest['type'],
      name: schedule.name,
      ...(schedule.description !== undefined
        ? { description: schedule.description }
        : {}),
      delimiter: schedule.delimiter,
      parameters: {
        from: period.from.toISOString(),
        to: period.to.toISOString(),
        ...(schedule.tenantIds ? { tenantIds: schedule.tenantIds } : {}),
        ...(schedule.filter ? { filter: schedule.filter } : {}),
      },
      requestedBy: schedule.createdBy,
      recipients: schedule.recipients,
      ...(schedule.id
        ? {
            schedule: {
              id: schedule.id,
              name: schedule.name,
              owner: schedule.createdBy,
              period: describePeriod(period, schedule.timezone),
              link: this.#o.consoleLinkFor({ ...schedule, id: schedule.id }),
            },
          }
        : {}),
    };
  }

  /**
   * What a schedule may be beyond its own fields: a report type the
   * reports area offers, parameters the report accepts (checked as its run
   * would be), and a server that can mail the recipients.
   */
  async #check(fields: ScheduleFields, createdBy: string): Promise<void> {
    const { reports } = this.#o;
    if (!reports.reportTypes.includes(fields.type)) {
      throw new InputError(
        `Invalid schedule: type must be one of ${reports.reportTypes.join(
          ', ',
        )}`,
      );
    }
    await reports.check(
      this.#runRequest({ ...fields, createdBy }, this.#now()),
    );
    this.#requireMail();
  }

  #requireMail(): void {
    if (!this.#o.reports.mailsRecipients) {
      throw new ConflictError(
        'Scheduled reports mail their recipients, and this server has no email transport (notifications.processors.email.transportConfig)',
      );
    }
  }

  #nextRunAt(fields: ScheduleFields): Date | null {
    return fields.enabled
      ? nextOccurrence(recurrenceOf(fields), this.#now())
      : null;
  }

  async list(
    query: { accountId: string; limit: number; cursor?: string },
    credentials: BackstageCredentials,
  ): Promise<Page<ScheduleRecord>> {
    await this.#require(credentials, query.accountId, { export: false });
    await this.#requireAccount(query.accountId);
    return this.#o.store.list(query);
  }

  async get(
    id: string,
    credentials: BackstageCredentials,
  ): Promise<ScheduleRecord> {
    return this.#visible(id, credentials);
  }

  async create(
    body: unknown,
    credentials: BackstageCredentials,
  ): Promise<ScheduleChange & { after: ScheduleRecord }> {
    // Permission on the account the body names before anything is said
    // about the body; a body naming none is a 400 either way.
    const named = (body as { accountId?: unknown } | undefined)?.accountId;
    if (typeof named === 'string') {
      await this.#require(credentials, named, { export: true });
    }
    const fields = parseScheduleRequest(body);
    await this.#require(credentials, fields.accountId, { export: true });
    await this.#requireAccount(fields.accountId);
    const createdBy = describeActor(credentials);
    await this.#check(fields, createdBy);
    const after = await this.#o.store.create(fields, {
      createdBy,
      now: this.#now(),
      nextRunAt: this.#nextRunAt(fields),
    });
    return { after };
  }

  async update(
    id: string,
    body: unknown,
    credentials: BackstageCredentials,
  ): Promise<Required<ScheduleChange>> {
    const current = await this.#visible(id, credentials);
    await this.#require(credentials, current.accountId, { export: true });
    const fields = parseScheduleRequest(body);
    if (fields.accountId !== current.accountId) {
      throw new InputError(
        `Invalid schedule: accountId cannot change (the schedule belongs to ${current.accountId})`,
      );
    }
    await this.#requireAccount(fields.accountId);
    await this.#check(fields, current.createdBy);
    return this.#replace(id, credentials, () => ({
      fields,
      nextRunAt: this.#nextRunAt(fields),
    }));
  }

  async setEnabled(
    id: string,
    enabled: boolean,
    credentials: BackstageCredentials,
  ): Promise<Required<ScheduleChange>> {
    const current = await this.#visible(id, credentials);
    if (enabled) {
      await this.#require(credentials, current.accountId, { export: true });
      await this.#requireAccount(current.accountId);
      await this.#check(fieldsOf(current), current.createdBy);
    }
    return this.#replace(id, credentials, before => {
      const fields = { ...fieldsOf(before), enabled };
      // Enabling an enabled schedule keeps the occurrence it waits for.
      const unchanged = before.enabled === enabled;
      return {
        fields,
        nextRunAt:
          unchanged && before.nextRunAt
            ? new Date(before.nextRunAt)
            : this.#nextRunAt(fields),
      };
    });
  }

  async #replace(
    id: string,
    credentials: BackstageCredentials,
    change: (before: ScheduleRecord) => {
      fields: ScheduleFields;
      nextRunAt: Date | null;
    },
  ): Promise<Required<ScheduleChange>> {
    const result = await this.#o.store.update(id, change, {
      updatedBy: describeActor(credentials),
      now: this.#now(),
    });
    if (!result) {
      throw new NotFoundError(`Schedule ${id} not found`);
    }
    return result;
  }

  async delete(
    id: string,
    credentials: BackstageCredentials,
  ): Promise<ScheduleChange & { before: ScheduleRecord }> {
    await this.#visible(id, credentials);
    const before = await this.#o.store.delete(id);
    if (!before) {
      throw new NotFoundError(`Schedule ${id} not found`);
    }
    return { before };
  }

  /** Queues a run of the schedule now, for the period ending now; its next occurrence stays. */
  async runNow(
    id: string,
    credentials: BackstageCredentials,
  ): Promise<{
    run: { id: string; status: ReportRunStatus };
    schedule: ScheduleRecord;
  }> {
    const schedule = await this.#visible(id, credentials);
    await this.#require(credentials, schedule.accountId, { export: true });
    await this.#requireAccount(schedule.accountId);
    this.#requireMail();
    const now = this.#now();
    const run = await this.#o.reports.enqueue(this.#runRequest(schedule, now));
    await this.#o.store.recordRun({
      scheduleId: id,
      at: now,
      outcome: { runId: run.id },
    });
    return { run, schedule: (await this.#o.store.get(id)) ?? schedule };
  }

  /**
   * One pass of the due task: for each enabled schedule whose next
   * occurrence has come, claims the latest occurrence up to now (so
   * occurrences missed while every replica was down run once, not once
   * each) and queues its run. A claim another replica won is skipped; a
   * run that cannot be queued (the account is gone, the report refuses
   * the parameters) is recorded as the schedule's failed last run.
   */
  async runDue(
    signal?: AbortSignal,
  ): Promise<{ queued: number; failed: number }> {
    const now = this.#now();
    const due = await this.#o.store.listDue(now, this.#o.batchSize ?? 100);
    let queued = 0;
    let failed = 0;
    for (const { record, nextRunAt } of due) {
      if (signal?.aborted) {
        break;
      }
      const recurrence = recurrenceOf(fieldsOf(record));
      const occurrenceAt = latestOccurrence(recurrence, now);
      const claimed = await this.#o.store.claim({
        scheduleId: record.id,
        expected: nextRunAt,
        occurrenceAt,
        next: nextOccurrence(recurrence, now),
        now,
      });
      if (!claimed) {
        continue;
      }
      try {
        const run = await this.#o.reports.enqueue(
          this.#runRequest(record, occurrenceAt),
        );
        await this.#o.store.recordRun({
          scheduleId: record.id,
          occurrenceAt,
          at: now,
          outcome: { runId: run.id },
        });
        queued++;
      } catch (error) {
        await this.#o.store.recordRun({
          scheduleId: record.id,
          occurrenceAt,
          at: now,
          outcome: { error: isError(error) ? error.message : String(error) },
        });
        failed++;
      }
    }
    return { queued, failed };
  }
}
