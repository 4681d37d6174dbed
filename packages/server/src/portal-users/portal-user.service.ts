import { DAY, DomainError, iso } from '@leasehold/core';
import type { Db } from '@leasehold/db';
import { getCustomer, lockCustomer } from '../customers/customer.repository.ts';
import type { AppDeps } from '../deps.ts';
import { insertEvent } from '../events/event.repository.ts';
import type { PortalPrincipal } from '../http/auth.ts';
import { enqueueMail } from '../mail/mail.service.ts';
import { listPendingInvitations } from '../portal-auth/email-token.repository.ts';
import { emailTokenUsable, issueEmailToken, redeemEmailToken } from '../portal-auth/email-token.service.ts';
import { createAccount, startSession, type NewAccount, type StartedSession } from '../portal-auth/logon.service.ts';
import { hashPassword } from '../portal-auth/password.ts';
import { countPortalUsers, deletePortalUser, findPortalUserRowByEmail, getPortalUser, listPortalUsers, updatePortalUser, type PortalRole, type PortalUserRecord } from './portal-user.repository.ts';
import { userView } from './portal-user.views.ts';

export const INVITATION_MS = 7 * DAY;

const notFound = () => new DomainError('NOT_FOUND', 'No such user in your organisation. List them with GET /v1/portal/users.');

function requireOwner(principal: PortalPrincipal, what: string): void {
  if (principal.role !== 'owner') throw new DomainError('FORBIDDEN', `Only an owner of your organisation can ${what}.`);
}

/** A customer's portal accounts and the invitations not yet accepted: what the portal's users page and the admin console show. */
export async function listUsersAndInvitations(db: Db, customerId: string, now: number) {
  const users = await listPortalUsers(db, customerId);
  const invitations = await listPendingInvitations(db, customerId, now);
  return {
    items: users.map((u) => ({ id: u.id, name: u.name, email: u.email, role: u.role, lastLoginAt: u.lastLoginAt === null ? null : iso(u.lastLoginAt) })),
    invitations: invitations.map((i) => ({ email: i.email, role: i.data.role as 'admin' | 'viewer', expiresAt: iso(i.expiresAt) })),
  };
}

/** The customer's portal accounts: owners and admins invite; owners change roles and remove; viewers read. */
export class PortalUserService {
  constructor(private readonly deps: Pick<AppDeps, 'database' | 'clock' | 'config'>) {}

  private get database() {
    return this.deps.database;
  }

  async list(principal: PortalPrincipal) {
    return listUsersAndInvitations(this.database.db, principal.customerId, this.deps.clock.now());
  }

  /** Mails a single-use link, valid 7 days; a new invitation to the same address replaces the old one. */
  async invite(principal: PortalPrincipal, input: { email: string; role: 'admin' | 'viewer' }) {
    const now = this.deps.clock.now();
    const email = input.email.trim().toLowerCase();
    return this.database.transaction(async (trx) => {
      const existing = await findPortalUserRowByEmail(trx, email);
      if (existing) {
        throw new DomainError('ALREADY_EXISTS', existing.customer_id === principal.customerId
          ? 'This person already has an account in your organisation. Change their role instead.'
          : 'An account with this email already exists. Invite another address.');
      }
      return this.sendInvitation(trx, principal, email, input.role, 'portal_user.invited', now);
    });
  }

  /**
   * Sends a pending invitation again (the mail was lost or went to spam): the same role, a new link
   * valid 7 days, in the sender's language; the earlier link stops working.
   */
  async resendInvitation(principal: PortalPrincipal, email: string) {
    const now = this.deps.clock.now();
    const address = email.trim().toLowerCase();
    return this.database.transaction(async (trx) => {
      const pending = (await listPendingInvitations(trx, principal.customerId, now)).find((i) => i.email === address);
      if (!pending) throw new DomainError('NOT_FOUND', 'No pending invitation to this address: it was accepted or has expired. Invite the person again.');
      return this.sendInvitation(trx, principal, address, pending.data.role === 'admin' ? 'admin' : 'viewer', 'portal_user.invitation_resent', now);
    });
  }

  private async sendInvitation(trx: Db, principal: PortalPrincipal, email: string, role: 'admin' | 'viewer', event: 'portal_user.invited' | 'portal_user.invitation_resent', now: number) {
    const inviter = (await getPortalUser(trx, principal.userId))!;
    const customer = (await getCustomer(trx, principal.customerId))!;
    const { token } = await issueEmailToken(trx, {
      purpose: 'invitation', customerId: principal.customerId, email, data: { role, invitedBy: principal.userId }, validMs: INVITATION_MS,
    }, now);
    await enqueueMail(trx, {
      customerId: principal.customerId, to: email, template: 'invitation', locale: inviter.locale,
      vars: { customerName: customer.name, inviterName: inviter.name, role, link: `${this.deps.config.publicUrl}/portal/accept-invitation?token=${encodeURIComponent(token)}`, expiresAt: now + INVITATION_MS },
    }, now);
    await insertEvent(trx, { customerId: principal.customerId, type: event, actor: principal.actor, subjectType: 'invitation', subjectId: email, data: { email, role } }, now);
    return { invitation: { email, role, expiresAt: iso(now + INVITATION_MS) } };
  }

  async acceptInvitation(input: Omit<NewAccount, 'email'> & { token: string }): Promise<StartedSession> {
    const now = this.deps.clock.now();
    const invalid = () => new DomainError('TOKEN_INVALID', 'This invitation has expired or was already used. Ask the person who invited you for a new one.');
    if (!(await emailTokenUsable(this.database.db, input.token, 'invitation', now))) throw invalid();
    const passwordHash = await hashPassword(input.password);
    return this.database.transaction(async (trx) => {
      const invitation = await redeemEmailToken(trx, input.token, 'invitation', now);
      if (!invitation?.customerId) throw invalid();
      const role = invitation.data.role as PortalRole;
      // The account is for the address invited: the link proves that mailbox, not any other.
      const userId = await createAccount(trx, invitation.customerId, { ...input, email: invitation.email }, passwordHash, role, now);
      await insertEvent(trx, { customerId: invitation.customerId, type: 'portal_user.invitation_accepted', actor: { type: 'portal_user', id: userId }, subjectType: 'portal_user', subjectId: userId, data: { email: invitation.email, role } }, now);
      return startSession(trx, userId, now);
    });
  }

  async changeRole(principal: PortalPrincipal, userId: string, role: PortalRole) {
    requireOwner(principal, 'change roles');
    return this.ownersChange(principal, userId, async (trx, user, now) => {
      if (user.role === role) return;
      if (user.role === 'owner' && (await countPortalUsers(trx, principal.customerId, 'owner')) === 1) {
        throw new DomainError('INVALID_STATE', 'This is the only owner of your organisation. Make another user an owner first.');
      }
      await updatePortalUser(trx, user.id, { role });
      await insertEvent(trx, { customerId: principal.customerId, type: 'portal_user.role_changed', actor: principal.actor, subjectType: 'portal_user', subjectId: user.id, data: { from: user.role, to: role } }, now);
    });
  }

  async remove(principal: PortalPrincipal, userId: string) {
    requireOwner(principal, 'remove users');
    await this.ownersChange(principal, userId, async (trx, user, now) => {
      if (user.role === 'owner' && (await countPortalUsers(trx, principal.customerId, 'owner')) === 1) {
        throw new DomainError('INVALID_STATE', 'This is the only owner of your organisation and cannot be removed. Make another user an owner first.');
      }
      await deletePortalUser(trx, user.id);
      await insertEvent(trx, { customerId: principal.customerId, type: 'portal_user.removed', actor: principal.actor, subjectType: 'portal_user', subjectId: user.id, data: { email: user.email, name: user.name, role: user.role } }, now);
    });
  }

  /** Under the customer's lock, so two owners demoting each other cannot leave none. */
  private ownersChange(principal: PortalPrincipal, userId: string, fn: (trx: Db, user: PortalUserRecord, now: number) => Promise<void>) {
    const now = this.deps.clock.now();
    return this.database.transaction(async (trx) => {
      await lockCustomer(trx, this.database.dialect, principal.customerId);
      const user = await getPortalUser(trx, userId);
      if (!user || user.customerId !== principal.customerId || user.disabledAt !== null) throw notFound();
      await fn(trx, user, now);
      return { user: userView((await getPortalUser(trx, userId)) ?? user) };
    });
  }
}
