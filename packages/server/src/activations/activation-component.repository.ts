import type { Fingerprint } from '@leasehold/core';
import type { Db } from '@leasehold/db';
import { rowToActivation, rowToAssignment } from '../assignments/assignment.repository.ts';

export interface ComponentOwner {
  assignmentId: string;
  customerId: string;
  featureId: string;
}

/** Makes the stored components of an activation those of `fingerprint`; call it wherever activations.fingerprint is written. */
export async function replaceActivationComponents(db: Db, owner: ComponentOwner, fingerprint: Fingerprint, fresh = false): Promise<void> {
  if (!fresh) await db.deleteFrom('activation_components').where('assignment_id', '=', owner.assignmentId).execute();
  const rows = Object.entries(fingerprint).map(([name, hash]) => ({
    assignment_id: owner.assignmentId, customer_id: owner.customerId, feature_id: owner.featureId, name, hash,
  }));
  if (rows.length > 0) await db.insertInto('activation_components').values(rows).execute();
}

/**
 * Open machine activations of a customer and feature that share at least one component hash with
 * `fingerprint`, oldest first: the only ones that can match it when the tolerance is below the
 * number of stored components.
 */
export async function listMachineActivationsSharing(db: Db, customerId: string, featureId: string, fingerprint: Fingerprint) {
  const hashes = [...new Set(Object.values(fingerprint))];
  if (hashes.length === 0) return [];
  // Driven from the component index: each candidate comes once per shared component, so it is deduplicated here.
  const rows = await db
    .selectFrom('activation_components as c')
    .innerJoin('assignments', 'assignments.id', 'c.assignment_id')
    .innerJoin('activations', 'activations.assignment_id', 'assignments.id')
    .selectAll('assignments')
    .select(['activations.fingerprint', 'activations.host_name', 'activations.platform', 'activations.app_version', 'activations.activated_at', 'activations.last_check_in_at', 'activations.lease_expires_at', 'activations.assignment_id'])
    .where('c.customer_id', '=', customerId)
    .where('c.feature_id', '=', featureId)
    .where('c.hash', 'in', hashes)
    .where('assignments.released_at', 'is', null)
    .orderBy('assignments.created_at')
    .orderBy('assignments.id')
    .execute();
  const seen = new Set<string>();
  const unique = rows.filter((row) => !seen.has(row.id) && seen.add(row.id));
  return unique.map((row) => ({ assignment: rowToAssignment(row), activation: rowToActivation(row) }));
}
