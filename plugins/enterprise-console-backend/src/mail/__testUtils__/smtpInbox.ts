import { mockServices } from '@backstage/backend-test-utils';
import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** A received mail, decoded enough to read it. */
export interface ReceivedMail {
  /** Envelope recipients. */
  to: string[];
  subject: string;
  /** The text/plain part. */
  text: string;
  /** The text/html part. */
  html: string;
  /** The parts sent as attachments, decoded. */
  attachments: ReceivedAttachment[];
  raw: string;
}

/** A file a mail carried. */
export interface ReceivedAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

/**
 * `notifications.processors.email` as config for mail to the inbox on
 * `port`: the email module's transport and sender, read by report delivery
 * too.
 */
export function inboxEmailConfig(port: number) {
  return {
    transportConfig: {
      transport: 'smtp',
      hostname: '127.0.0.1',
      port,
      secure: false,
    },
    sender: 'reports@console.example',
  };
}

/**
 * A real SMTP server on a free local port that keeps every mail it is
 * given: plain SMTP, no TLS, no auth, as a test relay.
 */
export async function startSmtpInbox() {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const parts: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => parts.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(parts).toString('utf8');
        mails.push({
          ...parseMail(raw),
          to: session.envelope.rcptTo.map(r => r.address),
          raw,
        });
        callback();
      });
    },
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    mails,
    close: () => new Promise<void>(resolve => server.close(() => resolve())),
  };
}

function parseHeaders(block: string): Map<string, string> {
  const headers = new Map<string, string>();
  // Folded lines continue the header above them.
  for (const line of block.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) {
      headers.set(
        line.slice(0, colon).trim().toLowerCase(),
        line.slice(colon + 1).trim(),
      );
    }
  }
  return headers;
}

function splitHead(entity: string): [Map<string, string>, string] {
  const end = entity.indexOf('\r\n\r\n');
  return [parseHeaders(entity.slice(0, end)), entity.slice(end + 4)];
}

function decodeQuotedPrintable(body: string): string {
  const bytes = body
    .replace(/=\r\n/g, '')
    .replace(/=([0-9A-F]{2})/gi, (_, hex) =>
      String.fromCharCode(parseInt(hex, 16)),
    );
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

function decodeBody(headers: Map<string, string>, body: string): string {
  const encoding = (
    headers.get('content-transfer-encoding') ?? ''
  ).toLowerCase();
  if (encoding === 'quoted-printable') {
    return decodeQuotedPrintable(body);
  }
  if (encoding === 'base64') {
    return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  }
  return body;
}

/** RFC 2047 encoded words, as nodemailer writes non-ASCII subjects. */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(
      /=\?([^?]+)\?([BQbq])\?([^?]*)\?=/g,
      (_, _charset, kind: string, text: string) =>
        kind.toUpperCase() === 'B'
          ? Buffer.from(text, 'base64').toString('utf8')
          : decodeQuotedPrintable(text.replace(/_/g, ' ')),
    );
}

function parseMail(raw: string): Omit<ReceivedMail, 'to' | 'raw'> {
  const [headers, body] = splitHead(raw);
  const result = {
    subject: decodeWords(headers.get('subject') ?? ''),
    text: '',
    html: '',
    attachments: [] as ReceivedAttachment[],
  };
  // Depth first through nested multiparts (mixed > alternative > text).
  const visit = (partHeaders: Map<string, string>, partBody: string) => {
    const partType = partHeaders.get('content-type') ?? 'text/plain';
    const boundary = partType.startsWith('multipart/')
      ? /boundary="?([^";]+)"?/.exec(partType)?.[1]
      : undefined;
    if (boundary) {
      for (const part of partBody.split(`--${boundary}`).slice(1, -1)) {
        visit(...splitHead(part.replace(/^\r\n/, '')));
      }
      return;
    }
    const disposition = partHeaders.get('content-disposition') ?? '';
    if (disposition.startsWith('attachment')) {
      const filename = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? '';
      result.attachments.push({
        filename: decodeWords(filename),
        contentType: partType.split(';')[0].trim(),
        content: Buffer.from(partBody.replace(/\s+/g, ''), 'base64'),
      });
      return;
    }
    // Mail travels with CRLF line ends; the sender wrote LF.
    const decoded = decodeBody(partHeaders, partBody)
      .replace(/\r\n$/, '')
      .replace(/\r\n/g, '\n');
    if (partType.startsWith('text/plain')) {
      result.text = decoded;
    } else if (partType.startsWith('text/html')) {
      result.html = decoded;
    }
  };
  visit(headers, body);
  return result;
}

/**
 * The download link a report mail carries, as the backend's path and the
 * whole URL (mockServices' discovery), and until when the mail says it
 * works.
 */
export async function downloadLinkIn(
  mail: ReceivedMail,
): Promise<{ path: string; url: string; until: string }> {
  const base = await mockServices
    .discovery()
    .getExternalBaseUrl('enterprise-console');
  const link = new RegExp(
    `^${base}(/v1/downloads/[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+)$`,
    'm',
  ).exec(mail.text);
  const until = /until (\d{4}-\d\d-\d\d \d\d:\d\d UTC)/.exec(mail.text);
  if (!link || !until) {
    throw new Error(`No download link in the mail:\n${mail.text}`);
  }
  return { path: link[1], url: `${base}${link[1]}`, until: until[1] };
}
