import { mockCredentials } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import request from 'supertest';
import { binaryBody } from '../__testUtils__/binaryBody';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import {
  downloadLinkIn,
  startSmtpInbox,
} from '../mail/__testUtils__/smtpInbox';
import { waitFor } from '../reports/runs/__testUtils__/setupRuns';
import { ADA, setupSchedules, testClock } from './__testUtils__/setupSchedules';

/*
 * A schedule's mail, received by a real SMTP server: it names the
 * schedule, its owner, the account, the period and the link's expiry,
 * says how to stop the schedule with a link to it in the console, escapes
 * every value in the HTML part, and its link downloads the file.
 */

jest.setTimeout(90_000);

const databases = createTestDatabases();

const EVIL_NAME = '<img src=x onerror=alert(1)>';
const EVIL_ACCOUNT = 'Acme & <b>"Partners"</b>';
const RECIPIENTS = ['finance@example.com', 'cfo@example.org'];
const HEADER_ONLY = Buffer.from(
  '\ufeffDate created,# of applications,# of mobile users,# of web users,# of SMS (last 30 days),Last Form Submission [UTC],Project Space Name,Project Name,Project URL\r\n',
  'utf8',
);

describe.each(databases.eachSupportedId())('a schedule’s mail on %p', id => {
  it('is received with every value escaped, and its link downloads the file', async () => {
    const inbox = await startSmtpInbox();
    const knex: Knex = await databases.init(id);
    const clock = testClock('2026-11-30T10:00:00Z');
    const { app, reports, schedules } = await setupSchedules(knex, {
      now: clock.now,
      smtpPort: inbox.port,
      acmeName: EVIL_ACCOUNT,
    });
    try {
      const created = await request(app)
        .post('/v1/schedules')
        .set('Authorization', mockCredentials.user.header(ADA))
        .send({
          accountId: 'acme',
          name: EVIL_NAME,
          type: 'project-spaces',
          recipients: RECIPIENTS,
          recurrence: 'weekly',
          dayOfWeek: 'monday',
          time: '07:00',
          timezone: 'Europe/Berlin',
        });
      expect(created.status).toBe(201);
      // Monday 7 December 07:00 in Berlin has come.
      clock.set('2026-12-07T06:00:30Z');
      expect(await schedules.runDue()).toEqual({ queued: 1, failed: 0 });
      await reports.start();

      const mail = await waitFor(
        async () => inbox.mails[0],
        30_000,
        'the mail',
      );
      expect(mail.to).toEqual(RECIPIENTS);
      expect(mail.subject).toBe(`Report ready: ${EVIL_ACCOUNT} — ${EVIL_NAME}`);
      const { path: link, url, until } = await downloadLinkIn(mail);
      const consoleLink = `http://console.example/enterprise-console/schedules/${created.body.id}`;
      expect(mail.text).toBe(
        [
          `The report ${EVIL_NAME} for ${EVIL_ACCOUNT} is ready.`,
          '',
          `It comes from the schedule ${EVIL_NAME} of ${ADA}, for the period 2026-11-30 to 2026-12-06 (Europe/Berlin).`,
          '',
          `Download it until ${until} (the link works for 24 hours, without signing in):`,
          url,
          '',
          `To stop these emails, disable or delete the schedule in the console, or ask ${ADA} to:`,
          consoleLink,
        ].join('\n'),
      );
      expect(mail.html).toBe(
        [
          '<p>The report <strong>&lt;img src=x onerror=alert(1)&gt;</strong> for <strong>Acme &amp; &lt;b&gt;&quot;Partners&quot;&lt;/b&gt;</strong> is ready.</p>',
          `<p>It comes from the schedule <strong>&lt;img src=x onerror=alert(1)&gt;</strong> of ${ADA}, for the period 2026-11-30 to 2026-12-06 (Europe/Berlin).</p>`,
          `<p>Download it until ${until} (the link works for 24 hours, without signing in):</p>`,
          `<p><a href="${url}">${url}</a></p>`,
          `<p>To stop these emails, disable or delete the schedule in the console, or ask ${ADA} to: <a href="${consoleLink}">${consoleLink}</a></p>`,
        ].join('\n'),
      );
      expect(mail.html).not.toContain('<img');

      const res = await request(app).get(link).buffer(true).parse(binaryBody);
      expect(res.status).toBe(200);
      expect(res.body).toEqual(HEADER_ONLY);

      const schedule = await request(app)
        .get(`/v1/schedules/${created.body.id}`)
        .set('Authorization', mockCredentials.user.header(ADA));
      expect(schedule.body).toMatchObject({
        lastStatus: 'succeeded',
        nextRunAt: '2026-12-14T06:00:00.000Z',
      });
    } finally {
      await reports.stop();
      await inbox.close();
    }
  });
});
