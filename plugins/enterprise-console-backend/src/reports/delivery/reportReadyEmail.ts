import { escapeHtml } from '@internal/plugin-enterprise-console-node';
import type { ScheduledRunContext } from '../runs/reportRunRequests';
import { OutgoingMail } from '../../mail';

/** `2026-11-23 14:05 UTC` */
export function formatUtc(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/**
 * The mail of a succeeded run to its recipients: the report, the account,
 * until when the link works, and the link; for a run a schedule queued,
 * also the schedule, its owner, the period, and how to stop the schedule,
 * with a link to it in the console. Every value is escaped in the HTML
 * part; names come from users and ingested data.
 */
export function reportReadyEmail(options: {
  to: string[];
  reportName: string;
  accountName: string;
  link: string;
  expiresAt: Date;
  /** `24 hours`, as readDownloadLinkConfig describes it. */
  lifetime: string;
  /** The schedule that queued the run. */
  schedule?: ScheduledRunContext;
}): OutgoingMail {
  const { reportName, accountName, link, lifetime, schedule } = options;
  const until = formatUtc(options.expiresAt);
  const h = escapeHtml;
  return {
    to: options.to,
    subject: `Report ready: ${accountName} — ${reportName}`,
    text: [
      `The report ${reportName} for ${accountName} is ready.`,
      ...(schedule
        ? [
            '',
            `It comes from the schedule ${schedule.name} of ${schedule.owner}, for the period ${schedule.period}.`,
          ]
        : []),
      '',
      `Download it until ${until} (the link works for ${lifetime}, without signing in):`,
      link,
      ...(schedule
        ? [
            '',
            `To stop these emails, disable or delete the schedule in the console, or ask ${schedule.owner} to:`,
            schedule.link,
          ]
        : []),
    ].join('\n'),
    html: [
      `<p>The report <strong>${h(reportName)}</strong> for <strong>${h(
        accountName,
      )}</strong> is ready.</p>`,
      ...(schedule
        ? [
            `<p>It comes from the schedule <strong>${h(
              schedule.name,
            )}</strong> of ${h(schedule.owner)}, for the period ${h(
              schedule.period,
            )}.</p>`,
          ]
        : []),
      `<p>Download it until ${h(until)} (the link works for ${h(
        lifetime,
      )}, without signing in):</p>`,
      `<p><a href="${h(link)}">${h(link)}</a></p>`,
      ...(schedule
        ? [
            `<p>To stop these emails, disable or delete the schedule in the console, or ask ${h(
              schedule.owner,
            )} to: <a href="${h(schedule.link)}">${h(schedule.link)}</a></p>`,
          ]
        : []),
    ].join('\n'),
  };
}
