import type { Kysely } from 'kysely';

/**
 * Named counters (the next customer number): incrementing one row locks it until the transaction
 * ends, which serialises concurrent creators on PostgreSQL with the same query as on SQLite.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('counters')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('counters').execute();
}
