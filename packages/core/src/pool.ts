import { isSeatHeld } from './seats.ts';
import type { Millis } from './time.ts';
import type { Assignment, License, Plan } from './types.ts';

export interface PoolTotal {
  featureId: string;
  capacity: number;
  assigned: number;
  unassigned: number;
}

/** Whether a license gives its slots at `now`: active and within its term. */
export function licenseGrantsSlots(license: License, now: Millis): boolean {
  return license.status === 'active' && license.startsAt <= now && (license.expiresAt === null || license.expiresAt > now);
}

export function slotsOf(plan: Plan, featureId: string): number {
  return plan.slots.find((slot) => slot.featureId === featureId)?.quantity ?? 0;
}

/**
 * Per feature of one customer: capacity (the slots of licenses that grant them), assigned (seats held)
 * and unassigned. Derived every time, never stored.
 *
 * @example
 * poolTotals(licenses, plansById, assignments, now) // => [{ featureId: 'f_msg', capacity: 3, assigned: 2, unassigned: 1 }]
 */
export function poolTotals(licenses: License[], plans: ReadonlyMap<string, Plan>, assignments: Assignment[], now: Millis): PoolTotal[] {
  const totals = new Map<string, PoolTotal>();
  const totalFor = (featureId: string) => {
    let total = totals.get(featureId);
    if (!total) totals.set(featureId, (total = { featureId, capacity: 0, assigned: 0, unassigned: 0 }));
    return total;
  };
  for (const license of licenses) {
    const plan = plans.get(license.planId);
    if (!plan) continue;
    for (const slot of plan.slots) {
      const total = totalFor(slot.featureId);
      if (licenseGrantsSlots(license, now)) total.capacity += slot.quantity;
    }
  }
  for (const assignment of assignments) {
    if (isSeatHeld(assignment, now)) totalFor(assignment.featureId).assigned += 1;
  }
  for (const total of totals.values()) total.unassigned = Math.max(0, total.capacity - total.assigned);
  return [...totals.values()].sort((a, b) => a.featureId.localeCompare(b.featureId));
}

/**
 * The license whose free slot a new seat of `featureId` takes: the oldest license that grants slots
 * and has one free. null when every slot is held.
 */
export function pickLicenseWithFreeSlot<L extends License>(
  licenses: L[],
  plans: ReadonlyMap<string, Plan>,
  assignments: Assignment[],
  featureId: string,
  now: Millis,
): L | null {
  const held = new Map<string, number>();
  for (const a of assignments) {
    if (a.featureId === featureId && isSeatHeld(a, now)) held.set(a.licenseId, (held.get(a.licenseId) ?? 0) + 1);
  }
  return pickLicenseByHeldCount(licenses, plans, held, featureId, now);
}

/**
 * pickLicenseWithFreeSlot from the number of seats of `featureId` held per license id, for callers
 * that count seats in the database instead of loading them.
 */
export function pickLicenseByHeldCount<L extends License>(
  licenses: L[],
  plans: ReadonlyMap<string, Plan>,
  heldByLicense: ReadonlyMap<string, number>,
  featureId: string,
  now: Millis,
): L | null {
  const candidates = licenses
    .filter((license) => licenseGrantsSlots(license, now))
    .sort((a, b) => a.startsAt - b.startsAt || a.id.localeCompare(b.id));
  for (const license of candidates) {
    const plan = plans.get(license.planId);
    if (plan && slotsOf(plan, featureId) > (heldByLicense.get(license.id) ?? 0)) return license;
  }
  return null;
}

export type RemovalPlan =
  | { ok: true; release: string[] }
  | { ok: false; code: 'REMOVAL_NEEDS_CHOICE' | 'INVALID_REMOVAL_CHOICE'; needs: { featureId: string; count: number; candidates: string[] }[] };

/**
 * Which assignments go when one license of `plan` is removed. Where a feature would have more seats
 * held than slots left, the caller must choose that many of its assignments; a choice may also free
 * rows where no choice is needed, up to the plan's slots of that feature. `removedGrantsSlots` is
 * whether the removed license counts in `pools` capacity now (licenseGrantsSlots): removing one that
 * does not (suspended, expired) takes no capacity away.
 */
export function planLicenseRemoval(
  plan: Plan,
  pools: PoolTotal[],
  heldAssignments: Assignment[],
  chosenAssignmentIds: string[],
  removedGrantsSlots = true,
): RemovalPlan {
  const chosen = new Set(chosenAssignmentIds);
  const needs: { featureId: string; count: number; candidates: string[] }[] = [];
  let invalid = chosenAssignmentIds.some((id) => !heldAssignments.some((a) => a.id === id && plan.slots.some((s) => s.featureId === a.featureId)));
  for (const slot of plan.slots) {
    const pool = pools.find((p) => p.featureId === slot.featureId) ?? { capacity: 0, assigned: 0 };
    const capacityLeft = removedGrantsSlots ? Math.max(0, pool.capacity - slot.quantity) : pool.capacity;
    const excess = Math.max(0, pool.assigned - capacityLeft);
    const inFeature = heldAssignments.filter((a) => a.featureId === slot.featureId);
    const chosenHere = inFeature.filter((a) => chosen.has(a.id)).length;
    if (chosenHere > slot.quantity) invalid = true;
    if (chosenHere < excess || chosenHere > slot.quantity) {
      needs.push({ featureId: slot.featureId, count: excess, candidates: inFeature.map((a) => a.id) });
    }
  }
  if (invalid) return { ok: false, code: 'INVALID_REMOVAL_CHOICE', needs };
  if (needs.length > 0) return { ok: false, code: 'REMOVAL_NEEDS_CHOICE', needs };
  return { ok: true, release: [...chosen] };
}
