import type { License } from '@leasehold/core';
import type { Db, LicenseTable } from '@leasehold/db';

export interface LicenseRecord extends License {
  keyPrefix: string;
  createdAt: number;
  updatedAt: number;
}

export function rowToLicense(row: LicenseTable): LicenseRecord {
  return {
    id: row.id,
    customerId: row.customer_id,
    planId: row.plan_id,
    status: row.status,
    startsAt: Number(row.starts_at),
    expiresAt: row.expires_at === null ? null : Number(row.expires_at),
    price: { planId: row.plan_id, priceCents: Number(row.price_cents), currency: row.currency, period: row.period },
    keyPrefix: row.key_prefix,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

export async function getLicense(db: Db, id: string): Promise<LicenseRecord | null> {
  const row = await db.selectFrom('licenses').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? rowToLicense(row) : null;
}

export async function findLicenseByKeyHash(db: Db, keyHash: string): Promise<LicenseRecord | null> {
  const row = await db.selectFrom('licenses').selectAll().where('key_hash', '=', keyHash).executeTakeFirst();
  return row ? rowToLicense(row) : null;
}

export async function listCustomerLicenses(db: Db, customerId: string): Promise<LicenseRecord[]> {
  const rows = await db.selectFrom('licenses').selectAll().where('customer_id', '=', customerId).orderBy('starts_at').orderBy('id').execute();
  return rows.map(rowToLicense);
}

export async function insertLicense(db: Db, row: LicenseTable): Promise<void> {
  await db.insertInto('licenses').values(row).execute();
}

export async function updateLicense(db: Db, id: string, changes: Partial<Pick<LicenseTable, 'status' | 'plan_id' | 'price_cents' | 'currency' | 'period' | 'expires_at' | 'updated_at'>>): Promise<void> {
  await db.updateTable('licenses').set(changes).where('id', '=', id).execute();
}
