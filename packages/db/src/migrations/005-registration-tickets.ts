import type { Kysely } from 'kysely';

/**
 * Registration tickets: what a log-on with the registration details gives, to register one portal
 * account within a short time. Stored hashed, single use, and tied to the registration key they were
 * got with, so a re-issued key ends them.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('registration_tickets')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
    .addColumn('registration_key_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('used_at', 'bigint')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('registration_tickets').execute();
}
