import type { Kysely } from 'kysely';

/**
 * Each activation keeps the SHA-256 of a secret the app received when it activated: a computer giving
 * its seat back proves with it that it is that computer. Activations made before have none (null);
 * they prove it with their fingerprint.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('activations').addColumn('secret_hash', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('activations').dropColumn('secret_hash').execute();
}
