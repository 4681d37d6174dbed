import { DomainError, MINUTE } from '@leasehold/core';
import { newId, type Db } from '@leasehold/db';
import { findCustomerRowByNumber, getCustomer, lockCustomer } from '../customers/customer.repository.ts';
import type { AppDeps } from '../deps.ts';
import { insertEvent, type Actor } from '../events/event.repository.ts';
import type { PortalPrincipal } from '../http/auth.ts';
import { countPortalUsers, findPortalUserRowByEmail, getPortalUser, insertPortalUser, updatePortalUser, type PortalRole } from '../portal-users/portal-user.repository.ts';
import { customerSummary, userView, type SessionAnswer } from '../portal-users/portal-user.views.ts';
import { generateToken, hashSecret, normalizeReadableKey, secretMatches } from '../shared/secrets.ts';
import { hashPassword, passwordMatches } from './password.ts';
import { findUsableTicket, insertRegistrationTicket, markTicketUsed } from './registration-ticket.repository.ts';
import { revokeSession } from './session.repository.ts';
import { openSession } from './session.service.ts';
import { admitAttempt, clearFailures, logonLocked, recordFailure, throttleKeys, THROTTLE } from './throttle.service.ts';
import { noticeViewerRegistered } from './viewer-notice.service.ts';

export const REGISTRATION_TICKET_MS = 30 * MINUTE;

/** A started session: the answer for the browser, and the token that goes into its cookie only. */
export interface StartedSession extends SessionAnswer {
  sessionToken: string;
}

export interface NewAccount {
  name: string;
  email: string;
  password: string;
  locale: 'en' | 'fr';
}

const ANONYMOUS: Actor = { type: 'portal_user', id: null };

/**
 * Getting into the client portal: the first log-on with the registration details, registering an
 * account with the ticket it gives, log-on by email and password, log-out, and the session itself.
 */
export class PortalAuthService {
  constructor(private readonly deps: Pick<AppDeps, 'database' | 'clock' | 'config'>) {}

  private get database() {
    return this.deps.database;
  }

  async logonWithRegistration(input: { customerNumber: string; registrationKey: string }, ip: string) {
    const now = this.deps.clock.now();
    const number = input.customerNumber.trim();
    const keys = [throttleKeys.customerNumber(number), throttleKeys.ip(ip)];
    await admitAttempt(this.database.db, keys, now, 'registration');
    const row = await findCustomerRowByNumber(this.database.db, number);
    // Hash even when the number is unknown, so the answer takes as long either way.
    const matches = secretMatches(normalizeReadableKey(input.registrationKey), row?.registration_key_hash ?? '0'.repeat(64));
    if (!row || !matches) {
      const locked = await this.database.transaction(async (trx) => {
        const lockedNow = await recordFailure(trx, keys, now);
        if (row) await insertEvent(trx, { customerId: row.id, type: lockedNow ? 'customer.registration_logon_locked' : 'customer.registration_logon_failed', actor: ANONYMOUS, subjectType: 'customer', subjectId: row.id, data: { ip } }, now);
        return lockedNow;
      });
      if (locked) throw logonLocked(THROTTLE.lockMs, 'registration');
      throw new DomainError('INVALID_CREDENTIALS', 'The customer number and registration key do not match. Check them against your registration email, or use "I don\'t know my registration details".');
    }
    const ticket = generateToken('lh_ticket');
    const existingAccounts = await this.database.transaction(async (trx) => {
      await clearFailures(trx, keys[0]);
      await insertRegistrationTicket(trx, {
        token_hash: hashSecret(ticket), customer_id: row.id, registration_key_hash: row.registration_key_hash, created_at: now, expires_at: now + REGISTRATION_TICKET_MS, used_at: null,
      });
      await insertEvent(trx, { customerId: row.id, type: 'customer.registration_logon', actor: { type: 'customer', id: row.id }, subjectType: 'customer', subjectId: row.id, data: { ip } }, now);
      return countPortalUsers(trx, row.id);
    });
    return { registrationTicket: ticket, customer: { number: row.number, name: row.name }, existingAccounts };
  }

  /**
   * The first account of a customer is its owner. Later ones registered with the registration
   * details are viewers: those details sit on every computer of the practice, so they must not
   * reach billing or seat changes one step removed. Every owner is mailed and can change the role.
   */
  async register(input: NewAccount & { registrationTicket: string }): Promise<StartedSession> {
    const now = this.deps.clock.now();
    const ticketHash = hashSecret(input.registrationTicket);
    const unusable = () => new DomainError('TOKEN_INVALID', 'This registration ticket has expired or was already used. Log on with your registration details again.');
    // Checked before hashing so a bogus ticket costs no argon2 work, and again under the transaction.
    if (!(await findUsableTicket(this.database.db, ticketHash, now))) throw unusable();
    const passwordHash = await hashPassword(input.password);
    return this.database.transaction(async (trx) => {
      const ticket = await findUsableTicket(trx, ticketHash, now);
      if (!ticket) throw unusable();
      await lockCustomer(trx, this.database.dialect, ticket.customerId);
      const role: PortalRole = (await countPortalUsers(trx, ticket.customerId)) === 0 ? 'owner' : 'viewer';
      const userId = await createAccount(trx, ticket.customerId, input, passwordHash, role, now);
      if (!(await markTicketUsed(trx, ticketHash, now))) throw new DomainError('TOKEN_INVALID', 'This registration ticket was already used. Log on with your registration details again.');
      const user = (await getPortalUser(trx, userId))!;
      const ownersTold = role === 'viewer' ? { ownersTold: await noticeViewerRegistered(trx, this.deps.config.publicUrl, user, now) } : {};
      await insertEvent(trx, { customerId: ticket.customerId, type: 'portal_user.registered', actor: { type: 'portal_user', id: userId }, subjectType: 'portal_user', subjectId: userId, data: { role, email: user.email, name: user.name, ...ownersTold } }, now);
      return startSession(trx, userId, now);
    });
  }

  async logon(input: { email: string; password: string }, ip: string): Promise<StartedSession> {
    const now = this.deps.clock.now();
    const keys = [throttleKeys.email(input.email), throttleKeys.ip(ip)];
    await admitAttempt(this.database.db, keys, now, 'password');
    const row = await findPortalUserRowByEmail(this.database.db, input.email.trim());
    const user = row && row.disabled_at === null ? row : null;
    const matches = await passwordMatches(user?.password_hash ?? null, input.password);
    if (!user || !matches) {
      const locked = await this.database.transaction(async (trx) => {
        const lockedNow = await recordFailure(trx, keys, now);
        if (user) await insertEvent(trx, { customerId: user.customer_id, type: lockedNow ? 'portal_user.logon_locked' : 'portal_user.logon_failed', actor: ANONYMOUS, subjectType: 'portal_user', subjectId: user.id, data: { ip } }, now);
        return lockedNow;
      });
      if (locked) throw logonLocked(THROTTLE.lockMs, 'password');
      throw new DomainError('INVALID_CREDENTIALS', 'The email or password is not right. Check them, or use "Forgot your password?".');
    }
    return this.database.transaction(async (trx) => {
      await clearFailures(trx, keys[0]);
      await updatePortalUser(trx, user.id, { last_login_at: now });
      await insertEvent(trx, { customerId: user.customer_id, type: 'portal_user.logged_on', actor: { type: 'portal_user', id: user.id }, subjectType: 'portal_user', subjectId: user.id, data: { ip } }, now);
      return startSession(trx, user.id, now);
    });
  }

  async logout(principal: PortalPrincipal): Promise<void> {
    const now = this.deps.clock.now();
    await this.database.transaction(async (trx) => {
      await revokeSession(trx, principal.sessionHash, now);
      await insertEvent(trx, { customerId: principal.customerId, type: 'portal_user.logged_out', actor: principal.actor, subjectType: 'portal_user', subjectId: principal.userId }, now);
    });
  }

  async session(principal: PortalPrincipal): Promise<SessionAnswer> {
    return { ...(await sessionView(this.database.db, principal.userId)), csrfToken: principal.csrfToken };
  }

  async updateMe(principal: PortalPrincipal, patch: { name?: string; locale?: 'en' | 'fr' }) {
    const now = this.deps.clock.now();
    return this.database.transaction(async (trx) => {
      const user = (await getPortalUser(trx, principal.userId))!;
      const changes: Record<string, { from: string; to: string }> = {};
      if (patch.name !== undefined && patch.name !== user.name) changes.name = { from: user.name, to: patch.name };
      if (patch.locale !== undefined && patch.locale !== user.locale) changes.locale = { from: user.locale, to: patch.locale };
      if (Object.keys(changes).length > 0) {
        await updatePortalUser(trx, user.id, { name: patch.name ?? user.name, locale: patch.locale ?? user.locale });
        await insertEvent(trx, { customerId: user.customerId, type: 'portal_user.updated', actor: principal.actor, subjectType: 'portal_user', subjectId: user.id, data: { changes } }, now);
      }
      return { user: userView((await getPortalUser(trx, user.id))!) };
    });
  }
}

/** Inserts the account; an email already used anywhere is refused, since the email is what logs on. */
export async function createAccount(trx: Db, customerId: string, input: NewAccount, passwordHash: string, role: PortalRole, now: number): Promise<string> {
  const email = input.email.trim().toLowerCase();
  if (await findPortalUserRowByEmail(trx, email)) {
    throw new DomainError('ALREADY_EXISTS', 'An account with this email already exists. Log on with it, or use "Forgot your password?" if you do not know its password.');
  }
  const id = newId(now);
  await insertPortalUser(trx, {
    id, customer_id: customerId, email, name: input.name.trim(), password_hash: passwordHash, role, locale: input.locale, created_at: now, last_login_at: now, disabled_at: null,
  });
  return id;
}

async function sessionView(db: Db, userId: string) {
  const user = (await getPortalUser(db, userId))!;
  const customer = (await getCustomer(db, user.customerId))!;
  return { user: userView(user), customer: customerSummary(customer) };
}

export async function startSession(trx: Db, userId: string, now: number): Promise<StartedSession> {
  const view = await sessionView(trx, userId);
  const session = await openSession(trx, { id: userId, customerId: view.customer.id }, now);
  return { ...view, csrfToken: session.csrfToken, sessionToken: session.token };
}
