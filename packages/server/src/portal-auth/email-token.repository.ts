import type { Db, EmailTokenTable } from '@leasehold/db';

export type EmailTokenPurpose = EmailTokenTable['purpose'];

export interface EmailTokenRecord {
  tokenHash: string;
  purpose: EmailTokenPurpose;
  /** null for staff invitations, which belong to no customer. */
  customerId: string | null;
  userId: string | null;
  email: string;
  data: Record<string, unknown>;
  createdAt: number;
  expiresAt: number;
}

function rowToEmailToken(row: EmailTokenTable): EmailTokenRecord {
  return {
    tokenHash: row.token_hash,
    purpose: row.purpose,
    customerId: row.customer_id,
    userId: row.user_id,
    email: row.email,
    data: JSON.parse(row.data),
    createdAt: Number(row.created_at),
    expiresAt: Number(row.expires_at),
  };
}

export async function insertEmailToken(db: Db, row: EmailTokenTable): Promise<void> {
  await db.insertInto('email_tokens').values(row).execute();
}

/** The token if it is of this purpose, not used and not expired. */
export async function findUsableEmailToken(db: Db, tokenHash: string, purpose: EmailTokenPurpose, now: number): Promise<EmailTokenRecord | null> {
  const row = await db
    .selectFrom('email_tokens')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return row ? rowToEmailToken(row) : null;
}

/** Uses the token up; false when another request used it first. */
export async function markEmailTokenUsed(db: Db, tokenHash: string, now: number): Promise<boolean> {
  const result = await db.updateTable('email_tokens').set({ used_at: now }).where('token_hash', '=', tokenHash).where('used_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** A customer's portal invitations not yet accepted. */
export function listPendingInvitations(db: Db, customerId: string, now: number): Promise<EmailTokenRecord[]> {
  return listPendingEmailTokens(db, 'invitation', customerId, now);
}

/** The unused, unexpired tokens of a purpose: a customer's, or with `customerId` null the staff's. */
export async function listPendingEmailTokens(db: Db, purpose: EmailTokenPurpose, customerId: string | null, now: number): Promise<EmailTokenRecord[]> {
  const rows = await db
    .selectFrom('email_tokens')
    .selectAll()
    .where('customer_id', customerId === null ? 'is' : '=', customerId)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('created_at')
    .execute();
  return rows.map(rowToEmailToken);
}

/** Ends the unused tokens of a purpose for an address, so only the newest link works. */
export async function expireEmailTokens(db: Db, customerId: string | null, purpose: EmailTokenPurpose, email: string, now: number): Promise<void> {
  await db
    .updateTable('email_tokens')
    .set({ used_at: now })
    .where('customer_id', customerId === null ? 'is' : '=', customerId)
    .where('purpose', '=', purpose)
    .where('email', '=', email.toLowerCase())
    .where('used_at', 'is', null)
    .execute();
}
