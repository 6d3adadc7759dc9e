import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { inboxEmailConfig, startSmtpInbox } from './__testUtils__/smtpInbox';
import { readEmailSender } from './emailTransport';

function configWith(email?: object) {
  return new ConfigReader(
    email ? { notifications: { processors: { email } } } : {},
  );
}

describe('readEmailSender', () => {
  it('sends through the SMTP transport the email module is configured with', async () => {
    const inbox = await startSmtpInbox();
    try {
      const logger = mockServices.logger.mock();
      const sender = readEmailSender(
        configWith(inboxEmailConfig(inbox.port)),
        logger,
      );
      await sender!.send({
        to: ['a@example.com', 'b@example.org'],
        subject: 'Über <x>',
        text: 'plain',
        html: '<p>rich</p>',
      });
      expect(inbox.mails).toHaveLength(1);
      expect(inbox.mails[0]).toMatchObject({
        to: ['a@example.com', 'b@example.org'],
        subject: 'Über <x>',
        text: 'plain',
        html: '<p>rich</p>',
      });
      expect(inbox.mails[0].raw).toMatch(/^From: reports@console\.example\r$/m);
      expect(logger.warn).not.toHaveBeenCalled();
    } finally {
      await inbox.close();
    }
  });

  it('makes a sendmail transport', () => {
    expect(
      readEmailSender(
        configWith({
          transportConfig: { transport: 'sendmail', path: '/bin/false' },
          sender: 'reports@console.example',
        }),
        mockServices.logger.mock(),
      ),
    ).toBeDefined();
  });

  it('has nothing to send with when no transport is configured', () => {
    const logger = mockServices.logger.mock();
    expect(readEmailSender(configWith(), logger)).toBeUndefined();
    expect(logger.warn).not.toHaveBeenCalled();
  });

  it("warns and sends nothing for a transport the console's mail does not support", () => {
    const logger = mockServices.logger.mock();
    expect(
      readEmailSender(
        configWith({
          transportConfig: { transport: 'ses', region: 'eu-west-1' },
          sender: 'reports@console.example',
        }),
        logger,
      ),
    ).toBeUndefined();
    expect(logger.warn).toHaveBeenCalledWith(
      `notifications.processors.email.transportConfig.transport "ses" is not supported for the console's emails (smtp, sendmail are): report runs with email recipients and statement emails are refused`,
    );
  });
});
