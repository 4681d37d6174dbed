import { DomainError, HOUR } from '@leasehold/core';
import type { AppDeps } from '../deps.ts';
import { insertEvent } from '../events/event.repository.ts';
import { enqueueMail } from '../mail/mail.service.ts';
import { findPortalUserRowByEmail, getPortalUser, updatePortalUser } from '../portal-users/portal-user.repository.ts';
import { emailTokenUsable, issueEmailToken, redeemEmailToken } from './email-token.service.ts';
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
    await database.transaction(async (trx) => {
      if (!user) {
        await insertEvent(trx, { customerId: null, type: 'portal.password_reset_unknown_email', actor: { type: 'portal_user', id: null }, subjectType: 'portal_user', subjectId: 'unknown' }, now);
        return;
      }
      const { token } = await issueEmailToken(trx, { purpose: 'password_reset', customerId: user.customer_id, userId: user.id, email: user.email, validMs: PASSWORD_RESET_MS }, now);
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
    if (!(await emailTokenUsable(this.deps.database.db, input.token, 'password_reset', now))) throw invalidToken();
    const passwordHash = await hashPassword(input.password);
    await this.deps.database.transaction(async (trx) => {
      const token = await redeemEmailToken(trx, input.token, 'password_reset', now);
      const user = token?.userId ? await getPortalUser(trx, token.userId) : null;
      if (!token || !user || user.disabledAt !== null) throw invalidToken();
      await updatePortalUser(trx, user.id, { password_hash: passwordHash });
      await revokeUserSessions(trx, user.id, now);
      // The lock-out message sends people here; a new password should let them straight in.
      await clearFailures(trx, throttleKeys.email(user.email));
      await insertEvent(trx, { customerId: user.customerId, type: 'portal_user.password_reset', actor: { type: 'portal_user', id: user.id }, subjectType: 'portal_user', subjectId: user.id }, now);
    });
    return { reset: true };
  }
}
