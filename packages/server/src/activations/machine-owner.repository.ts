import type { Fingerprint } from '@leasehold/core';
import type { Db } from '@leasehold/db';

export interface MachineOfOtherCustomer {
  assignmentId: string;
  customerId: string;
  customerNumber: string;
  customerName: string;
  hostName: string;
  fingerprint: Fingerprint;
  fingerprintTolerance: number;
  releasedAt: number | null;
  heldUntil: number | null;
}

/**
 * Open machine activations of a product held by customers other than `customerId` that share at
 * least one component hash with `fingerprint`, with their policy's tolerance: where a request file
 * from another customer's computer shows itself.
 */
export async function listOtherCustomersMachinesSharing(db: Db, customerId: string, productId: string, fingerprint: Fingerprint): Promise<MachineOfOtherCustomer[]> {
  const hashes = [...new Set(Object.values(fingerprint))];
  if (hashes.length === 0) return [];
  const rows = await db
    .selectFrom('activation_components as c')
    .innerJoin('features', 'features.id', 'c.feature_id')
    .innerJoin('assignments', 'assignments.id', 'c.assignment_id')
    .innerJoin('activations', 'activations.assignment_id', 'assignments.id')
    .innerJoin('customers', 'customers.id', 'assignments.customer_id')
    .innerJoin('licenses', 'licenses.id', 'assignments.license_id')
    .innerJoin('plans', 'plans.id', 'licenses.plan_id')
    .innerJoin('policies', 'policies.id', 'plans.policy_id')
    .select([
      'assignments.id as assignment_id', 'assignments.customer_id', 'assignments.released_at', 'assignments.held_until', 'customers.number', 'customers.name',
      'activations.host_name', 'activations.fingerprint', 'policies.fingerprint_tolerance',
    ])
    .where('features.product_id', '=', productId)
    .where('c.customer_id', '<>', customerId)
    .where('c.hash', 'in', hashes)
    .where('assignments.released_at', 'is', null)
    .orderBy('assignments.created_at')
    .orderBy('assignments.id')
    .execute();
  const seen = new Set<string>();
  return rows.filter((row) => !seen.has(row.assignment_id) && seen.add(row.assignment_id)).map((row) => ({
    assignmentId: row.assignment_id,
    customerId: row.customer_id,
    customerNumber: row.number,
    customerName: row.name,
    hostName: row.host_name,
    fingerprint: JSON.parse(row.fingerprint) as Fingerprint,
    fingerprintTolerance: Number(row.fingerprint_tolerance),
    releasedAt: row.released_at === null ? null : Number(row.released_at),
    heldUntil: row.held_until === null ? null : Number(row.held_until),
  }));
}
