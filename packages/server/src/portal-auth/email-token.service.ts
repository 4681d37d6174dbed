import type { Db } from '@leasehold/db';
import { generateToken, hashSecret } from '../shared/secrets.ts';
import {
  expireEmailTokens, findUsableEmailToken, insertEmailToken, markEmailTokenUsed, type EmailTokenPurpose, type EmailTokenRecord,
} from './email-token.repository.ts';

const TOKEN_PREFIX: Record<EmailTokenPurpose, string> = {
  invitation: 'lh_invite',
  password_reset: 'lh_reset',
  registration_reissue: 'lh_reissue',
  staff_invitation: 'lh_staff_invite',
};

export interface EmailTokenRequest {
  purpose: EmailTokenPurpose;
  /** The customer the link acts for; null for staff accounts. */
  customerId: string | null;
  userId?: string | null;
  email: string;
  /** What the link carries to whoever redeems it (an invitation's role...). */
  data?: Record<string, unknown>;
  validMs: number;
}

/**
 * A single-use link sent by email (portal and staff invitations, password resets, registration
 * re-issue): stores the token hashed with its expiry and ends the unused tokens of the same purpose
 * to the same address, so only the newest link works. Answers the token to put in the link.
 */
export async function issueEmailToken(trx: Db, request: EmailTokenRequest, now: number): Promise<{ token: string; expiresAt: number }> {
  const token = generateToken(TOKEN_PREFIX[request.purpose]);
  const email = request.email.trim().toLowerCase();
  const expiresAt = now + request.validMs;
  await expireEmailTokens(trx, request.customerId, request.purpose, email, now);
  await insertEmailToken(trx, {
    token_hash: hashSecret(token), purpose: request.purpose, customer_id: request.customerId, user_id: request.userId ?? null, email,
    data: JSON.stringify(request.data ?? {}), created_at: now, expires_at: expiresAt, used_at: null,
  });
  return { token, expiresAt };
}

/**
 * Whether a link could be used now, without using it up: checked before hashing a new password, so
 * a bogus link costs no argon2 work. The redeem in the write's transaction stays the decision.
 */
export async function emailTokenUsable(db: Db, token: string, purpose: EmailTokenPurpose, now: number): Promise<boolean> {
  return (await findUsableEmailToken(db, hashSecret(token), purpose, now)) !== null;
}

/**
 * Uses a link up, in the caller's transaction (a failure after this gives the link back): its
 * record, or null when the token is unknown, of another purpose, expired or already used, also by a
 * request racing this one.
 */
export async function redeemEmailToken(trx: Db, token: string, purpose: EmailTokenPurpose, now: number): Promise<EmailTokenRecord | null> {
  const tokenHash = hashSecret(token);
  const record = await findUsableEmailToken(trx, tokenHash, purpose, now);
  if (!record || !(await markEmailTokenUsed(trx, tokenHash, now))) return null;
  return record;
}
