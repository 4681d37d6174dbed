import type { Activation, Assignment, Resource } from '@leasehold/core';
import type { Db } from '@leasehold/db';
import { rowToAssignment } from '../assignments/assignment.repository.ts';
import { rowToResource } from '../resources/resource.repository.ts';

/** One row of an activation table: the assignment, the resource it gives the slot to, and for a machine its activation. */
export interface SeatRow {
  assignment: Assignment & { releaseReason: string | null };
  resource: Resource;
  activation: Activation | null;
}

/**
 * Every unreleased assignment of a customer with its resource and, for machines, its activation.
 * Floating seats whose heartbeats lapsed are included; the domain (isSeatHeld) decides.
 */
export async function listOpenSeatRows(db: Db, customerId: string): Promise<SeatRow[]> {
  const rows = await db
    .selectFrom('assignments')
    .innerJoin('resources', 'resources.id', 'assignments.resource_id')
    .leftJoin('activations', 'activations.assignment_id', 'assignments.id')
    .selectAll('assignments')
    .select([
      'resources.kind as r_kind', 'resources.external_id as r_external_id', 'resources.name as r_name', 'resources.reachable as r_reachable',
      'resources.synchronised as r_synchronised', 'resources.missing as r_missing', 'resources.last_reported_at as r_last_reported_at',
      'resources.created_at as r_created_at', 'resources.updated_at as r_updated_at',
      'activations.host_name as a_host_name', 'activations.platform as a_platform', 'activations.app_version as a_app_version',
      'activations.activated_at as a_activated_at', 'activations.last_check_in_at as a_last_check_in_at', 'activations.lease_expires_at as a_lease_expires_at',
    ])
    .where('assignments.customer_id', '=', customerId)
    .where('assignments.released_at', 'is', null)
    .orderBy('assignments.created_at')
    .orderBy('assignments.id')
    .execute();
  return rows.map((row) => ({
    assignment: rowToAssignment(row),
    resource: rowToResource({
      id: row.resource_id, customer_id: row.customer_id, kind: row.r_kind, external_id: row.r_external_id, name: row.r_name,
      reachable: row.r_reachable, synchronised: row.r_synchronised, missing: row.r_missing, last_reported_at: row.r_last_reported_at,
      created_at: row.r_created_at, updated_at: row.r_updated_at,
    }),
    activation: row.a_host_name === null
      ? null
      : {
        assignmentId: row.id,
        // The portal never shows component hashes; they stay out of this query.
        fingerprint: {},
        hostName: row.a_host_name,
        platform: row.a_platform!,
        appVersion: row.a_app_version!,
        activatedAt: Number(row.a_activated_at),
        lastCheckInAt: Number(row.a_last_check_in_at),
        leaseExpiresAt: Number(row.a_lease_expires_at),
      },
  }));
}
