import type { Db } from '@leasehold/db';
import { sql } from 'kysely';
import type { SealedColumn } from './sealed-columns.ts';

export interface StoredValue {
  id: string;
  value: string;
}

// Table and column names come from SEALED_COLUMNS, never from input: sql.table and sql.ref quote them.

/** Every value kept in the column, with the id of its row. */
export async function listStoredValues(db: Db, column: SealedColumn): Promise<StoredValue[]> {
  const { rows } = await sql<StoredValue>`
    select ${sql.ref(column.key)} as id, ${sql.ref(column.column)} as value
    from ${sql.table(column.table)}
    where ${sql.ref(column.column)} is not null
    order by ${sql.ref(column.key)}`.execute(db);
  return rows;
}

/** Replaces a row's value only if it is still `was`: a process that changed it meanwhile wins. */
export async function replaceStoredValue(db: Db, column: SealedColumn, id: string, was: string, value: string): Promise<void> {
  await sql`
    update ${sql.table(column.table)} set ${sql.ref(column.column)} = ${value}
    where ${sql.ref(column.key)} = ${id} and ${sql.ref(column.column)} = ${was}`.execute(db);
}
