import type { Kysely } from 'kysely';

const BACKFILL_BATCH = 500;

/**
 * Each activation's fingerprint, one row per component, indexed by hash: activation looks up the
 * computers that share a component with the one presented instead of comparing every computer the
 * customer has. Filled from the fingerprints of the open activations.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('activation_components')
    .addColumn('assignment_id', 'text', (c) => c.notNull().references('assignments.id'))
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('feature_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('activation_components_pk', ['assignment_id', 'name'])
    .execute();
  await db.schema.createIndex('activation_components_lookup').on('activation_components').columns(['customer_id', 'feature_id', 'hash']).execute();
  // Covers the count of held seats per license that each activation makes, so it reads no table rows.
  await db.schema.createIndex('assignments_held_by_license').on('assignments').columns(['customer_id', 'feature_id', 'released_at', 'license_id', 'held_until']).execute();

  const open = await db
    .selectFrom('assignments')
    .innerJoin('activations', 'activations.assignment_id', 'assignments.id')
    .select(['assignments.id', 'assignments.customer_id', 'assignments.feature_id', 'activations.fingerprint'])
    .where('assignments.released_at', 'is', null)
    .execute();
  const rows = open.flatMap((a) =>
    Object.entries(JSON.parse(a.fingerprint) as Record<string, string>).map(([name, hash]) => ({
      assignment_id: a.id, customer_id: a.customer_id, feature_id: a.feature_id, name, hash,
    })),
  );
  for (let i = 0; i < rows.length; i += BACKFILL_BATCH) {
    await db.insertInto('activation_components').values(rows.slice(i, i + BACKFILL_BATCH)).execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('assignments_held_by_license').execute();
  await db.schema.dropTable('activation_components').execute();
}
