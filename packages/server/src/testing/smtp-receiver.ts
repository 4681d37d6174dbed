import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  /** The envelope: who the server was told it is from and to. */
  envelope: { from: string; to: string[] };
  /** Who logged on, if anyone did. */
  user: string | null;
  /** Headers as a reader sees them, encoded words decoded; names in lower case. */
  headers: Record<string, string>;
  subject: string;
  text: string | null;
  html: string | null;
}

export interface SmtpRefusal {
  code: number;
  message: string;
}

export interface SmtpReceiver {
  /** smtp://user:pass@127.0.0.1:port, for SMTP_URL. */
  url: string;
  /** Every message the server accepted, in order. */
  received: ReceivedMail[];
  /** How many messages were offered (DATA), accepted or not. */
  offered(): number;
  close(): Promise<void>;
}

export interface SmtpReceiverOptions {
  /** Refuse the nth message offered (0-based) after reading it, as a server that is busy (451) or rejects content (554). */
  refuseData?: (index: number) => SmtpRefusal | null;
  /** Refuse a recipient, as a server with no such mailbox (550). */
  refuseRecipient?: (address: string) => SmtpRefusal | null;
}

const USER = 'leasehold';
const PASSWORD = 'smtp-test-secret';

const refusal = ({ code, message }: SmtpRefusal) => Object.assign(new Error(message), { responseCode: code });

/**
 * A real SMTP server on 127.0.0.1, with plain log-on and no TLS, that records the mail it accepts,
 * decoded as a mail client would show it.
 */
export async function startSmtpReceiver(options: SmtpReceiverOptions = {}): Promise<SmtpReceiver> {
  const received: ReceivedMail[] = [];
  let offered = 0;
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    allowInsecureAuth: true,
    logger: false,
    closeTimeout: 1000,
    onAuth(auth, _session, callback) {
      if (auth.username === USER && auth.password === PASSWORD) return callback(null, { user: USER });
      callback(refusal({ code: 535, message: 'Authentication failed' }));
    },
    onRcptTo(address, _session, callback) {
      const refused = options.refuseRecipient?.(address.address);
      callback(refused ? refusal(refused) : undefined);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const refused = options.refuseData?.(offered++);
        if (refused) return callback(refusal(refused));
        received.push({
          envelope: { from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address) },
          user: typeof session.user === 'string' ? session.user : null,
          ...parseMessage(Buffer.concat(chunks).toString('utf8')),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://${USER}:${PASSWORD}@127.0.0.1:${port}`,
    received,
    offered: () => offered,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function parseMessage(raw: string): Pick<ReceivedMail, 'headers' | 'subject' | 'text' | 'html'> {
  const { headers, body } = splitEntity(raw);
  const parts = multipartParts(headers['content-type'], body) ?? [{ headers, body }];
  const bodyOf = (type: string) => {
    const part = parts.find((p) => (p.headers['content-type'] ?? 'text/plain').startsWith(type));
    return part ? decodeBody(part.body, part.headers['content-transfer-encoding']) : null;
  };
  return { headers, subject: headers.subject ?? '', text: bodyOf('text/plain'), html: bodyOf('text/html') };
}

function splitEntity(raw: string): { headers: Record<string, string>; body: string } {
  const end = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, end).replace(/\r\n[ \t]+/g, ' ');
  const headers: Record<string, string> = {};
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = decodeWords(line.slice(colon + 1).trim());
  }
  return { headers, body: raw.slice(end + 4) };
}

function multipartParts(contentType: string | undefined, body: string) {
  const boundary = /multipart\/[a-z]+;.*boundary="?([^";]+)"?/i.exec(contentType ?? '')?.[1];
  if (!boundary) return null;
  return body.split(`--${boundary}`).slice(1, -1).map((part) => splitEntity(part.replace(/^\r\n/, '')));
}

/** RFC 2047 encoded words (=?UTF-8?Q?…?= and =?UTF-8?B?…?=), as nodemailer writes non-ASCII headers. */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_m, _charset, encoding: string, text: string) => (encoding.toUpperCase() === 'B'
      ? Buffer.from(text, 'base64').toString('utf8')
      : decodeQuotedPrintable(text.replace(/_/g, ' '))));
}

/** A body as a mail client shows it: decoded, with the wire's CRLF line ends as \n. */
function decodeBody(body: string, encoding = '7bit'): string {
  const content = body.replace(/\r\n$/, '');
  const decoded = /base64/i.test(encoding) ? Buffer.from(content, 'base64').toString('utf8')
    : /quoted-printable/i.test(encoding) ? decodeQuotedPrintable(content.replace(/=\r\n/g, ''))
      : content;
  return decoded.replace(/\r\n/g, '\n');
}

function decodeQuotedPrintable(text: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const hex = text[i] === '=' ? text.slice(i + 1, i + 3) : '';
    if (/^[0-9A-F]{2}$/i.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(text[i], 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}
