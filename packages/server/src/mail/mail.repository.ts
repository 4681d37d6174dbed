import type { Db, DialectName, MailOutboxTable } from '@leasehold/db';
import { sql } from 'kysely';

export type MailStatus = MailOutboxTable['status'];

export interface MailRecord {
  id: string;
  customerId: string | null;
  to: string;
  template: string;
  locale: string;
  subject: string;
  text: string;
  html: string | null;
  status: MailStatus;
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
    attempts: Number(row.attempts),
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
  status?: MailStatus;
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

export async function getMail(db: Db, id: string): Promise<MailRecord | null> {
  const row = await db.selectFrom('mail_outbox').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? rowToMail(row) : null;
}

/**
 * Takes up to `limit` due mails (or just `ids`, when due), counts the attempt and marks them
 * `sending` until `leaseUntil`: mail whose sender died mid-send is due again then. Two senders never
 * take the same mail: PostgreSQL skips rows another transaction has locked, SQLite runs this inside
 * a transaction that holds the write lock, and the update re-checks that each row is still due.
 */
export async function claimDueMail(
  trx: Db, dialect: DialectName, now: number, leaseUntil: number, limit: number, ids?: string[],
): Promise<MailRecord[]> {
  if (ids && ids.length === 0) return [];
  let due = trx
    .selectFrom('mail_outbox')
    .select('id')
    .where('status', 'in', ['pending', 'sending'])
    .where('next_attempt_at', '<=', now)
    .orderBy('next_attempt_at')
    .limit(limit);
  if (ids) due = due.where('id', 'in', ids);
  if (dialect === 'postgres') due = due.forUpdate().skipLocked();
  const rows = await trx
    .updateTable('mail_outbox')
    .set({ status: 'sending', attempts: sql<number>`attempts + 1`, next_attempt_at: leaseUntil })
    .where('id', 'in', due)
    .where('status', 'in', ['pending', 'sending'])
    .where('next_attempt_at', '<=', now)
    .returningAll()
    .execute();
  return rows.map(rowToMail);
}

export interface MailOutcome {
  status: 'sent' | 'pending' | 'failed';
  nextAttemptAt: number;
  error: string | null;
  sentAt: number | null;
}

/**
 * Records the outcome of the attempt that claimed the mail. `attempts` fences it: if this sender
 * outlived its lease and another took the mail since, this changes nothing.
 */
export async function recordMailOutcome(db: Db, id: string, attempts: number, outcome: MailOutcome): Promise<boolean> {
  const result = await db
    .updateTable('mail_outbox')
    .set({ status: outcome.status, next_attempt_at: outcome.nextAttemptAt, last_error: outcome.error, sent_at: outcome.sentAt })
    .where('id', '=', id)
    .where('status', '=', 'sending')
    .where('attempts', '=', attempts)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Makes a pending or failed mail due now; sent mail, or mail being sent, is left alone (answers false). */
export async function scheduleMailNow(db: Db, id: string, now: number): Promise<boolean> {
  const result = await db
    .updateTable('mail_outbox')
    .set({ status: 'pending', next_attempt_at: now })
    .where('id', '=', id)
    .where('status', 'in', ['pending', 'failed'])
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
