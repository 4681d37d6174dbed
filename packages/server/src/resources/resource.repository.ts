import type { Resource } from '@leasehold/core';
import type { Db, ResourceTable } from '@leasehold/db';

export function rowToResource(row: ResourceTable): Resource & { createdAt: number; updatedAt: number } {
  return {
    id: row.id,
    customerId: row.customer_id,
    kind: row.kind,
    externalId: row.external_id,
    name: row.name,
    reachable: row.reachable === 1,
    synchronised: row.synchronised === 1,
    missing: row.missing === 1,
    lastReportedAt: row.last_reported_at === null ? null : Number(row.last_reported_at),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

export async function getResource(db: Db, id: string) {
  const row = await db.selectFrom('resources').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? rowToResource(row) : null;
}

export async function insertResource(db: Db, row: ResourceTable): Promise<void> {
  await db.insertInto('resources').values(row).execute();
}

export async function updateResource(db: Db, id: string, changes: Partial<Omit<ResourceTable, 'id' | 'customer_id'>>): Promise<void> {
  await db.updateTable('resources').set(changes).where('id', '=', id).execute();
}

export async function listCustomerResources(db: Db, customerId: string, kind?: string) {
  let query = db.selectFrom('resources').selectAll().where('customer_id', '=', customerId);
  if (kind) query = query.where('kind', '=', kind);
  return (await query.orderBy('kind').orderBy('name').execute()).map(rowToResource);
}
