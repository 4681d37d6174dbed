import type { Kysely } from 'kysely';

/**
 * The vendor's staff: accounts for the admin console (argon2id password, a role, optional TOTP) and
 * their sessions, kept apart from the customers' portal accounts.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const ms = 'bigint' as const;

  await db.schema
    .createTable('staff_users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    // Base32 TOTP secrets: the confirmed one, and one being enrolled until a code confirms it.
    .addColumn('totp_secret', 'text')
    .addColumn('totp_pending_secret', 'text')
    // The last 30-second step a code was accepted for: a code is good once.
    .addColumn('totp_last_step', ms)
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('last_login_at', ms)
    .addColumn('disabled_at', ms)
    .execute();

  await db.schema
    .createTable('staff_sessions')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('staff_id', 'text', (c) => c.notNull().references('staff_users.id'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('expires_at', ms, (c) => c.notNull())
    .addColumn('revoked_at', ms)
    .execute();
  await db.schema.createIndex('staff_sessions_staff').on('staff_sessions').column('staff_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('staff_sessions').execute();
  await db.schema.dropTable('staff_users').execute();
}
