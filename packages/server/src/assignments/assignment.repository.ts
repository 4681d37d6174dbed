import type { Activation, Assignment } from '@leasehold/core';
import type { ActivationTable, AssignmentTable, Db } from '@leasehold/db';

export function rowToAssignment(row: AssignmentTable): Assignment & { releaseReason: string | null } {
  return {
    id: row.id,
    customerId: row.customer_id,
    licenseId: row.license_id,
    featureId: row.feature_id,
    resourceId: row.resource_id,
    createdAt: Number(row.created_at),
    releasedAt: row.released_at === null ? null : Number(row.released_at),
    releaseReason: row.release_reason,
    heldUntil: row.held_until === null ? null : Number(row.held_until),
  };
}

export function rowToActivation(row: Omit<ActivationTable, 'secret_hash'>): Activation {
  return {
    assignmentId: row.assignment_id,
    fingerprint: JSON.parse(row.fingerprint),
    hostName: row.host_name,
    platform: row.platform,
    appVersion: row.app_version,
    activatedAt: Number(row.activated_at),
    lastCheckInAt: Number(row.last_check_in_at),
    leaseExpiresAt: Number(row.lease_expires_at),
  };
}

export async function getAssignment(db: Db, id: string) {
  const row = await db.selectFrom('assignments').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? rowToAssignment(row) : null;
}

/** Unreleased assignments of a customer, optionally of one feature; floating seats whose heartbeats lapsed are included (the domain decides). */
export async function listOpenAssignments(db: Db, customerId: string, featureId?: string) {
  let query = db.selectFrom('assignments').selectAll().where('customer_id', '=', customerId).where('released_at', 'is', null);
  if (featureId) query = query.where('feature_id', '=', featureId);
  return (await query.orderBy('created_at').orderBy('id').execute()).map(rowToAssignment);
}

export async function insertAssignment(db: Db, row: AssignmentTable): Promise<void> {
  await db.insertInto('assignments').values(row).execute();
}

export async function releaseAssignment(db: Db, id: string, at: number, reason: string): Promise<void> {
  await db.updateTable('assignments').set({ released_at: at, release_reason: reason }).where('id', '=', id).where('released_at', 'is', null).execute();
}

export async function setAssignmentHeldUntil(db: Db, id: string, heldUntil: number | null): Promise<void> {
  await db.updateTable('assignments').set({ held_until: heldUntil }).where('id', '=', id).execute();
}

export async function rebindAssignment(db: Db, id: string, licenseId: string): Promise<void> {
  await db.updateTable('assignments').set({ license_id: licenseId }).where('id', '=', id).execute();
}

export async function getActivation(db: Db, assignmentId: string): Promise<Activation | null> {
  const row = await db.selectFrom('activations').selectAll().where('assignment_id', '=', assignmentId).executeTakeFirst();
  return row ? rowToActivation(row) : null;
}

export async function insertActivation(db: Db, row: ActivationTable): Promise<void> {
  await db.insertInto('activations').values(row).execute();
}

export async function updateActivation(db: Db, assignmentId: string, changes: Partial<Omit<ActivationTable, 'assignment_id'>>): Promise<void> {
  await db.updateTable('activations').set(changes).where('assignment_id', '=', assignmentId).execute();
}

/** Open machine activations of a customer and feature, with their machines, for matching a re-activation and listing holders. */
export async function listMachineActivations(db: Db, customerId: string, featureId: string) {
  const rows = await db
    .selectFrom('assignments')
    .innerJoin('activations', 'activations.assignment_id', 'assignments.id')
    .selectAll('assignments')
    .select(['activations.fingerprint', 'activations.host_name', 'activations.platform', 'activations.app_version', 'activations.activated_at', 'activations.last_check_in_at', 'activations.lease_expires_at', 'activations.assignment_id'])
    .where('assignments.customer_id', '=', customerId)
    .where('assignments.feature_id', '=', featureId)
    .where('assignments.released_at', 'is', null)
    .orderBy('assignments.created_at')
    .execute();
  return rows.map((row) => ({ assignment: rowToAssignment(row), activation: rowToActivation(row) }));
}

/** Seats of a feature held at `now` (open and, for floating seats, not lapsed), counted per license; `exceptId` is left out. */
export async function countHeldSeatsByLicense(db: Db, customerId: string, featureId: string, now: number, exceptId?: string): Promise<Map<string, number>> {
  let query = db
    .selectFrom('assignments')
    .select(['license_id', (eb) => eb.fn.countAll<number | string>().as('held')])
    .where('customer_id', '=', customerId)
    .where('feature_id', '=', featureId)
    .where('released_at', 'is', null)
    .where((eb) => eb.or([eb('held_until', 'is', null), eb('held_until', '>', now)]));
  if (exceptId) query = query.where('id', '!=', exceptId);
  const rows = await query.groupBy('license_id').execute();
  return new Map(rows.map((r) => [r.license_id, Number(r.held)]));
}

/** Machine seats of a feature held at `now` on the given licenses: the most recently seen `limit` of them, and how many in all. */
export async function listSeatHolders(db: Db, customerId: string, featureId: string, licenseIds: string[], now: number, limit: number) {
  if (licenseIds.length === 0) return { total: 0, holders: [] };
  const held = db
    .selectFrom('assignments')
    .innerJoin('activations', 'activations.assignment_id', 'assignments.id')
    .where('assignments.customer_id', '=', customerId)
    .where('assignments.feature_id', '=', featureId)
    .where('assignments.license_id', 'in', licenseIds)
    .where('assignments.released_at', 'is', null)
    .where((eb) => eb.or([eb('assignments.held_until', 'is', null), eb('assignments.held_until', '>', now)]));
  const { total } = await held.select((eb) => eb.fn.countAll<number | string>().as('total')).executeTakeFirstOrThrow();
  const rows = await held
    .select(['assignments.id', 'assignments.license_id', 'activations.host_name', 'activations.platform', 'activations.last_check_in_at'])
    .orderBy('activations.last_check_in_at', 'desc')
    .orderBy('assignments.id', 'desc')
    .limit(limit)
    .execute();
  return {
    total: Number(total),
    holders: rows.map((r) => ({ assignmentId: r.id, licenseId: r.license_id, hostName: r.host_name, platform: r.platform, lastCheckInAt: Number(r.last_check_in_at) })),
  };
}
