import nodemailer, { type NodemailerError } from 'nodemailer';
import addressparser from 'nodemailer/lib/addressparser';

export interface OutgoingMessage {
  to: string;
  subject: string;
  text: string;
  html: string | null;
}

/** Where mail goes out: SMTP through nodemailer. The sender and its tests see only this. */
export interface Mailer {
  /** The sender of every mail (MAIL_FROM). */
  readonly from: string;
  /** Resolves once the server accepted the message; rejects with a MailDeliveryError otherwise. */
  send(message: OutgoingMessage): Promise<void>;
  close(): void;
}

export class MailDeliveryError extends Error {
  constructor(message: string, readonly permanent: boolean) {
    super(message);
    this.name = 'MailDeliveryError';
  }
}

// Bounds on each step, so a server that stops answering ends the attempt well within a sender's lease.
const TIMEOUTS = { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 60_000 };

/**
 * An SMTP mailer from a URL: smtp://user:pass@host:587 (STARTTLS when the server offers it),
 * smtps://user:pass@host:465 (TLS from the start); nodemailer options may follow as query
 * parameters (?requireTLS=true). One transport, made once; each message opens its own connection.
 */
export function createSmtpMailer(smtpUrl: string, from: string): Mailer {
  const transport = nodemailer.createTransport({ ...TIMEOUTS, url: smtpUrl });
  return {
    from,
    async send(message) {
      try {
        await transport.sendMail({ from, to: message.to, subject: message.subject, text: message.text, ...(message.html ? { html: message.html } : {}) });
      } catch (cause) {
        throw deliveryError(cause);
      }
    },
    close: () => transport.close(),
  };
}

function deliveryError(cause: unknown): MailDeliveryError {
  const error = cause as NodemailerError;
  const message = String(error?.message ?? cause).slice(0, 500);
  // A recipient or message refused for good is refused again on retry. A refused sender or
  // log-in is also a 5xx, but it is this server's configuration, which someone will fix: retry.
  const permanent = error?.permanent === true && (error.command === 'RCPT TO' || error.command === 'DATA');
  return new MailDeliveryError(error?.responseCode ? message : `The SMTP server could not be reached: ${message}`, permanent);
}

/** The error in MAIL_FROM, or null when it is one address such as "Leasehold <licenses@vendor.example>". */
export function senderProblem(from: string): string | null {
  const parsed = addressparser(from, { flatten: true });
  if (parsed.length !== 1 || !/^[^@\s]+@[^@\s]+$/.test(parsed[0].address ?? '')) {
    return `MAIL_FROM must be one address such as "Leasehold <licenses@vendor.example>", not "${from}".`;
  }
  return null;
}
