import type { Db, RegistrationTicketTable } from '@leasehold/db';

export async function insertRegistrationTicket(db: Db, row: RegistrationTicketTable): Promise<void> {
  await db.insertInto('registration_tickets').values(row).execute();
}

/** The customer the ticket lets register, if it is unused, unexpired and the registration key is still the one it was got with. */
export async function findUsableTicket(db: Db, tokenHash: string, now: number): Promise<{ customerId: string } | null> {
  const row = await db
    .selectFrom('registration_tickets')
    .innerJoin('customers', 'customers.id', 'registration_tickets.customer_id')
    .select('registration_tickets.customer_id')
    .where('registration_tickets.token_hash', '=', tokenHash)
    .where('registration_tickets.used_at', 'is', null)
    .where('registration_tickets.expires_at', '>', now)
    .whereRef('registration_tickets.registration_key_hash', '=', 'customers.registration_key_hash')
    .executeTakeFirst();
  return row ? { customerId: row.customer_id } : null;
}

export async function markTicketUsed(db: Db, tokenHash: string, now: number): Promise<boolean> {
  const result = await db.updateTable('registration_tickets').set({ used_at: now }).where('token_hash', '=', tokenHash).where('used_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
