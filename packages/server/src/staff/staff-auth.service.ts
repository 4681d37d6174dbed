import { DomainError } from '@leasehold/core';
import { newId, type Db } from '@leasehold/db';
import type { AppDeps } from '../deps.ts';
import { SEALED, sealContext } from '../encryption/sealed-columns.ts';
import { insertEvent, type Actor } from '../events/event.repository.ts';
import { generateReadableKey } from '../shared/secrets.ts';
import { hashPassword, passwordMatches } from '../portal-auth/password.ts';
import { admitAttempt, clearFailures, logonLocked, recordFailure, throttleKeys, THROTTLE } from '../portal-auth/throttle.service.ts';
import { openStaffSession, type StaffPrincipal } from './staff-session.ts';
import {
  claimTotpStep, findStaffRowByEmail, getStaffRow, insertStaffUser, revokeStaffSession, rowToStaffUser, updateStaffUser, type StaffRole, type StaffUser,
} from './staff.repository.ts';
import { generateTotpSecret, otpauthUri, verifyTotp } from './totp.ts';

const ANONYMOUS: Actor = { type: 'staff', id: null };

export interface StaffSessionAnswer {
  staff: StaffUser;
  csrfToken: string;
}

export interface NewStaff {
  email: string;
  name: string;
  role: StaffRole;
  password: string;
}

/** A first password to hand over once: 20 readable characters, about 100 bits. */
export const generateStaffPassword = (): string => generateReadableKey(4);

/** Adds a staff account in the caller's transaction and answers its id; an email already used is refused. */
export async function insertNewStaff(trx: Db, input: Omit<NewStaff, 'password'> & { passwordHash: string }, now: number): Promise<string> {
  const email = input.email.trim().toLowerCase();
  if (await findStaffRowByEmail(trx, email)) throw new DomainError('ALREADY_EXISTS', `A staff account with the email ${email} already exists. Sign in with it, or ask an owner to enable it.`);
  const id = newId(now);
  await insertStaffUser(trx, {
    id, email, name: input.name.trim(), password_hash: input.passwordHash, role: input.role, totp_secret: null, totp_pending_secret: null, totp_last_step: null,
    created_at: now, last_login_at: null, disabled_at: null,
  });
  return id;
}

/** Creates a staff account (the CLI, the demo seed); an email already used is refused. */
export async function createStaffUser(deps: Pick<AppDeps, 'database' | 'clock'>, input: NewStaff, actor: Actor): Promise<StaffUser> {
  const now = deps.clock.now();
  const passwordHash = await hashPassword(input.password);
  return deps.database.transaction(async (trx) => {
    const id = await insertNewStaff(trx, { ...input, passwordHash }, now);
    await insertEvent(trx, { customerId: null, type: 'staff.created', actor, subjectType: 'staff', subjectId: id, data: { email: input.email.trim().toLowerCase(), role: input.role } }, now);
    return rowToStaffUser((await getStaffRow(trx, id))!);
  });
}

/** Signing in and out of the admin console, and TOTP enrolment. */
export class StaffAuthService {
  constructor(private readonly deps: Pick<AppDeps, 'database' | 'clock' | 'config' | 'secrets'>) {}

  async logon(input: { email: string; password: string; totp?: string }, ip: string): Promise<StaffSessionAnswer & { sessionToken: string }> {
    const { database } = this.deps;
    const now = this.deps.clock.now();
    const keys = [throttleKeys.staffEmail(input.email), throttleKeys.ip(ip)];
    await admitAttempt(database.db, keys, now, 'staff');
    const row = await findStaffRowByEmail(database.db, input.email);
    const user = row && row.disabled_at === null ? row : null;
    const passwordRight = await passwordMatches(user?.password_hash ?? null, input.password);
    if (user && passwordRight && user.totp_secret !== null && !input.totp) {
      throw new DomainError('TOTP_REQUIRED', 'Enter the 6-digit code from your authenticator app.');
    }
    const step = user && passwordRight && user.totp_secret !== null ? verifyTotp(this.open(SEALED.totpSecret, user.id, user.totp_secret), input.totp!, now, user.totp_last_step) : null;
    const totpRight = user?.totp_secret === null || step !== null;
    if (!user || !passwordRight || !totpRight) {
      const locked = await database.transaction(async (trx) => {
        const lockedNow = await recordFailure(trx, keys, now);
        if (user) await insertEvent(trx, { customerId: null, type: lockedNow ? 'staff.logon_locked' : 'staff.logon_failed', actor: ANONYMOUS, subjectType: 'staff', subjectId: user.id, data: { ip } }, now);
        return lockedNow;
      });
      if (locked) throw logonLocked(THROTTLE.lockMs, 'staff');
      throw new DomainError('INVALID_CREDENTIALS', passwordRight
        ? 'The code is not right or was already used. Wait for the next code of your authenticator app and enter it.'
        : 'The email or password is not right. Check them, or ask an owner to check your account.');
    }
    return database.transaction(async (trx) => {
      if (step !== null && !(await claimTotpStep(trx, user.id, step))) {
        throw new DomainError('INVALID_CREDENTIALS', 'This code was already used. Wait for the next code of your authenticator app and enter it.');
      }
      await clearFailures(trx, keys[0]);
      await updateStaffUser(trx, user.id, { last_login_at: now });
      await insertEvent(trx, { customerId: null, type: 'staff.logged_on', actor: { type: 'staff', id: user.id }, subjectType: 'staff', subjectId: user.id, data: { ip } }, now);
      const session = await openStaffSession(trx, user.id, now);
      return { staff: rowToStaffUser((await getStaffRow(trx, user.id))!), csrfToken: session.csrfToken, sessionToken: session.token };
    });
  }

  async logout(principal: StaffPrincipal): Promise<void> {
    const now = this.deps.clock.now();
    await this.deps.database.transaction(async (trx) => {
      await revokeStaffSession(trx, principal.sessionHash, now);
      await insertEvent(trx, { customerId: null, type: 'staff.logged_out', actor: principal.actor, subjectType: 'staff', subjectId: principal.staffId }, now);
    });
  }

  async session(principal: StaffPrincipal): Promise<StaffSessionAnswer> {
    return { staff: await this.staff(this.deps.database.db, principal.staffId), csrfToken: principal.csrfToken };
  }

  /** A new secret to enter in an authenticator app; sign-in asks for codes only once one is confirmed. */
  async beginTotp(principal: StaffPrincipal): Promise<{ secret: string; otpauthUri: string }> {
    const secret = generateTotpSecret();
    const staff = await this.staff(this.deps.database.db, principal.staffId);
    await updateStaffUser(this.deps.database.db, principal.staffId, { totp_pending_secret: this.deps.secrets.seal(secret, sealContext(SEALED.totpPendingSecret, principal.staffId)) });
    return { secret, otpauthUri: otpauthUri(new URL(this.deps.config.publicUrl).host || 'Leasehold', staff.email, secret) };
  }

  async confirmTotp(principal: StaffPrincipal, code: string): Promise<StaffUser> {
    const now = this.deps.clock.now();
    return this.deps.database.transaction(async (trx) => {
      const row = (await getStaffRow(trx, principal.staffId))!;
      if (row.totp_pending_secret === null) throw new DomainError('INVALID_STATE', 'Start the enrolment first: ask for a new secret, enter it in your authenticator app, then confirm with a code.');
      const secret = this.open(SEALED.totpPendingSecret, row.id, row.totp_pending_secret);
      const step = verifyTotp(secret, code, now, null);
      if (step === null) throw new DomainError('INVALID_CREDENTIALS', 'The code is not right. Check the clock of your device and enter the current code of your authenticator app.');
      await updateStaffUser(trx, row.id, { totp_secret: this.deps.secrets.seal(secret, sealContext(SEALED.totpSecret, row.id)), totp_pending_secret: null, totp_last_step: step });
      await insertEvent(trx, { customerId: null, type: 'staff.totp_enabled', actor: principal.actor, subjectType: 'staff', subjectId: row.id }, now);
      return rowToStaffUser((await getStaffRow(trx, row.id))!);
    });
  }

  /** A TOTP secret as kept, opened with the master key: only to check a code. */
  private open(column: typeof SEALED.totpSecret | typeof SEALED.totpPendingSecret, staffId: string, stored: string): string {
    return this.deps.secrets.open(stored, sealContext(column, staffId));
  }

  private async staff(db: Db, id: string): Promise<StaffUser> {
    return rowToStaffUser((await getStaffRow(db, id))!);
  }
}
