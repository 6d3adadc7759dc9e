import { mockServices, TestDatabaseId } from '@backstage/backend-test-utils';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import { Knex } from 'knex';
import request from 'supertest';
import { apiApp } from '../__testUtils__/apiApp';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { binaryBody } from '../__testUtils__/binaryBody';
import {
  inboxEmailConfig,
  startSmtpInbox,
  downloadLinkIn,
} from '../mail/__testUtils__/smtpInbox';
import { setupRuns, waitFor } from './runs/__testUtils__/setupRuns';
import { createReportsArea } from '.';

/*
 * The reports area as a schedule uses it: a run queued with `enqueue` (no
 * HTTP caller) is written by the real worker, its link is mailed to its
 * recipients through a real SMTP server, and the link downloads the file
 * from the area's own router.
 */

const databases = createTestDatabases({ testTimeoutMs: 60_000 });

const EVIL_NAME = '<img src=x onerror=alert(1)>';
const EVIL_ACCOUNT = 'Acme & <b>"Partners"</b>';
const RECIPIENTS = ['finance@example.com', 'cfo@example.org'];
const ADA = 'user:default/ada';
// project-spaces of an account without tenants: the header alone.
const HEADER_ONLY = Buffer.from(
  '\ufeffDate created,# of applications,# of mobile users,# of web users,# of SMS (last 30 days),Last Form Submission [UTC],Project Space Name,Project Name,Project URL\r\n',
  'utf8',
);

async function setup(
  id: TestDatabaseId,
  options: { smtpPort?: number; maxActiveRunsPerUser?: number } = {},
) {
  const knex: Knex = await databases.init(id);
  const { accounts } = await setupRuns(knex, EVIL_ACCOUNT);
  const sent: NotificationSendOptions[] = [];
  const area = await createReportsArea({
    config: mockServices.rootConfig({
      data: {
        ...(options.smtpPort
          ? {
              notifications: {
                processors: { email: inboxEmailConfig(options.smtpPort) },
              },
            }
          : {}),
        enterpriseConsole: {
          reports: {
            maxActiveRunsPerUser: options.maxActiveRunsPerUser ?? 3,
            downloadLinks: {
              keys: [{ id: 'k1', secret: 'area-secret-of-at-least-32-chars' }],
            },
          },
        },
      },
    }),
    db: knex,
    logger: mockServices.logger.mock(),
    scheduler: mockServices.scheduler.mock(),
    discovery: mockServices.discovery(),
    notifications: {
      async send(notification) {
        sent.push(notification);
      },
    },
    auditor: mockServices.auditor.mock(),
    httpAuth: mockServices.httpAuth(),
    authorizer: {} as any, // no route of these tests asks it
    accounts,
  });
  return { knex, area, sent };
}

describe.each(databases.eachSupportedId())('reports area on %p', id => {
  it('mails a queued run to its recipients, every value escaped, and the link downloads the file', async () => {
    const inbox = await startSmtpInbox();
    const { area, sent } = await setup(id, { smtpPort: inbox.port });
    try {
      area.start();
      const queued = await area.enqueue({
        accountId: 'acme',
        type: 'project-spaces',
        name: EVIL_NAME,
        requestedBy: ADA,
        recipients: RECIPIENTS,
      });
      expect(queued.status).toBe('queued');

      const mail = await waitFor(
        async () => inbox.mails[0],
        20_000,
        'the mail',
      );
      expect(inbox.mails).toHaveLength(1);
      expect(mail.to).toEqual(RECIPIENTS);
      expect(mail.subject).toBe(`Report ready: ${EVIL_ACCOUNT} — ${EVIL_NAME}`);

      const { path: link, url, until } = await downloadLinkIn(mail);
      expect(mail.text).toBe(
        [
          `The report ${EVIL_NAME} for ${EVIL_ACCOUNT} is ready.`,
          '',
          `Download it until ${until} (the link works for 24 hours, without signing in):`,
          url,
        ].join('\n'),
      );
      expect(mail.html).toBe(
        [
          '<p>The report <strong>&lt;img src=x onerror=alert(1)&gt;</strong> for <strong>Acme &amp; &lt;b&gt;&quot;Partners&quot;&lt;/b&gt;</strong> is ready.</p>',
          `<p>Download it until ${until} (the link works for 24 hours, without signing in):</p>`,
          `<p><a href="${url}">${url}</a></p>`,
        ].join('\n'),
      );
      expect(mail.html).not.toContain('<img');

      // The requester is notified as for a run asked through the API.
      await waitFor(async () => sent[0], 20_000, 'the notification');
      expect(sent).toHaveLength(1);
      expect(sent[0].recipients).toEqual({ type: 'entity', entityRef: ADA });
      expect(sent[0].payload.link).toBe(url);

      const app = await apiApp(area.router);
      const res = await request(app).get(link).buffer(true).parse(binaryBody);
      expect(res.status).toBe(200);
      expect(res.body).toEqual(HEADER_ONLY);
    } finally {
      await area.stop();
      await inbox.close();
    }
  });

  it('checks an enqueued run as the POST route does, without a per-user cap', async () => {
    const { area } = await setup(id, { maxActiveRunsPerUser: 1 });
    const base = {
      accountId: 'acme',
      type: 'project-spaces' as const,
      requestedBy: ADA,
    };
    // Not started: the runs stay queued, all three for one requester.
    for (let i = 0; i < 3; i++) {
      await expect(area.enqueue(base)).resolves.toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        status: 'queued',
      });
    }
    await expect(
      area.enqueue({ ...base, accountId: 'nobody' }),
    ).rejects.toThrow(new NotFoundError('Account nobody not found'));
    await expect(
      area.enqueue({ ...base, accountId: 'smallco' }),
    ).rejects.toThrow(ConflictError);
    await expect(
      area.enqueue({ ...base, type: 'nonsense' as any }),
    ).rejects.toThrow(
      new InputError(
        'Invalid report run: type must be one of project-spaces, web-users, mobile-workers, form-submissions, odata-feeds, sms-detail, tenant-usage',
      ),
    );
    await expect(
      area.enqueue({ ...base, parameters: { bogus: 1 } as any }),
    ).rejects.toThrow(
      new InputError('Invalid report run: unknown field bogus'),
    );
    await expect(
      area.enqueue({ ...base, name: 'x'.repeat(201) }),
    ).rejects.toThrow(InputError);
    await expect(area.enqueue({ ...base, requestedBy: 'ada' })).rejects.toThrow(
      new InputError(
        'Invalid report run: requestedBy must be an entity ref such as user:default/ada',
      ),
    );
    await expect(area.enqueue({ ...base, recipients: [] })).rejects.toThrow(
      InputError,
    );
    await expect(
      area.enqueue({
        ...base,
        recipients: Array.from({ length: 21 }, (_, i) => `r${i}@example.com`),
      }),
    ).rejects.toThrow(InputError);
    await expect(
      area.enqueue({ ...base, recipients: ['not an address'] }),
    ).rejects.toThrow(
      new InputError('Invalid report run: recipients.0 Invalid email'),
    );
    // Valid recipients, but nothing to send mail with.
    await expect(
      area.enqueue({ ...base, recipients: ['finance@example.com'] }),
    ).rejects.toThrow(/need an email transport/);
  });
});
