import type { ApiKeyTable, Db } from '@leasehold/db';

export interface AdminKeyRecord {
  id: string;
  name: string;
  keyPrefix: string;
  createdAt: number;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

export function rowToAdminKey(row: ApiKeyTable): AdminKeyRecord {
  return {
    id: row.id,
    name: row.name,
    keyPrefix: row.key_prefix,
    createdAt: Number(row.created_at),
    lastUsedAt: row.last_used_at === null ? null : Number(row.last_used_at),
    revokedAt: row.revoked_at === null ? null : Number(row.revoked_at),
  };
}

export async function insertAdminKey(db: Db, row: ApiKeyTable): Promise<void> {
  await db.insertInto('admin_api_keys').values(row).execute();
}

export async function getAdminKey(db: Db, id: string): Promise<AdminKeyRecord | null> {
  const row = await db.selectFrom('admin_api_keys').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? rowToAdminKey(row) : null;
}
