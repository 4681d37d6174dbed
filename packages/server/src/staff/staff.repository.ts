import type { Db, DialectName, StaffRole, StaffSessionTable, StaffUserTable } from '@leasehold/db';

export type { StaffRole };

export interface StaffUser {
  id: string;
  email: string;
  name: string;
  role: StaffRole;
  totpEnabled: boolean;
  createdAt: number;
  lastLoginAt: number | null;
  disabledAt: number | null;
}

export interface StaffSessionContext {
  idHash: string;
  csrfToken: string;
  createdAt: number;
  expiresAt: number;
  staff: StaffUser;
}

const nullableMs = (value: number | null) => (value === null ? null : Number(value));

export function rowToStaffUser(row: StaffUserTable): StaffUser {
  return {
    id: row.id, email: row.email, name: row.name, role: row.role, totpEnabled: row.totp_secret !== null,
    createdAt: Number(row.created_at), lastLoginAt: nullableMs(row.last_login_at), disabledAt: nullableMs(row.disabled_at),
  };
}

export async function insertStaffUser(db: Db, row: StaffUserTable): Promise<void> {
  await db.insertInto('staff_users').values(row).execute();
}

export async function findStaffRowByEmail(db: Db, email: string): Promise<StaffUserTable | undefined> {
  const row = await db.selectFrom('staff_users').selectAll().where('email', '=', email.trim().toLowerCase()).executeTakeFirst();
  return row ? { ...row, totp_last_step: nullableMs(row.totp_last_step) } : undefined;
}

export async function getStaffRow(db: Db, id: string): Promise<StaffUserTable | undefined> {
  const row = await db.selectFrom('staff_users').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? { ...row, totp_last_step: nullableMs(row.totp_last_step) } : undefined;
}

export async function listStaffUsers(db: Db): Promise<StaffUser[]> {
  const rows = await db.selectFrom('staff_users').selectAll().orderBy('name').orderBy('email').execute();
  return rows.map(rowToStaffUser);
}

/**
 * The ids of the owners who are not disabled. On PostgreSQL their rows stay locked to the end of the
 * transaction, so two owners demoting or disabling each other at once cannot leave none; SQLite's
 * transaction holds the write lock already.
 */
export async function lockActiveOwners(db: Db, dialect: DialectName): Promise<string[]> {
  // One order for every transaction, so two never wait on each other's rows.
  const query = db.selectFrom('staff_users').select('id').where('role', '=', 'owner').where('disabled_at', 'is', null).orderBy('id');
  const rows = await (dialect === 'postgres' ? query.forUpdate() : query).execute();
  return rows.map((r) => r.id);
}

export async function updateStaffUser(db: Db, id: string, patch: Partial<Omit<StaffUserTable, 'id'>>): Promise<void> {
  await db.updateTable('staff_users').set(patch).where('id', '=', id).execute();
}

/**
 * Records that a TOTP code of `step` was used, only if no later or equal step was: two requests racing
 * with one code cannot both win. Answers whether this one did.
 */
export async function claimTotpStep(db: Db, id: string, step: number): Promise<boolean> {
  const result = await db.updateTable('staff_users').set({ totp_last_step: step }).where('id', '=', id)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertStaffSession(db: Db, row: StaffSessionTable): Promise<void> {
  await db.insertInto('staff_sessions').values(row).execute();
}

/** The live session with its staff member as they are now (a role changed since log-on counts at once). */
export async function findLiveStaffSession(db: Db, idHash: string, now: number): Promise<StaffSessionContext | null> {
  const row = await db
    .selectFrom('staff_sessions')
    .innerJoin('staff_users', 'staff_users.id', 'staff_sessions.staff_id')
    .selectAll('staff_users')
    .select(['staff_sessions.id_hash', 'staff_sessions.csrf_token', 'staff_sessions.created_at as session_created_at', 'staff_sessions.expires_at'])
    .where('staff_sessions.id_hash', '=', idHash)
    .where('staff_sessions.revoked_at', 'is', null)
    .where('staff_sessions.expires_at', '>', now)
    .where('staff_users.disabled_at', 'is', null)
    .executeTakeFirst();
  if (!row) return null;
  return {
    idHash: row.id_hash, csrfToken: row.csrf_token, createdAt: Number(row.session_created_at), expiresAt: Number(row.expires_at),
    staff: rowToStaffUser(row),
  };
}

export async function extendStaffSession(db: Db, idHash: string, expiresAt: number): Promise<void> {
  await db.updateTable('staff_sessions').set({ expires_at: expiresAt }).where('id_hash', '=', idHash).where('revoked_at', 'is', null).execute();
}

export async function revokeStaffSession(db: Db, idHash: string, now: number): Promise<void> {
  await db.updateTable('staff_sessions').set({ revoked_at: now }).where('id_hash', '=', idHash).where('revoked_at', 'is', null).execute();
}

/** Ends every session of a staff member (their account was disabled). */
export async function revokeStaffSessionsOf(db: Db, staffId: string, now: number): Promise<void> {
  await db.updateTable('staff_sessions').set({ revoked_at: now }).where('staff_id', '=', staffId).where('revoked_at', 'is', null).execute();
}
