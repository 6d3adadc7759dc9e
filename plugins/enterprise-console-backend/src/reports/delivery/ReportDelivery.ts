import { ReportRun } from '@internal/plugin-enterprise-console-common';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { DownloadUrlFor } from '../../files';
import type { ScheduledRunContext } from '../runs/reportRunRequests';
import { EmailSender } from '../../mail';
import { describeLinkLifetime } from './readDownloadLinkConfig';
import { formatUtc, reportReadyEmail } from './reportReadyEmail';

/** Topic of the notification of a run that asked for email. */
export const REPORT_READY_TOPIC = 'enterprise-console-report-ready';
/**
 * Topic of the notification of a run that did not: the email processor's
 * config excludes it (notifications.processors.email.filter.excludedTopics),
 * so it stays in the app.
 */
export const REPORT_READY_IN_APP_TOPIC =
  'enterprise-console-report-ready-in-app';

/**
 * Tells the requester that a run succeeded (reports.md, "Runs, delivery and
 * downloads"): one notification with the signed link, which the email
 * processor also mails when the run asked for email. A run with recipients
 * (email addresses, not necessarily portal users) also mails them the link,
 * through the email module's transport. Failures are thrown once both were
 * tried; the caller decides what a failed delivery means for the run.
 */
export class ReportDelivery {
  readonly #notifications: NotificationService;
  readonly #accountName: (accountId: string) => Promise<string | undefined>;
  readonly #downloadUrlFor: DownloadUrlFor;
  readonly #expiryMs: number;
  readonly #email?: EmailSender;

  constructor(options: {
    notifications: NotificationService;
    /** The account's display name (AccountStore). */
    accountName: (accountId: string) => Promise<string | undefined>;
    downloadUrlFor: DownloadUrlFor;
    expiryMs: number;
    /** Mails recipients; without it a run with recipients fails to deliver. */
    email?: EmailSender;
  }) {
    this.#notifications = options.notifications;
    this.#accountName = options.accountName;
    this.#downloadUrlFor = options.downloadUrlFor;
    this.#expiryMs = options.expiryMs;
    this.#email = options.email;
  }

  /** Whether runs may name recipients: an email transport is configured. */
  get mailsRecipients(): boolean {
    return this.#email !== undefined;
  }

  async deliver(
    run: ReportRun,
    recipients: string[] = [],
    schedule?: ScheduledRunContext,
  ): Promise<void> {
    if (run.status !== 'succeeded' || !run.expiresAt) {
      throw new Error(
        `Report run ${run.id} has no file to deliver (status ${run.status})`,
      );
    }
    const expiresAt = new Date(run.expiresAt);
    const accountName =
      (await this.#accountName(run.accountId)) ?? run.accountId;
    const results = await Promise.allSettled([
      this.#notify(run, accountName, expiresAt),
      this.#mail(run, recipients, accountName, expiresAt, schedule),
    ]);
    const failure = results.find(
      (result): result is PromiseRejectedResult => result.status === 'rejected',
    );
    if (failure) {
      throw failure.reason;
    }
  }

  async #mail(
    run: ReportRun,
    recipients: string[],
    accountName: string,
    expiresAt: Date,
    schedule?: ScheduledRunContext,
  ): Promise<void> {
    if (recipients.length === 0) {
      return;
    }
    if (!this.#email) {
      throw new Error(
        `Report run ${run.id} has recipients but no email transport is configured (notifications.processors.email.transportConfig)`,
      );
    }
    await this.#email.send(
      reportReadyEmail({
        to: recipients,
        reportName: run.name,
        accountName,
        link: this.#downloadUrlFor({ id: run.id, expiresAt }),
        expiresAt,
        lifetime: describeLinkLifetime(this.#expiryMs),
        schedule,
      }),
    );
  }

  async #notify(
    run: ReportRun,
    accountName: string,
    expiresAt: Date,
  ): Promise<void> {
    // Only users get notifications; a run asked by a service has nobody to tell.
    if (!/^user:/i.test(run.createdBy)) {
      return;
    }
    await this.#notifications.send({
      recipients: { type: 'entity', entityRef: run.createdBy },
      payload: {
        title: `Your report is ready: ${accountName} — ${run.name}`,
        description: `The report ${
          run.name
        } for ${accountName} is ready to download until ${formatUtc(
          expiresAt,
        )}. The link works for ${describeLinkLifetime(
          this.#expiryMs,
        )} without signing in.`,
        link: this.#downloadUrlFor({ id: run.id, expiresAt }),
        severity: 'normal',
        topic: run.parameters.email
          ? REPORT_READY_TOPIC
          : REPORT_READY_IN_APP_TOPIC,
        // A second delivery of the same run replaces the first.
        scope: `report-run:${run.id}`,
        metadata: { runId: run.id, accountId: run.accountId },
      },
    });
  }
}
