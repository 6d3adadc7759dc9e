import { ReportRun } from '@internal/plugin-enterprise-console-common';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { DownloadUrlFor } from './downloadUrlFor';
import { describeLinkLifetime } from './readDownloadLinkConfig';

/** Topic of the notification of a run that asked for email. */
export const REPORT_READY_TOPIC = 'enterprise-console-report-ready';
/**
 * Topic of the notification of a run that did not: the email processor's
 * config excludes it (notifications.processors.email.filter.excludedTopics),
 * so it stays in the app.
 */
export const REPORT_READY_IN_APP_TOPIC =
  'enterprise-console-report-ready-in-app';

/** `2026-11-23 14:05 UTC` */
function formatUtc(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/**
 * Tells the requester that a run succeeded (reports.md, "Runs, delivery and
 * downloads"): one notification with the signed link, which the email
 * processor also mails when the run asked for email. Failures are thrown;
 * the caller decides what a failed delivery means for the run.
 */
export class ReportDelivery {
  readonly #notifications: NotificationService;
  readonly #accountName: (accountId: string) => Promise<string | undefined>;
  readonly #downloadUrlFor: DownloadUrlFor;
  readonly #expiryMs: number;

  constructor(options: {
    notifications: NotificationService;
    /** The account's display name (AccountStore). */
    accountName: (accountId: string) => Promise<string | undefined>;
    downloadUrlFor: DownloadUrlFor;
    expiryMs: number;
  }) {
    this.#notifications = options.notifications;
    this.#accountName = options.accountName;
    this.#downloadUrlFor = options.downloadUrlFor;
    this.#expiryMs = options.expiryMs;
  }

  async deliver(run: ReportRun): Promise<void> {
    if (run.status !== 'succeeded' || !run.expiresAt) {
      throw new Error(
        `Report run ${run.id} has no file to deliver (status ${run.status})`,
      );
    }
    // Only users get notifications; a run asked by a service has nobody to tell.
    if (!/^user:/i.test(run.createdBy)) {
      return;
    }
    const expiresAt = new Date(run.expiresAt);
    const accountName =
      (await this.#accountName(run.accountId)) ?? run.accountId;
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
