import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * Staff invitations are single-use email links like the portal's, kept in the same table; a staff
 * member belongs to no customer, so `email_tokens.customer_id` may be null from now on.
 * SQLite cannot drop a NOT NULL constraint in place: the table is rebuilt with its rows.
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`alter table email_tokens alter column customer_id drop not null`.execute(db);
    return;
  }
  await createEmailTokens(db, 'email_tokens_next', false);
  await sql`insert into email_tokens_next select token_hash, purpose, customer_id, user_id, email, data, created_at, expires_at, used_at from email_tokens`.execute(db);
  await db.schema.dropTable('email_tokens').execute();
  await db.schema.alterTable('email_tokens_next').renameTo('email_tokens').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom('email_tokens').where('customer_id', 'is', null).execute();
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`alter table email_tokens alter column customer_id set not null`.execute(db);
    return;
  }
  await createEmailTokens(db, 'email_tokens_previous', true);
  await sql`insert into email_tokens_previous select token_hash, purpose, customer_id, user_id, email, data, created_at, expires_at, used_at from email_tokens`.execute(db);
  await db.schema.dropTable('email_tokens').execute();
  await db.schema.alterTable('email_tokens_previous').renameTo('email_tokens').execute();
}

/** The table as 002-portal made it, with customer_id required or not. */
async function createEmailTokens(db: Kysely<any>, name: string, customerRequired: boolean): Promise<void> {
  const ms = 'bigint' as const;
  await db.schema
    .createTable(name)
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => (customerRequired ? c.notNull() : c).references('customers.id'))
    .addColumn('user_id', 'text')
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('expires_at', ms, (c) => c.notNull())
    .addColumn('used_at', ms)
    .execute();
}
