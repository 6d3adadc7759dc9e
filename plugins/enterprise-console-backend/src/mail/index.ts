/*
 * Mail the console sends itself (report links, statements), through the
 * transport and sender the notifications email module is configured with.
 */
export { readEmailSender } from './emailTransport';
export type {
  EmailSender,
  MailAttachment,
  OutgoingMail,
} from './emailTransport';
