import { licenseGrantsSlots, poolTotals, slotsOf } from './pool.ts';
import { priceChange, type PriceChange } from './pricing.ts';
import type { Millis } from './time.ts';
import type { Assignment, License, Plan } from './types.ts';

/** One feature of a plan change: the license's slots and the customer's pool, before and after. */
export interface PlanChangeSeats {
  featureId: string;
  slotsBefore: number;
  slotsAfter: number;
  capacityBefore: number;
  capacityAfter: number;
  assigned: number;
  /** Assignments to remove before the change can be made: assigned beyond the capacity after. */
  shortfall: number;
}

export interface PlanChangeImpact {
  /** Per feature of either plan, sorted by feature id. */
  seats: PlanChangeSeats[];
  price: PriceChange;
}

/**
 * What moving `license` from plan `from` to plan `to` does to the customer's pools and bill. A
 * license that grants no slots now (suspended, expired, not started) changes no capacity.
 *
 * @example
 * planChangeImpact(basicLicense, BASIC, PLUS, licenses, plans, held, now)
 * // => { seats: [{ featureId: 'f_booking', slotsBefore: 0, slotsAfter: 1, capacityBefore: 2, capacityAfter: 3, assigned: 2, shortfall: 0 }, …], price: { delta: { month: 3000, year: 0 }, … } }
 */
export function planChangeImpact(
  license: License, from: Plan, to: Plan, licenses: License[], plans: ReadonlyMap<string, Plan>, assignments: Assignment[], now: Millis,
): PlanChangeImpact {
  const withBoth = new Map(plans);
  withBoth.set(from.id, from);
  withBoth.set(to.id, to);
  const pools = poolTotals(licenses, withBoth, assignments, now);
  const grants = licenseGrantsSlots(license, now);
  const featureIds = [...new Set([...from.slots, ...to.slots].map((s) => s.featureId))].sort();
  const seats = featureIds.map((featureId) => {
    const pool = pools.find((p) => p.featureId === featureId) ?? { capacity: 0, assigned: 0 };
    const slotsBefore = slotsOf(from, featureId);
    const slotsAfter = slotsOf(to, featureId);
    const capacityAfter = grants ? pool.capacity - slotsBefore + slotsAfter : pool.capacity;
    return { featureId, slotsBefore, slotsAfter, capacityBefore: pool.capacity, capacityAfter, assigned: pool.assigned, shortfall: Math.max(0, pool.assigned - capacityAfter) };
  });
  const after = licenses.map((l) => (l.id === license.id ? { ...l, planId: to.id } : l));
  return { seats, price: priceChange(licenses, after, withBoth, now) };
}
