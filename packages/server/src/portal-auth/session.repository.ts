import type { Db, PortalSessionTable } from '@leasehold/db';
import type { PortalRole } from '../portal-users/portal-user.repository.ts';

export interface SessionContext {
  idHash: string;
  csrfToken: string;
  createdAt: number;
  expiresAt: number;
  user: { id: string; name: string; email: string; role: PortalRole; locale: string };
  customer: { id: string; number: string; name: string; status: 'active' | 'suspended' };
}

export async function insertSession(db: Db, row: PortalSessionTable): Promise<void> {
  await db.insertInto('portal_sessions').values(row).execute();
}

/** The live session with its user and customer as they are now (a role changed since log-on counts at once). */
export async function findLiveSession(db: Db, idHash: string, now: number): Promise<SessionContext | null> {
  const row = await db
    .selectFrom('portal_sessions')
    .innerJoin('portal_users', 'portal_users.id', 'portal_sessions.user_id')
    .innerJoin('customers', 'customers.id', 'portal_sessions.customer_id')
    .select([
      'portal_sessions.id_hash', 'portal_sessions.csrf_token', 'portal_sessions.created_at', 'portal_sessions.expires_at',
      'portal_users.id as user_id', 'portal_users.name as user_name', 'portal_users.email', 'portal_users.role', 'portal_users.locale',
      'customers.id as customer_id', 'customers.number', 'customers.name as customer_name', 'customers.status',
    ])
    .where('portal_sessions.id_hash', '=', idHash)
    .where('portal_sessions.revoked_at', 'is', null)
    .where('portal_sessions.expires_at', '>', now)
    .where('portal_users.disabled_at', 'is', null)
    .whereRef('portal_users.customer_id', '=', 'portal_sessions.customer_id')
    .executeTakeFirst();
  if (!row) return null;
  return {
    idHash: row.id_hash,
    csrfToken: row.csrf_token,
    createdAt: Number(row.created_at),
    expiresAt: Number(row.expires_at),
    user: { id: row.user_id, name: row.user_name, email: row.email, role: row.role, locale: row.locale },
    customer: { id: row.customer_id, number: row.number, name: row.customer_name, status: row.status },
  };
}

export async function extendSession(db: Db, idHash: string, expiresAt: number): Promise<void> {
  await db.updateTable('portal_sessions').set({ expires_at: expiresAt }).where('id_hash', '=', idHash).where('revoked_at', 'is', null).execute();
}

export async function revokeSession(db: Db, idHash: string, now: number): Promise<void> {
  await db.updateTable('portal_sessions').set({ revoked_at: now }).where('id_hash', '=', idHash).where('revoked_at', 'is', null).execute();
}

/** Ends every session of the user, e.g. after a password reset. */
export async function revokeUserSessions(db: Db, userId: string, now: number): Promise<void> {
  await db.updateTable('portal_sessions').set({ revoked_at: now }).where('user_id', '=', userId).where('revoked_at', 'is', null).execute();
}
