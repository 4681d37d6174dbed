import { DomainError, iso } from '@leasehold/core';
import type { AppDeps } from '../deps.ts';
import { insertEvent, type Actor } from '../events/event.repository.ts';
import { page } from '../http/schemas.ts';
import { MailSender } from './mail-sender.ts';
import { getMail, listMail, scheduleMailNow, type MailRecord, type MailStatus } from './mail.repository.ts';
import type { TemplateName } from './templates.ts';

/** A mail as it is (or would be) sent, for the admin console. */
export function mailView(mail: MailRecord, from: string | null) {
  const waiting = mail.status === 'pending' || mail.status === 'sending';
  return {
    id: mail.id,
    customerId: mail.customerId,
    from,
    to: mail.to,
    template: mail.template as TemplateName,
    locale: mail.locale,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    status: mail.status,
    attempts: mail.attempts,
    nextAttemptAt: waiting ? iso(mail.nextAttemptAt) : null,
    lastError: mail.lastError,
    createdAt: iso(mail.createdAt),
    sentAt: mail.sentAt === null ? null : iso(mail.sentAt),
  };
}

export interface MailQuery {
  status?: MailStatus;
  to?: string;
  customerId?: string;
  template?: TemplateName;
  limit: number;
  cursor?: string;
}

/** The mail outbox as staff see it, and "send now" for a mail that waits or failed. */
export class MailAdminService {
  private readonly sender: MailSender | null;

  constructor(private readonly deps: Pick<AppDeps, 'database' | 'clock' | 'mailer'>) {
    this.sender = deps.mailer ? new MailSender(deps, deps.mailer) : null;
  }

  private view(mail: MailRecord) {
    return mailView(mail, this.deps.mailer?.from ?? null);
  }

  /** Newest first. */
  async list(query: MailQuery) {
    const { cursor, ...filter } = query;
    return page((await listMail(this.deps.database.db, { ...filter, before: cursor })).map((m) => this.view(m)), query.limit);
  }

  /** Sends a pending or failed mail now, as one more attempt; answers the mail with its outcome. */
  async retry(actor: Actor, id: string) {
    const now = this.deps.clock.now();
    const { database } = this.deps;
    await database.transaction(async (trx) => {
      const mail = await getMail(trx, id);
      if (!mail) throw new DomainError('NOT_FOUND', 'No such mail. List the outbox with GET /v1/admin/mail.');
      if (mail.status === 'sent') throw new DomainError('INVALID_STATE', `This mail was sent on ${iso(mail.sentAt!)}; it is never sent twice.`);
      if (mail.status === 'sending' && mail.nextAttemptAt > now) throw new DomainError('INVALID_STATE', 'This mail is being sent now. Look at it again in a few seconds.');
      if (!this.sender) throw new DomainError('INVALID_STATE', 'This server sends no mail: SMTP_URL is not set. Set SMTP_URL and MAIL_FROM and restart it; waiting mail is sent then.');
      await scheduleMailNow(trx, id, now);
      await insertEvent(trx, {
        customerId: mail.customerId, type: 'mail.retried', actor, subjectType: 'mail', subjectId: id,
        data: { to: mail.to, template: mail.template, previousStatus: mail.status, attempts: mail.attempts },
      }, now);
    });
    await this.sender!.sendOnce([id]);
    return this.view((await getMail(database.db, id))!);
  }
}
