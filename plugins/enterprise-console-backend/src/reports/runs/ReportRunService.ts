import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import { ResourcePermission } from '@backstage/plugin-permission-common';
import {
  enterpriseConsoleConsoleReadPermission,
  enterpriseConsoleReportExportPermission,
  Page,
  ReportRun,
  ReportRunParameters,
  ReportRunStatus,
  reportTitle,
  ReportType,
} from '@internal/plugin-enterprise-console-common';
import { Knex } from 'knex';
import { describeActor } from '../../lib/describeActor';
import { ReportDefinition } from '../ReportDefinition';
import { ReportRunConfig } from './readReportRunConfig';
import {
  parseReportRunEnqueueRequest,
  ReportRunEnqueueRequest,
  ReportRunListQuery,
  ReportRunRequest,
  ScheduledRunContext,
} from './reportRunRequests';
import { ReportRunRecord, ReportRunStore } from './ReportRunStore';
import { toReportRun } from './toReportRun';
import { TooManyRequestsError } from './TooManyRequestsError';

/** Who asks, and what the permission framework lets them do. */
export interface ReportRunCaller {
  credentials: BackstageCredentials;
  /** Throws 403 unless the caller holds the permission on the account. */
  require(permission: ResourcePermission, accountId: string): Promise<void>;
  /** Whether the caller holds the permission on the account. */
  holds(permission: ResourcePermission, accountId: string): Promise<boolean>;
}

// A client has no better guess of when a slot frees up: runs take seconds
// to minutes.
const DEFAULT_RETRY_AFTER_SECONDS = 30;

export interface ReportRunServiceOptions {
  /** The database the reports' parameters are checked against. */
  db: Knex;
  runs: ReportRunStore;
  accounts: {
    get(id: string): Promise<{ enterprise: boolean } | undefined>;
  };
  definitions: Partial<Record<ReportType, ReportDefinition>>;
  config: Pick<ReportRunConfig, 'maxActiveRunsPerUser'>;
  /** The signed download link of a succeeded run. */
  downloadUrlFor?: (run: { id: string; expiresAt: Date }) => string;
  /** Whether runs may name email recipients (a transport is configured). */
  mailsRecipients?: boolean;
  /** A run was queued (wakes this replica's worker). */
  onQueued?: () => void;
  /** A running run should stop (stops it at once if it runs here). */
  onCancelRequested?: (runId: string) => void;
  /** The `Retry-After` of a refusal past the active-runs limit. */
  retryAfterSeconds?: number;
  now?: () => Date;
}

/**
 * Report runs as the API offers them: queueing a run for a caller who may
 * export the account's reports, and the run history, where account admins
 * (console.read on the account) see everyone's runs and others their own.
 */
export class ReportRunService {
  readonly #options: ReportRunServiceOptions;

  constructor(options: ReportRunServiceOptions) {
    this.#options = options;
  }

  #now(): Date {
    return this.#options.now?.() ?? new Date();
  }

  #answer(record: ReportRunRecord): ReportRun {
    return toReportRun(record, {
      now: this.#now(),
      downloadUrlFor: this.#options.downloadUrlFor,
    });
  }

  /**
   * Permission first, so that a denied caller learns nothing about which
   * accounts exist; then, as for enterprise settings, unknown accounts are
   * 404 and accounts that are not enterprise accounts 409.
   */
  async #authorizeOnAccount(
    caller: ReportRunCaller,
    accountId: string,
  ): Promise<void> {
    await caller.require(enterpriseConsoleReportExportPermission, accountId);
    await this.#requireReportAccount(accountId);
  }

  /** Unknown accounts are 404, accounts that are not enterprise accounts 409. */
  async #requireReportAccount(accountId: string): Promise<void> {
    const account = await this.#options.accounts.get(accountId);
    if (!account) {
      throw new NotFoundError(`Account ${accountId} not found`);
    }
    if (!account.enterprise) {
      throw new ConflictError(
        `Account ${accountId} is not an enterprise account; only enterprise accounts have console reports`,
      );
    }
  }

  async create(
    request: ReportRunRequest,
    caller: ReportRunCaller,
  ): Promise<{ id: string; status: ReportRunStatus }> {
    await this.#authorizeOnAccount(caller, request.accountId);
    return this.#queue(request, {
      createdBy: describeActor(caller.credentials),
      maxActive: this.#options.config.maxActiveRunsPerUser,
    });
  }

  /**
   * Queues a run for code rather than for an HTTP caller (a schedule): no
   * credentials, so no permission check; the requester is named by
   * `requestedBy`. The request is checked as the POST route checks it
   * (same schema and messages, 404 for an unknown account, 409 for one
   * that is not an enterprise account, the report's own parameter rules),
   * and `recipients` (1 to 20 email addresses) are mailed the link.
   *
   * The per-user limit of active runs does not apply: it keeps one person
   * from filling the queue by hand, while a schedule's runs are bounded by
   * its own frequency, and counting them against `requestedBy` would let a
   * user's schedules refuse that user's own runs (and the reverse). The
   * queue's concurrency per replica still bounds the work.
   */
  async enqueue(
    request: ReportRunEnqueueRequest,
  ): Promise<{ id: string; status: ReportRunStatus }> {
    const {
      run: parsed,
      requestedBy,
      recipients,
      schedule,
    } = parseReportRunEnqueueRequest(request);
    await this.#requireReportAccount(parsed.accountId);
    if (recipients && !this.#options.mailsRecipients) {
      throw new Error(
        'Report runs with recipients need an email transport (notifications.processors.email.transportConfig)',
      );
    }
    return this.#queue(parsed, {
      createdBy: requestedBy,
      maxActive: Number.MAX_SAFE_INTEGER,
      recipients,
      schedule,
    });
  }

  /**
   * Checks a request as {@link ReportRunService.enqueue} does (400, 404,
   * 409 alike), without queueing it: a schedule is refused when it is made,
   * not at its first occurrence.
   */
  async check(request: ReportRunEnqueueRequest): Promise<void> {
    const { run: parsed } = parseReportRunEnqueueRequest(request);
    await this.#requireReportAccount(parsed.accountId);
    await this.#resolve(parsed, this.#now());
  }

  /** The report's own parameter rules, relative parameters fixed to `now`. */
  async #resolve(request: ReportRunRequest, now: Date) {
    const type = request.type as ReportType;
    const definition = this.#options.definitions[type];
    if (!definition) {
      throw new InputError(
        `Invalid report run: type ${type} is not available on this server`,
      );
    }
    if (definition.requiresName && request.name === undefined) {
      throw new InputError(`Invalid report run: ${type} runs need a name`);
    }
    const resolved = await definition.resolveParameters(
      {
        from: request.from,
        to: request.to,
        filters: request.filters,
        email: request.email,
        period: request.period,
        tenantIds: request.tenantIds,
        // Unchecked until here: the report parses it as the tenants list does.
        filter: request.filter as ReportRunParameters['filter'],
      },
      { db: this.#options.db, accountId: request.accountId, now },
    );
    return { type, resolved };
  }

  async #queue(
    request: ReportRunRequest,
    options: {
      createdBy: string;
      maxActive: number;
      recipients?: string[];
      schedule?: ScheduledRunContext;
    },
  ): Promise<{ id: string; status: ReportRunStatus }> {
    const now = this.#now();
    const { type, resolved } = await this.#resolve(request, now);
    const { createdBy, maxActive } = options;
    const created = await this.#options.runs.records.createWithinLimit(
      {
        accountId: request.accountId,
        type,
        name: request.name ?? reportTitle(type),
        description: request.description,
        delimiter: request.delimiter,
        parameters: { ...resolved, email: request.email ?? false },
        createdBy,
        recipients: options.recipients,
        schedule: options.schedule,
      },
      { maxActive, now },
    );
    if ('limited' in created) {
      throw new TooManyRequestsError(
        `You already have ${created.active} report runs queued or running, the most one user may have (${maxActive}). Wait for one to finish or cancel one, then try again.`,
        this.#options.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS,
      );
    }
    this.#options.onQueued?.();
    return { id: created.id, status: created.status };
  }

  async list(
    parsed: ReportRunListQuery,
    caller: ReportRunCaller,
  ): Promise<Page<ReportRun>> {
    const { limit } = parsed;
    await this.#authorizeOnAccount(caller, parsed.accountId);
    const everyone =
      !parsed.mine &&
      (await caller.holds(
        enterpriseConsoleConsoleReadPermission,
        parsed.accountId,
      ));
    const page = await this.#options.runs.records.list({
      accountId: parsed.accountId,
      createdBy: everyone ? undefined : describeActor(caller.credentials),
      limit,
      cursor: parsed.cursor,
    });
    return { ...page, items: page.items.map(run => this.#answer(run)) };
  }

  async get(id: string, caller: ReportRunCaller): Promise<ReportRun> {
    return this.#answer(await this.#visibleRun(id, caller));
  }

  /**
   * A queued run is cancelled at once; a running one is asked to stop and
   * stops within seconds; a finished one cannot be cancelled (409).
   */
  async cancel(id: string, caller: ReportRunCaller): Promise<ReportRun> {
    await this.#visibleRun(id, caller);
    const result = await this.#options.runs.records.requestCancel(
      id,
      this.#now(),
    );
    if (!result) {
      throw new NotFoundError(`Report run ${id} not found`);
    }
    if (result.outcome === 'finished') {
      throw new ConflictError(
        `Report run ${id} has already ended (${
          this.#answer(result.run).status
        }) and cannot be cancelled`,
      );
    }
    if (result.outcome === 'requested') {
      this.#options.onCancelRequested?.(id);
    }
    return this.#answer(result.run);
  }

  /**
   * The run, if the caller may export the account's reports and either
   * asked for it or administers the account; otherwise 404, as if it did
   * not exist.
   */
  async #visibleRun(
    id: string,
    caller: ReportRunCaller,
  ): Promise<ReportRunRecord> {
    const notFound = new NotFoundError(`Report run ${id} not found`);
    if (id.length > 36) {
      throw notFound;
    }
    const run = await this.#options.runs.records.get(id);
    if (
      !run ||
      !(await caller.holds(
        enterpriseConsoleReportExportPermission,
        run.accountId,
      ))
    ) {
      throw notFound;
    }
    if (
      run.createdBy !== describeActor(caller.credentials) &&
      !(await caller.holds(
        enterpriseConsoleConsoleReadPermission,
        run.accountId,
      ))
    ) {
      throw notFound;
    }
    return run;
  }
}
