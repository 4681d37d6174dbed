import type { Db, PortalUserTable } from '@leasehold/db';
import { sql } from 'kysely';

export type PortalRole = 'owner' | 'admin' | 'viewer';

export interface PortalUserRecord {
  id: string;
  customerId: string;
  email: string;
  name: string;
  role: PortalRole;
  locale: string;
  createdAt: number;
  lastLoginAt: number | null;
  disabledAt: number | null;
}

export function rowToPortalUser(row: PortalUserTable): PortalUserRecord {
  return {
    id: row.id,
    customerId: row.customer_id,
    email: row.email,
    name: row.name,
    role: row.role,
    locale: row.locale,
    createdAt: Number(row.created_at),
    lastLoginAt: row.last_login_at === null ? null : Number(row.last_login_at),
    disabledAt: row.disabled_at === null ? null : Number(row.disabled_at),
  };
}

export async function insertPortalUser(db: Db, row: PortalUserTable): Promise<void> {
  await db.insertInto('portal_users').values(row).execute();
}

/** The row with its password hash, for the log-on that checks it. */
export async function findPortalUserRowByEmail(db: Db, email: string): Promise<PortalUserTable | null> {
  return (await db.selectFrom('portal_users').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst()) ?? null;
}

export async function getPortalUser(db: Db, id: string): Promise<PortalUserRecord | null> {
  const row = await db.selectFrom('portal_users').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? rowToPortalUser(row) : null;
}

export async function listPortalUsers(db: Db, customerId: string): Promise<PortalUserRecord[]> {
  const rows = await db.selectFrom('portal_users').selectAll().where('customer_id', '=', customerId).where('disabled_at', 'is', null).orderBy('created_at').orderBy('id').execute();
  return rows.map(rowToPortalUser);
}

export async function countPortalUsers(db: Db, customerId: string, role?: PortalRole): Promise<number> {
  let query = db.selectFrom('portal_users').select(sql<number>`count(*)`.as('n')).where('customer_id', '=', customerId).where('disabled_at', 'is', null);
  if (role) query = query.where('role', '=', role);
  return Number((await query.executeTakeFirstOrThrow()).n);
}

export async function updatePortalUser(db: Db, id: string, changes: Partial<Pick<PortalUserTable, 'name' | 'locale' | 'role' | 'password_hash' | 'last_login_at' | 'disabled_at'>>): Promise<void> {
  await db.updateTable('portal_users').set(changes).where('id', '=', id).execute();
}

/** Removes the account and what hangs off it; events keep its id as the actor of what it did. */
export async function deletePortalUser(db: Db, id: string): Promise<void> {
  await db.deleteFrom('portal_sessions').where('user_id', '=', id).execute();
  await db.updateTable('email_tokens').set({ user_id: null }).where('user_id', '=', id).execute();
  await db.deleteFrom('portal_users').where('id', '=', id).execute();
}
