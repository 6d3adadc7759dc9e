import { ReportRun } from '@internal/plugin-enterprise-console-common';
import { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import { OutgoingMail } from '../../mail';
import {
  REPORT_READY_IN_APP_TOPIC,
  REPORT_READY_TOPIC,
  ReportDelivery,
} from './ReportDelivery';

const RUN: ReportRun = {
  id: 'run-1',
  accountId: 'acme',
  type: 'form-submissions',
  name: 'Mobile Form Submissions',
  delimiter: ',',
  status: 'succeeded',
  rowsWritten: 3,
  rowCount: 3,
  createdBy: 'user:default/ada',
  createdAt: '2026-11-22T14:00:00.000Z',
  finishedAt: '2026-11-22T14:05:30.000Z',
  expiresAt: '2026-11-23T14:05:30.000Z',
  fileName: 'Acme Health (Mobile Form Submissions) 20261122 140530.csv',
  byteSize: 120,
  parameters: { email: true },
};

function setup(options: { accounts?: Record<string, string> } = {}) {
  const sent: NotificationSendOptions[] = [];
  const links: Array<{ id: string; expiresAt: Date }> = [];
  const delivery = new ReportDelivery({
    notifications: {
      async send(notification) {
        sent.push(notification);
      },
    },
    accountName: async id => (options.accounts ?? { acme: 'Acme Health' })[id],
    downloadUrlFor: run => {
      links.push(run);
      return `https://backstage.example.com/api/enterprise-console/v1/downloads/token-of-${run.id}`;
    },
    expiryMs: 24 * 3_600_000,
  });
  return { delivery, sent, links };
}

describe('ReportDelivery', () => {
  it('sends one notification to the requester with the signed link', async () => {
    const { delivery, sent, links } = setup();
    await delivery.deliver(RUN);
    expect(links).toEqual([
      { id: 'run-1', expiresAt: new Date('2026-11-23T14:05:30.000Z') },
    ]);
    expect(sent).toEqual([
      {
        recipients: { type: 'entity', entityRef: 'user:default/ada' },
        payload: {
          title: 'Your report is ready: Acme Health — Mobile Form Submissions',
          description:
            'The report Mobile Form Submissions for Acme Health is ready to download until 2026-11-23 14:05 UTC. The link works for 24 hours without signing in.',
          link: 'https://backstage.example.com/api/enterprise-console/v1/downloads/token-of-run-1',
          severity: 'normal',
          topic: REPORT_READY_TOPIC,
          scope: 'report-run:run-1',
          metadata: { runId: 'run-1', accountId: 'acme' },
        },
      },
    ]);
  });

  it('keeps the notification in the app when the run did not ask for email', async () => {
    const { delivery, sent } = setup();
    await delivery.deliver({ ...RUN, parameters: {} });
    await delivery.deliver({ ...RUN, parameters: { email: false } });
    expect(sent.map(n => n.payload.topic)).toEqual([
      REPORT_READY_IN_APP_TOPIC,
      REPORT_READY_IN_APP_TOPIC,
    ]);
    expect(REPORT_READY_IN_APP_TOPIC).toBe(
      'enterprise-console-report-ready-in-app',
    );
  });

  it('names the report by the name it was given', async () => {
    const { delivery, sent } = setup();
    await delivery.deliver({ ...RUN, name: 'Q4 visits' });
    expect(sent[0].payload.title).toBe(
      'Your report is ready: Acme Health — Q4 visits',
    );
  });

  it('falls back to the account id when the account is gone', async () => {
    const { delivery, sent } = setup({ accounts: {} });
    await delivery.deliver(RUN);
    expect(sent[0].payload.title).toBe(
      'Your report is ready: acme — Mobile Form Submissions',
    );
  });

  it('tells nobody about a run a service asked for', async () => {
    const { delivery, sent } = setup();
    await delivery.deliver({ ...RUN, createdBy: 'plugin:scaffolder' });
    expect(sent).toEqual([]);
  });

  it.each(['queued', 'running', 'failed', 'cancelled', 'expired'] as const)(
    'refuses a %s run',
    async status => {
      const { delivery, sent } = setup();
      await expect(delivery.deliver({ ...RUN, status })).rejects.toThrow(
        `Report run run-1 has no file to deliver (status ${status})`,
      );
      expect(sent).toEqual([]);
    },
  );

  it('throws what the notification service throws', async () => {
    const delivery = new ReportDelivery({
      notifications: {
        async send() {
          throw new Error('notifications backend unavailable');
        },
      },
      accountName: async () => 'Acme Health',
      downloadUrlFor: () => 'https://example.com/x',
      expiryMs: 3_600_000,
    });
    await expect(delivery.deliver(RUN)).rejects.toThrow(
      'notifications backend unavailable',
    );
  });

  describe('to recipients', () => {
    const RECIPIENTS = ['finance@example.com', 'cfo@example.org'];

    function withMail(options: { failNotification?: boolean } = {}) {
      const mails: OutgoingMail[] = [];
      const sent: NotificationSendOptions[] = [];
      const delivery = new ReportDelivery({
        notifications: {
          async send(notification) {
            if (options.failNotification) {
              throw new Error('notifications backend unavailable');
            }
            sent.push(notification);
          },
        },
        accountName: async () => 'Acme Health',
        downloadUrlFor: run => `https://example.com/d/${run.id}`,
        expiryMs: 24 * 3_600_000,
        email: {
          async send(mail) {
            mails.push(mail);
          },
        },
      });
      return { delivery, mails, sent };
    }

    it('mails every recipient one message, besides notifying the requester', async () => {
      const { delivery, mails, sent } = withMail();
      expect(delivery.mailsRecipients).toBe(true);
      await delivery.deliver(RUN, RECIPIENTS);
      expect(sent).toHaveLength(1);
      expect(mails).toEqual([
        {
          to: RECIPIENTS,
          subject: 'Report ready: Acme Health — Mobile Form Submissions',
          text: 'The report Mobile Form Submissions for Acme Health is ready.\n\nDownload it until 2026-11-23 14:05 UTC (the link works for 24 hours, without signing in):\nhttps://example.com/d/run-1',
          html: '<p>The report <strong>Mobile Form Submissions</strong> for <strong>Acme Health</strong> is ready.</p>\n<p>Download it until 2026-11-23 14:05 UTC (the link works for 24 hours, without signing in):</p>\n<p><a href="https://example.com/d/run-1">https://example.com/d/run-1</a></p>',
        },
      ]);
    });

    it('mails a run asked by a service, which has nobody to notify', async () => {
      const { delivery, mails, sent } = withMail();
      await delivery.deliver(
        { ...RUN, createdBy: 'plugin:scheduler' },
        RECIPIENTS,
      );
      expect(sent).toEqual([]);
      expect(mails.map(mail => mail.to)).toEqual([RECIPIENTS]);
    });

    it('still mails when the notification fails, then throws its error', async () => {
      const { delivery, mails } = withMail({ failNotification: true });
      await expect(delivery.deliver(RUN, RECIPIENTS)).rejects.toThrow(
        'notifications backend unavailable',
      );
      expect(mails).toHaveLength(1);
    });

    it('fails a run with recipients when there is no transport', async () => {
      const { delivery, sent } = setup();
      expect(delivery.mailsRecipients).toBe(false);
      await expect(delivery.deliver(RUN, RECIPIENTS)).rejects.toThrow(
        'Report run run-1 has recipients but no email transport is configured (notifications.processors.email.transportConfig)',
      );
      // The requester still hears of it.
      expect(sent).toHaveLength(1);
    });
  });
});
