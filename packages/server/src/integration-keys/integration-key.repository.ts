import type { Db, IntegrationKeyTable } from '@leasehold/db';

export interface IntegrationKeyRecord {
  id: string;
  customerId: string;
  name: string;
  keyPrefix: string;
  createdAt: number;
  revokedAt: number | null;
}

export function rowToIntegrationKey(row: Omit<IntegrationKeyTable, 'key_hash'>): IntegrationKeyRecord {
  return {
    id: row.id,
    customerId: row.customer_id,
    name: row.name,
    keyPrefix: row.key_prefix,
    createdAt: Number(row.created_at),
    revokedAt: row.revoked_at === null ? null : Number(row.revoked_at),
  };
}

const columns = ['id', 'customer_id', 'name', 'key_prefix', 'created_at', 'revoked_at'] as const;

export async function insertIntegrationKey(db: Db, row: IntegrationKeyTable): Promise<void> {
  await db.insertInto('integration_keys').values(row).execute();
}

export async function getIntegrationKey(db: Db, id: string): Promise<IntegrationKeyRecord | null> {
  const row = await db.selectFrom('integration_keys').select(columns).where('id', '=', id).executeTakeFirst();
  return row ? rowToIntegrationKey(row) : null;
}

export async function listIntegrationKeys(db: Db, customerId: string, limit: number, after?: string): Promise<IntegrationKeyRecord[]> {
  let query = db.selectFrom('integration_keys').select(columns).where('customer_id', '=', customerId);
  if (after) query = query.where('id', '>', after);
  return (await query.orderBy('id').limit(limit).execute()).map(rowToIntegrationKey);
}

export async function revokeIntegrationKey(db: Db, id: string, at: number): Promise<void> {
  await db.updateTable('integration_keys').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).execute();
}
