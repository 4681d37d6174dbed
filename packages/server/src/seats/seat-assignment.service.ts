import { DomainError, pickLicenseWithFreeSlot, poolTotals, slotsOf, type Feature } from '@leasehold/core';
import { newId, type Db } from '@leasehold/db';
import { getActivation, getAssignment, insertAssignment, releaseAssignment } from '../assignments/assignment.repository.ts';
import { insertEvent } from '../events/event.repository.ts';
import { resetSeat, type ResetBudgetView } from '../resets/reset.service.ts';
import { getResource } from '../resources/resource.repository.ts';
import { loadSeatState, type SeatScope, type SeatState } from './seat-state.service.ts';
import { seatRowView } from './seat.views.ts';

/** A feature by id or code. Codes are unique per product, so an ambiguous code is settled by the customer's plans. */
export function resolveFeature(state: SeatState, ref: string): Feature {
  const matches = [...state.features.values()].filter((f) => f.id === ref || f.code === ref);
  if (matches.length === 0) throw new DomainError('NOT_FOUND', `No feature "${ref}". Use a feature code as listed by GET /v1/account/pools.`);
  if (matches.length === 1) return matches[0];
  const licensed = matches.filter((f) => state.licenses.some((l) => slotsOf(state.plans.get(l.planId)!, f.id) > 0));
  if (licensed.length === 1) return licensed[0];
  throw new DomainError('VALIDATION_FAILED', `Several products have a feature "${ref}"; send the feature's id instead of its code.`);
}

/**
 * Gives one free slot of a feature to one of the customer's resources (a provider, an EMR schedule):
 * the slot of the oldest license that has one free. Computers are not assigned this way; they take
 * their seat by activating from the app. Call it inside a transaction that holds the customer's lock
 * (lockCustomer), so two requests never take the same last slot.
 */
export async function assignResource(trx: Db, scope: SeatScope, featureRef: string, resourceId: string, now: number) {
  const state = await loadSeatState(trx, scope, now);
  const feature = resolveFeature(state, featureRef);
  if (feature.seatKind === 'machine') {
    throw new DomainError('SEAT_KIND_MISMATCH', `${feature.name.en} is used by computers, which take their license by activating from the app, not by assignment.`);
  }
  const resource = await getResource(trx, resourceId);
  if (!resource || resource.customerId !== scope.customerId) {
    throw new DomainError('NOT_FOUND', 'No such resource for this customer. List them with GET /v1/account/resources.');
  }
  if (resource.kind !== feature.seatKind) {
    throw new DomainError('SEAT_KIND_MISMATCH', `${feature.name.en} is assigned to a ${feature.seatKind}, and "${resource.name}" is a ${resource.kind}. Choose a ${feature.seatKind}.`, {
      expectedKind: feature.seatKind, resourceKind: resource.kind,
    });
  }
  if (resource.missing) {
    throw new DomainError('INVALID_STATE', `"${resource.name}" is no longer reported by the integration, so it cannot be assigned. Check that it still exists in the EMR.`);
  }
  const held = state.rows.map((row) => row.assignment);
  if (held.some((a) => a.featureId === feature.id && a.resourceId === resource.id)) {
    throw new DomainError('ALREADY_ASSIGNED', `"${resource.name}" already has ${feature.name.en}.`);
  }
  const license = pickLicenseWithFreeSlot(state.licenses, state.plans, held, feature.id, now);
  if (!license) {
    const pool = poolTotals(state.licenses, state.plans, state.rows.map((row) => row.assignment), now).find((p) => p.featureId === feature.id);
    const capacity = pool?.capacity ?? 0;
    throw new DomainError(
      'NO_FREE_SEAT',
      capacity === 0
        ? `No active license includes ${feature.name.en}. Add a license that includes it, then assign "${resource.name}".`
        : `All ${capacity} ${feature.name.en} slots are assigned. Unassign one, or add a license, to assign "${resource.name}".`,
      { feature: feature.code, capacity, assigned: pool?.assigned ?? 0 },
    );
  }
  const assignment = {
    id: newId(now), customerId: scope.customerId, licenseId: license.id, featureId: feature.id, resourceId: resource.id,
    createdAt: now, releasedAt: null, releaseReason: null, heldUntil: null,
  };
  await insertAssignment(trx, {
    id: assignment.id, customer_id: scope.customerId, license_id: license.id, feature_id: feature.id, resource_id: resource.id,
    created_at: now, released_at: null, release_reason: null, held_until: null,
  });
  await insertEvent(trx, {
    customerId: scope.customerId, type: 'assignment.created', actor: scope.actor, subjectType: 'assignment', subjectId: assignment.id,
    data: { licenseId: license.id, feature: feature.code, resourceId: resource.id, resourceKind: resource.kind, resourceName: resource.name },
  }, now);
  const inScope = [...state.rows.map((row) => row.assignment), assignment];
  const pool = poolTotals(state.licenses, state.plans, inScope, now).find((p) => p.featureId === feature.id)!;
  return {
    assignment: seatRowView({ assignment, resource, activation: null }, state),
    pool: { capacity: pool.capacity, assigned: pool.assigned, unassigned: pool.unassigned },
  };
}

export interface Unassigned {
  released: true;
  assignmentId: string;
  /** A computer's seat is freed by a reset, which counts against the license's budget. */
  reset: { resetId: string; budget: ResetBudgetView } | null;
}

/**
 * Frees one row of an activation table. For a computer this is the portal's RESET LICENSE, counted
 * against the reset budget; any other resource is simply unassigned. Call it inside a transaction
 * that holds the customer's lock.
 */
export async function unassignSeat(trx: Db, scope: SeatScope, assignmentId: string, reason: string | undefined, now: number): Promise<Unassigned> {
  const assignment = await getAssignment(trx, assignmentId);
  if (!assignment || assignment.customerId !== scope.customerId) {
    throw new DomainError('NOT_FOUND', 'No such assignment for this customer. List them with GET /v1/account/pools.');
  }
  const activation = await getActivation(trx, assignmentId);
  if (activation) {
    const outcome = await resetSeat(trx, { customerId: scope.customerId, assignmentId, reason: reason ?? 'Reset from the client portal', actor: scope.actor, counted: true }, now);
    return { released: true, assignmentId, reset: { resetId: outcome.resetId, budget: outcome.budget } };
  }
  if (assignment.releasedAt !== null) {
    throw new DomainError('INVALID_STATE', 'This assignment was already released; its slot is free.');
  }
  const resource = await getResource(trx, assignment.resourceId);
  await releaseAssignment(trx, assignmentId, now, 'unassigned');
  await insertEvent(trx, {
    customerId: scope.customerId, type: 'assignment.released', actor: scope.actor, subjectType: 'assignment', subjectId: assignmentId,
    data: { licenseId: assignment.licenseId, resourceId: assignment.resourceId, resourceName: resource?.name ?? null, reason: reason ?? 'unassigned' },
  }, now);
  return { released: true, assignmentId, reset: null };
}
