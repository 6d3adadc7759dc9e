import { escapeHtml } from '@internal/plugin-enterprise-console-node';
import { OutgoingMail } from './emailTransport';

/** `2026-11-23 14:05 UTC` */
export function formatUtc(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/**
 * The mail of a succeeded run to its recipients: the report, the account,
 * until when the link works, and the link. Every value is escaped in the
 * HTML part; names come from users and ingested data.
 */
export function reportReadyEmail(options: {
  to: string[];
  reportName: string;
  accountName: string;
  link: string;
  expiresAt: Date;
  /** `24 hours`, as readDownloadLinkConfig describes it. */
  lifetime: string;
}): OutgoingMail {
  const { reportName, accountName, link, lifetime } = options;
  const until = formatUtc(options.expiresAt);
  const h = escapeHtml;
  return {
    to: options.to,
    subject: `Report ready: ${accountName} — ${reportName}`,
    text: [
      `The report ${reportName} for ${accountName} is ready.`,
      '',
      `Download it until ${until} (the link works for ${lifetime}, without signing in):`,
      link,
    ].join('\n'),
    html: [
      `<p>The report <strong>${h(reportName)}</strong> for <strong>${h(
        accountName,
      )}</strong> is ready.</p>`,
      `<p>Download it until ${h(until)} (the link works for ${h(
        lifetime,
      )}, without signing in):</p>`,
      `<p><a href="${h(link)}">${h(link)}</a></p>`,
    ].join('\n'),
  };
}
