import type { Db } from '@leasehold/db';
import { rowToActivation, rowToAssignment } from '../assignments/assignment.repository.ts';

function activations(db: Db) {
  return db
    .selectFrom('assignments')
    .innerJoin('activations', 'activations.assignment_id', 'assignments.id')
    .selectAll('assignments')
    .select(['activations.assignment_id', 'activations.fingerprint', 'activations.host_name', 'activations.platform', 'activations.app_version', 'activations.activated_at', 'activations.last_check_in_at', 'activations.lease_expires_at']);
}

type Row = Awaited<ReturnType<ReturnType<typeof activations>['execute']>>[number];
const toRecord = (row: Row) => ({ assignment: rowToAssignment(row), activation: rowToActivation(row) });
export type ActivationRecord = ReturnType<typeof toRecord>;

/** A customer's computers, oldest activation first, a page at a time. */
export async function listCustomerActivations(db: Db, customerId: string, options: { includeReleased: boolean; limit: number; after?: string }): Promise<ActivationRecord[]> {
  let query = activations(db).where('assignments.customer_id', '=', customerId);
  if (!options.includeReleased) query = query.where('assignments.released_at', 'is', null);
  if (options.after) query = query.where('assignments.id', '>', options.after);
  return (await query.orderBy('assignments.id').limit(options.limit).execute()).map(toRecord);
}

export async function findActivation(db: Db, assignmentId: string): Promise<ActivationRecord | null> {
  const row = await activations(db).where('assignments.id', '=', assignmentId).executeTakeFirst();
  return row ? toRecord(row) : null;
}
