import type { CustomerTable, Db } from '@leasehold/db';

export type RecoveryCandidate = Pick<CustomerTable, 'id' | 'number' | 'name' | 'contact_email' | 'postal_code' | 'locale'>;

const columns = ['id', 'number', 'name', 'contact_email', 'postal_code', 'locale'] as const;

/** Customers whose contact email on file is this address. */
export async function customersByContactEmail(db: Db, email: string): Promise<RecoveryCandidate[]> {
  return db.selectFrom('customers').select(columns).where('contact_email', '=', email.toLowerCase()).execute();
}

/** Customers of this business name, case aside, that have a postal code on file to compare. */
export async function customersByName(db: Db, name: string): Promise<RecoveryCandidate[]> {
  return db
    .selectFrom('customers')
    .select(columns)
    .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
    .where('postal_code', 'is not', null)
    .execute();
}
