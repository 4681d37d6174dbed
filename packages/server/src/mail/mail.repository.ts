import type { Db, MailOutboxTable } from '@leasehold/db';

export interface MailRecord {
  id: string;
  customerId: string | null;
  to: string;
  template: string;
  locale: string;
  subject: string;
  text: string;
  html: string | null;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  nextAttemptAt: number;
  lastError: string | null;
  createdAt: number;
  sentAt: number | null;
}

export function rowToMail(row: MailOutboxTable): MailRecord {
  return {
    id: row.id,
    customerId: row.customer_id,
    to: row.to_address,
    template: row.template,
    locale: row.locale,
    subject: row.subject,
    text: row.text_body,
    html: row.html_body,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: Number(row.next_attempt_at),
    lastError: row.last_error,
    createdAt: Number(row.created_at),
    sentAt: row.sent_at === null ? null : Number(row.sent_at),
  };
}

export async function insertMail(db: Db, row: MailOutboxTable): Promise<void> {
  await db.insertInto('mail_outbox').values(row).execute();
}

export interface MailFilter {
  customerId?: string;
  to?: string;
  template?: string;
  status?: MailRecord['status'];
  /** Mail older than this id (ids sort by time). */
  before?: string;
  limit: number;
}

/** The outbox, newest first: what the sender works through and what the admin console shows. */
export async function listMail(db: Db, filter: MailFilter): Promise<MailRecord[]> {
  let query = db.selectFrom('mail_outbox').selectAll();
  if (filter.customerId) query = query.where('customer_id', '=', filter.customerId);
  if (filter.to) query = query.where('to_address', '=', filter.to.toLowerCase());
  if (filter.template) query = query.where('template', '=', filter.template);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.before) query = query.where('id', '<', filter.before);
  const rows = await query.orderBy('id', 'desc').limit(filter.limit).execute();
  return rows.map(rowToMail);
}
