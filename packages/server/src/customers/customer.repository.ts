import type { Customer } from '@leasehold/core';
import type { CustomerTable, Db } from '@leasehold/db';
import { sql } from 'kysely';

export interface CustomerRecord extends Customer {
  contactName: string | null;
  contactEmail: string | null;
  phone: string | null;
  address: {
    line1: string | null;
    line2: string | null;
    city: string | null;
    region: string | null;
    postalCode: string | null;
    country: string | null;
  };
  locale: string;
  createdAt: number;
  updatedAt: number;
}

export function rowToCustomer(row: CustomerTable): CustomerRecord {
  return {
    id: row.id,
    number: row.number,
    name: row.name,
    status: row.status,
    contactName: row.contact_name,
    contactEmail: row.contact_email,
    phone: row.phone,
    address: { line1: row.address_line1, line2: row.address_line2, city: row.city, region: row.region, postalCode: row.postal_code, country: row.country },
    locale: row.locale,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

/** The row with its registration key hash, for the one place that checks it. */
export async function findCustomerRowByNumber(db: Db, number: string): Promise<CustomerTable | null> {
  return (await db.selectFrom('customers').selectAll().where('number', '=', number).executeTakeFirst()) ?? null;
}

export async function getCustomer(db: Db, id: string): Promise<CustomerRecord | null> {
  const row = await db.selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? rowToCustomer(row) : null;
}

/** Locks the customer's row until the transaction ends (PostgreSQL); SQLite's BEGIN IMMEDIATE already holds the write lock. */
export async function lockCustomer(trx: Db, dialect: 'sqlite' | 'postgres', customerId: string): Promise<void> {
  if (dialect === 'postgres') {
    await sql`select id from customers where id = ${customerId} for update`.execute(trx);
  }
}

export async function insertCustomer(db: Db, row: CustomerTable): Promise<void> {
  await db.insertInto('customers').values(row).execute();
}

export async function updateCustomer(db: Db, id: string, changes: Partial<CustomerTable>): Promise<void> {
  await db.updateTable('customers').set(changes).where('id', '=', id).execute();
}

export async function customerNumberTaken(db: Db, number: string): Promise<boolean> {
  return Boolean(await db.selectFrom('customers').select('id').where('number', '=', number).executeTakeFirst());
}

/**
 * The next customer number, from a counter row that the update locks until the transaction ends,
 * so concurrent creators never get the same number. Starts above the highest numeric number in use.
 */
export async function nextCustomerNumber(trx: Db, first: number): Promise<string> {
  const increment = () =>
    trx
      .updateTable('counters')
      .set((eb) => ({ value: eb('value', '+', 1) }))
      .where('name', '=', 'customer_number')
      .returning('value')
      .executeTakeFirst();
  let row = await increment();
  if (!row) {
    const rows = await trx.selectFrom('customers').select('number').execute();
    const highest = rows.reduce((max, r) => (/^\d+$/.test(r.number) ? Math.max(max, Number(r.number)) : max), first - 1);
    await trx.insertInto('counters').values({ name: 'customer_number', value: highest }).onConflict((oc) => oc.column('name').doNothing()).execute();
    row = await increment();
  }
  let number = String(Number(row!.value));
  // A vendor may have given numbers of its own; step over any that are taken.
  while (await customerNumberTaken(trx, number)) number = String(Number((await increment())!.value));
  return number;
}

/** Finds customers by number, name, contact email or a computer's host name; case-insensitive substring. */
export async function searchCustomers(db: Db, q: string | undefined, limit: number, after?: string): Promise<CustomerRecord[]> {
  let query = db.selectFrom('customers').selectAll('customers');
  if (q && q.trim()) {
    const like = `%${q.trim().toLowerCase().replace(/[%_]/g, '')}%`;
    query = query.where((eb) =>
      eb.or([
        eb(eb.fn('lower', ['customers.number']), 'like', like),
        eb(eb.fn('lower', ['customers.name']), 'like', like),
        eb(eb.fn('lower', ['customers.contact_email']), 'like', like),
        eb.exists(
          eb
            .selectFrom('resources')
            .select('resources.id')
            .whereRef('resources.customer_id', '=', 'customers.id')
            .where('resources.kind', '=', 'machine')
            .where((inner) => inner(inner.fn('lower', ['resources.name']), 'like', like)),
        ),
        // A check-in may bring a new host name; the activation has it, the resource keeps the first one.
        eb.exists(
          eb
            .selectFrom('activations')
            .innerJoin('assignments', 'assignments.id', 'activations.assignment_id')
            .select('activations.assignment_id')
            .whereRef('assignments.customer_id', '=', 'customers.id')
            .where((inner) => inner(inner.fn('lower', ['activations.host_name']), 'like', like)),
        ),
      ]),
    );
  }
  if (after) query = query.where('customers.id', '>', after);
  const rows = await query.orderBy('customers.id').limit(limit).execute();
  return rows.map(rowToCustomer);
}
