import { HOUR, MINUTE } from '@leasehold/core';
import type { AppDeps } from '../deps.ts';
import { runOutboxPass, startOutboxLoop, type PassSummary, type RunningOutbox } from '../outbox/outbox-dispatcher.ts';
import { afterFailure } from '../outbox/outbox-retry.ts';
import { claimDueMail, recordMailOutcome, type MailOutcome, type MailRecord } from './mail.repository.ts';
import { MailDeliveryError, type Mailer } from './mailer.ts';

/** Wait after the nth failed attempt (index n-1); after the last one the mail is failed. */
export const MAIL_RETRY_DELAYS_MS = [MINUTE, 5 * MINUTE, 30 * MINUTE, 2 * HOUR, 12 * HOUR] as const;
export const MAIL_MAX_ATTEMPTS = MAIL_RETRY_DELAYS_MS.length + 1;
// Far longer than an attempt lasts (the mailer's timeouts): mail still `sending` after it was left by a sender that died.
const LEASE_MS = 10 * MINUTE;
const DEFAULT_BATCH_SIZE = 10;

export interface MailSenderOptions {
  /** Mail taken per pass, sent concurrently. */
  batchSize?: number;
  /** In [0, 1): the jitter of retry waits. Tests pass a fixed one. */
  random?: () => number;
}

export type MailSummary = PassSummary<'sent'>;

/**
 * Sends due mail from the outbox: takes a batch (safe with other senders on the same database),
 * hands each to the mailer, marks it sent, or schedules a retry with backoff after a failure.
 * Mail once marked sent is never taken again.
 */
export class MailSender {
  private readonly batchSize: number;
  private readonly random: () => number;

  constructor(private readonly deps: Pick<AppDeps, 'database' | 'clock'>, private readonly mailer: Mailer, options: MailSenderOptions = {}) {
    this.batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    this.random = options.random ?? Math.random;
  }

  /** One pass over the due mail (or only `ids`, when due). */
  async sendOnce(ids?: string[]): Promise<MailSummary> {
    const { database } = this.deps;
    const now = this.deps.clock.now();
    return runOutboxPass(database, 'sent', {
      claim: (trx) => claimDueMail(trx, database.dialect, now, now + LEASE_MS, ids?.length ?? this.batchSize, ids),
      send: (mail) => this.send(mail),
      record: (trx, mail, outcome) => recordMailOutcome(trx, mail.id, mail.attempts, outcome),
    });
  }

  private async send(mail: MailRecord): Promise<MailOutcome> {
    try {
      await this.mailer.send({ to: mail.to, subject: mail.subject, text: mail.text, html: mail.html });
      const now = this.deps.clock.now();
      return { status: 'sent', nextAttemptAt: now, error: null, sentAt: now };
    } catch (cause) {
      const error = cause instanceof MailDeliveryError ? cause : new MailDeliveryError(String(cause), false);
      const now = this.deps.clock.now();
      const next = error.permanent ? { status: 'failed' as const, nextAttemptAt: now } : afterFailure(MAIL_RETRY_DELAYS_MS, mail.attempts, this.random(), now);
      return { ...next, error: error.message, sentAt: null };
    }
  }
}

/** Runs `sendOnce` every `intervalMs` (see startOutboxLoop). */
export function startMailSender(
  deps: Pick<AppDeps, 'database' | 'clock' | 'logger'>,
  mailer: Mailer,
  options: MailSenderOptions & { intervalMs: number },
): RunningOutbox {
  const sender = new MailSender(deps, mailer, options);
  return startOutboxLoop({
    intervalMs: options.intervalMs,
    batchSize: options.batchSize ?? DEFAULT_BATCH_SIZE,
    pass: () => sender.sendOnce(),
    logger: deps.logger,
    messages: {
      failures: 'some mail could not be sent; see GET /v1/admin/mail',
      sent: 'mail sent',
      passFailed: 'sending mail failed; trying again at the next interval',
    },
  });
}
