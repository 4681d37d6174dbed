import { DomainError, HOUR } from '@leasehold/core';
import type { AppDeps } from '../deps.ts';
import { insertEvent } from '../events/event.repository.ts';
import { enqueueMail } from '../mail/mail.service.ts';
import { findPortalUserRowByEmail, getPortalUser, updatePortalUser } from '../portal-users/portal-user.repository.ts';
import { generateToken, hashSecret } from '../shared/secrets.ts';
import { expireEmailTokens, findUsableEmailToken, insertEmailToken, markEmailTokenUsed } from './email-token.repository.ts';
import { hashPassword } from './password.ts';
import { revokeUserSessions } from './session.repository.ts';
import { clearFailures, throttleKeys } from './throttle.service.ts';

export const PASSWORD_RESET_MS = HOUR;

const invalidToken = () => new DomainError('TOKEN_INVALID', 'This password reset link has expired or was already used. Ask for a new one with "Forgot your password?".');

/** "Forgot your password?": a single-use link by email, valid one hour. */
export class PasswordResetService {
  constructor(private readonly deps: Pick<AppDeps, 'database' | 'clock' | 'config'>) {}

  /** Answers the same whether or not the email has an account; only an account's own address gets mail. */
  async request(input: { email: string; locale?: 'en' | 'fr' }): Promise<{ sent: true }> {
    const now = this.deps.clock.now();
    const { database } = this.deps;
    const row = await findPortalUserRowByEmail(database.db, input.email.trim());
    const user = row && row.disabled_at === null ? row : null;
    const token = generateToken('lh_reset');
    await database.transaction(async (trx) => {
      if (!user) {
        await insertEvent(trx, { customerId: null, type: 'portal.password_reset_unknown_email', actor: { type: 'portal_user', id: null }, subjectType: 'portal_user', subjectId: 'unknown' }, now);
        return;
      }
      await expireEmailTokens(trx, user.customer_id, 'password_reset', user.email, now);
      await insertEmailToken(trx, {
        token_hash: hashSecret(token), purpose: 'password_reset', customer_id: user.customer_id, user_id: user.id, email: user.email, data: '{}',
        created_at: now, expires_at: now + PASSWORD_RESET_MS, used_at: null,
      });
      await enqueueMail(trx, {
        customerId: user.customer_id, to: user.email, template: 'password_reset', locale: input.locale ?? user.locale,
        vars: { name: user.name, link: `${this.deps.config.publicUrl}/portal/reset-password?token=${encodeURIComponent(token)}`, expiresAt: now + PASSWORD_RESET_MS },
      }, now);
      await insertEvent(trx, { customerId: user.customer_id, type: 'portal_user.password_reset_requested', actor: { type: 'portal_user', id: null }, subjectType: 'portal_user', subjectId: user.id }, now);
    });
    return { sent: true };
  }

  /** Sets the new password, uses the link up, and ends every session of the account. */
  async confirm(input: { token: string; password: string }): Promise<{ reset: true }> {
    const now = this.deps.clock.now();
    const passwordHash = await hashPassword(input.password);
    const tokenHash = hashSecret(input.token);
    await this.deps.database.transaction(async (trx) => {
      const token = await findUsableEmailToken(trx, tokenHash, 'password_reset', now);
      const user = token?.userId ? await getPortalUser(trx, token.userId) : null;
      if (!token || !user || user.disabledAt !== null || !(await markEmailTokenUsed(trx, tokenHash, now))) throw invalidToken();
      await updatePortalUser(trx, user.id, { password_hash: passwordHash });
      await revokeUserSessions(trx, user.id, now);
      // The lock-out message sends people here; a new password should let them straight in.
      await clearFailures(trx, throttleKeys.email(user.email));
      await insertEvent(trx, { customerId: user.customerId, type: 'portal_user.password_reset', actor: { type: 'portal_user', id: user.id }, subjectType: 'portal_user', subjectId: user.id }, now);
    });
    return { reset: true };
  }
}
