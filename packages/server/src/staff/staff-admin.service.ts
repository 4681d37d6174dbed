import { DAY, DomainError } from '@leasehold/core';
import type { Db } from '@leasehold/db';
import type { AppDeps } from '../deps.ts';
import { insertEvent } from '../events/event.repository.ts';
import type { Principal } from '../http/auth.ts';
import { enqueueMail } from '../mail/mail.service.ts';
import { expireEmailTokens, listPendingEmailTokens } from '../portal-auth/email-token.repository.ts';
import { emailTokenUsable, issueEmailToken, redeemEmailToken } from '../portal-auth/email-token.service.ts';
import { hashPassword } from '../portal-auth/password.ts';
import { insertNewStaff, type StaffSessionAnswer } from './staff-auth.service.ts';
import { openStaffSession } from './staff-session.ts';
import {
  findStaffRowByEmail, getStaffRow, listStaffUsers, lockActiveOwners, revokeStaffSessionsOf, rowToStaffUser, updateStaffUser, type StaffRole, type StaffUser,
} from './staff.repository.ts';

/** Shorter than a portal invitation's week: a console account reaches every customer. */
export const STAFF_INVITATION_MS = 3 * DAY;

export interface StaffInvitation {
  email: string;
  name: string;
  role: StaffRole;
  invitedAt: number;
  expiresAt: number;
}

export interface NewStaffInvitation {
  email: string;
  name: string;
  role: StaffRole;
  /** The language of the invitation mail. */
  locale: 'en' | 'fr';
}

const notFound = () => new DomainError('NOT_FOUND', 'No staff account has this id. List the staff with GET /v1/admin/staff.');
/** Whether `staff` is the only active owner, told from the locked list of active owners. */
const soleOwner = (staff: StaffUser, activeOwners: string[]) => activeOwners.length === 1 && activeOwners[0] === staff.id;
const lastOwner = (what: string) => new DomainError('INVALID_STATE', `This is the last active owner of the admin console and cannot be ${what}. Make another staff member an owner first.`);

/**
 * The owners' management of the console's staff: invitations by email, roles, disabling an account,
 * and clearing two-step sign-in for someone who lost their phone. There is always an active owner.
 */
export class StaffAdminService {
  constructor(private readonly deps: Pick<AppDeps, 'database' | 'clock' | 'config'>) {}

  async list(): Promise<{ staff: StaffUser[]; invitations: StaffInvitation[] }> {
    const db = this.deps.database.db;
    const tokens = await listPendingEmailTokens(db, 'staff_invitation', null, this.deps.clock.now());
    return {
      staff: await listStaffUsers(db),
      invitations: tokens.map((t) => ({ email: t.email, name: String(t.data.name), role: t.data.role as StaffRole, invitedAt: t.createdAt, expiresAt: t.expiresAt })),
    };
  }

  /** Mails a single-use link to choose a password; a new invitation to the same address replaces the old one. */
  async invite(principal: Principal, input: NewStaffInvitation): Promise<StaffInvitation> {
    const now = this.deps.clock.now();
    const email = input.email.trim().toLowerCase();
    return this.deps.database.transaction(async (trx) => {
      const existing = await findStaffRowByEmail(trx, email);
      if (existing) {
        throw new DomainError('ALREADY_EXISTS', existing.disabled_at === null
          ? 'This person already has a staff account. Change their role instead.'
          : 'This person has a disabled staff account. Enable it instead of inviting them again.');
      }
      return this.sendInvitation(trx, principal, { ...input, email, name: input.name.trim() }, 'staff.invited', now);
    });
  }

  /**
   * Sends a pending invitation again (the mail was lost or went to spam): the same name, role and
   * language, a new link valid for the full time; the earlier link stops working.
   */
  async resendInvitation(principal: Principal, email: string): Promise<StaffInvitation> {
    const now = this.deps.clock.now();
    const address = email.trim().toLowerCase();
    return this.deps.database.transaction(async (trx) => {
      const pending = (await listPendingEmailTokens(trx, 'staff_invitation', null, now)).find((t) => t.email === address);
      if (!pending) throw new DomainError('NOT_FOUND', 'No pending invitation to this address: it was accepted, cancelled or has expired. Invite the person again.');
      const locale = pending.data.locale === 'fr' ? 'fr' : 'en';
      return this.sendInvitation(trx, principal, { email: address, name: String(pending.data.name), role: pending.data.role as StaffRole, locale }, 'staff.invitation_resent', now);
    });
  }

  private async sendInvitation(trx: Db, principal: Principal, input: NewStaffInvitation, event: 'staff.invited' | 'staff.invitation_resent', now: number): Promise<StaffInvitation> {
    const { email, name, role, locale } = input;
    const { publicUrl } = this.deps.config;
    const inviter = principal.kind === 'staff' ? await getStaffRow(trx, principal.staffId) : undefined;
    const { token, expiresAt } = await issueEmailToken(trx, {
      purpose: 'staff_invitation', customerId: null, email, data: { name, role, locale }, validMs: STAFF_INVITATION_MS,
    }, now);
    await enqueueMail(trx, {
      customerId: null, to: email, template: 'staff_invitation', locale,
      vars: {
        name, inviterName: inviter?.name ?? null, role, host: new URL(publicUrl).host,
        link: `${publicUrl}/admin/accept-invitation?token=${encodeURIComponent(token)}`, expiresAt,
      },
    }, now);
    await insertEvent(trx, { customerId: null, type: event, actor: principal.actor, subjectType: 'staff_invitation', subjectId: email, data: { email, name, role } }, now);
    return { email, name, role, invitedAt: now, expiresAt };
  }

  /** Ends a pending invitation (a mistyped address, someone who will not join): its link stops working. */
  async cancelInvitation(principal: Principal, email: string): Promise<void> {
    const now = this.deps.clock.now();
    const address = email.trim().toLowerCase();
    await this.deps.database.transaction(async (trx) => {
      const pending = await listPendingEmailTokens(trx, 'staff_invitation', null, now);
      if (!pending.some((t) => t.email === address)) throw new DomainError('NOT_FOUND', 'No pending invitation to this address. List them with GET /v1/admin/staff.');
      await expireEmailTokens(trx, null, 'staff_invitation', address, now);
      await insertEvent(trx, { customerId: null, type: 'staff.invitation_cancelled', actor: principal.actor, subjectType: 'staff_invitation', subjectId: address, data: { email: address } }, now);
    });
  }

  /** The invited person chooses a password: the account is made for the invited address, and signed in. */
  async acceptInvitation(input: { token: string; password: string }): Promise<StaffSessionAnswer & { sessionToken: string }> {
    const now = this.deps.clock.now();
    const invalid = () => new DomainError('TOKEN_INVALID', 'This invitation has expired, was cancelled or was already used. Ask an owner of the admin console for a new one.');
    if (!(await emailTokenUsable(this.deps.database.db, input.token, 'staff_invitation', now))) throw invalid();
    const passwordHash = await hashPassword(input.password);
    return this.deps.database.transaction(async (trx) => {
      const invitation = await redeemEmailToken(trx, input.token, 'staff_invitation', now);
      if (!invitation) throw invalid();
      const role = invitation.data.role as StaffRole;
      const id = await insertNewStaff(trx, { email: invitation.email, name: String(invitation.data.name), role, passwordHash }, now);
      await updateStaffUser(trx, id, { last_login_at: now });
      await insertEvent(trx, { customerId: null, type: 'staff.invitation_accepted', actor: { type: 'staff', id }, subjectType: 'staff', subjectId: id, data: { email: invitation.email, role } }, now);
      const session = await openStaffSession(trx, id, now);
      return { staff: rowToStaffUser((await getStaffRow(trx, id))!), csrfToken: session.csrfToken, sessionToken: session.token };
    });
  }

  async changeRole(principal: Principal, staffId: string, role: StaffRole): Promise<StaffUser> {
    return this.change(staffId, async (trx, staff, owners, now) => {
      if (staff.role === role) return;
      if (soleOwner(staff, owners)) throw lastOwner('given another role');
      await updateStaffUser(trx, staff.id, { role });
      await insertEvent(trx, { customerId: null, type: 'staff.role_changed', actor: principal.actor, subjectType: 'staff', subjectId: staff.id, data: { from: staff.role, to: role } }, now);
    });
  }

  /** A disabled account cannot sign in, and its sessions end at once (enabling it again does not bring them back). */
  async setDisabled(principal: Principal, staffId: string, disabled: boolean): Promise<StaffUser> {
    if (disabled && principal.kind === 'staff' && principal.staffId === staffId) {
      throw new DomainError('INVALID_STATE', 'You cannot disable your own account. Ask another owner to do it.');
    }
    return this.change(staffId, async (trx, staff, owners, now) => {
      if ((staff.disabledAt !== null) === disabled) return;
      if (disabled && soleOwner(staff, owners)) throw lastOwner('disabled');
      await updateStaffUser(trx, staff.id, { disabled_at: disabled ? now : null });
      if (disabled) await revokeStaffSessionsOf(trx, staff.id, now);
      await insertEvent(trx, { customerId: null, type: disabled ? 'staff.disabled' : 'staff.enabled', actor: principal.actor, subjectType: 'staff', subjectId: staff.id, data: { email: staff.email } }, now);
    });
  }

  /** For someone who lost their phone: sign-in asks for no code until they turn two-step sign-in on again. */
  async resetTotp(principal: Principal, staffId: string): Promise<StaffUser> {
    return this.change(staffId, async (trx, staff, _owners, now) => {
      if (!staff.totpEnabled) return;
      await updateStaffUser(trx, staff.id, { totp_secret: null, totp_pending_secret: null, totp_last_step: null });
      await insertEvent(trx, { customerId: null, type: 'staff.totp_reset', actor: principal.actor, subjectType: 'staff', subjectId: staff.id, data: { email: staff.email } }, now);
    });
  }

  /** One staff member's change in a transaction that first locks the active owners (see lockActiveOwners). */
  private change(staffId: string, fn: (trx: Db, staff: StaffUser, activeOwners: string[], now: number) => Promise<void>): Promise<StaffUser> {
    const now = this.deps.clock.now();
    const { database } = this.deps;
    return database.transaction(async (trx) => {
      const owners = await lockActiveOwners(trx, database.dialect);
      const row = await getStaffRow(trx, staffId);
      if (!row) throw notFound();
      await fn(trx, rowToStaffUser(row), owners, now);
      return rowToStaffUser((await getStaffRow(trx, staffId))!);
    });
  }
}
