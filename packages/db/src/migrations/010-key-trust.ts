import type { Kysely } from 'kysely';

/**
 * Signing keys gain a role (the vendor's root key certifies the signing keys) and a certificate;
 * private keys are sealed under the master key by the server at its next start, since a migration
 * does not hold the master key.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('signing_keys').addColumn('role', 'text', (c) => c.notNull().defaultTo('signing')).execute();
  await db.schema.alterTable('signing_keys').addColumn('certificate', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('signing_keys').dropColumn('certificate').execute();
  await db.schema.alterTable('signing_keys').dropColumn('role').execute();
}
