import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import nodemailer from 'nodemailer';

/** A file sent with a mail. */
export interface MailAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

/** A mail to send: one message, every recipient on it. */
export interface OutgoingMail {
  to: string[];
  subject: string;
  text: string;
  html: string;
  attachments?: MailAttachment[];
}

/** Sends mail as the notifications email module does. */
export interface EmailSender {
  send(mail: OutgoingMail): Promise<void>;
}

/** Where the notifications email module reads its transport from. */
export const EMAIL_PROCESSOR_CONFIG = 'notifications.processors.email';

/** The transports the console's own mail supports, of those the email module knows. */
export const CONSOLE_EMAIL_TRANSPORTS = ['smtp', 'sendmail'];

function createTransport(config: Config) {
  const transport = config.getString('transport');
  if (transport === 'smtp') {
    const username = config.getOptionalString('username');
    const password = config.getOptionalString('password');
    return nodemailer.createTransport({
      host: config.getString('hostname'),
      port: config.getNumber('port'),
      secure: config.getOptionalBoolean('secure') ?? false,
      requireTLS: config.getOptionalBoolean('requireTls') ?? false,
      auth:
        username && password ? { user: username, pass: password } : undefined,
    });
  }
  if (transport === 'sendmail') {
    return nodemailer.createTransport({
      sendmail: true,
      newline: config.getOptionalString('newline') ?? 'unix',
      path: config.getOptionalString('path') ?? '/usr/sbin/sendmail',
    });
  }
  return undefined;
}

/**
 * Mail through the transport the notifications email module is configured
 * with (`notifications.processors.email.transportConfig` and `sender`), so
 * report recipients and billing contacts who are not portal users get mail
 * from the same relay and sender as everyone else. Undefined when no
 * transport is configured, or one the console's mail does not support (said
 * in a warning: the notifications themselves still work, only report runs
 * with recipients and statement emails are refused).
 */
export function readEmailSender(
  config: Config,
  logger: LoggerService,
): EmailSender | undefined {
  const email = config.getOptionalConfig(EMAIL_PROCESSOR_CONFIG);
  const transportConfig = email?.getOptionalConfig('transportConfig');
  if (!email || !transportConfig) {
    return undefined;
  }
  const transporter = createTransport(transportConfig);
  if (!transporter) {
    logger.warn(
      `${EMAIL_PROCESSOR_CONFIG}.transportConfig.transport ${JSON.stringify(
        transportConfig.getString('transport'),
      )} is not supported for the console's emails (${CONSOLE_EMAIL_TRANSPORTS.join(
        ', ',
      )} are): report runs with email recipients and statement emails are refused`,
    );
    return undefined;
  }
  const from = email.getString('sender');
  const replyTo = email.getOptionalString('replyTo');
  return {
    async send(mail) {
      await transporter.sendMail({
        from,
        replyTo,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        attachments: mail.attachments,
      });
    },
  };
}
