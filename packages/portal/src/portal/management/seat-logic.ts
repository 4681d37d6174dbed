import type { Health, OfferedPlan, Pool, RemovalNeed, Resource } from '../../shared/api/account-types.ts';

/** The warning colour of a resource's health (seed 002): red when the integration cannot reach it, yellow when not synchronised. */
export type Warning = 'red' | 'yellow' | null;

export function warningOf(health: Health): Warning {
  if (health === 'unreachable' || health === 'missing') return 'red';
  if (health === 'not_synchronised') return 'yellow';
  return null;
}

/**
 * "Allocate [x] unassigned providers/schedules" shows under a table exactly when its licenses
 * outnumber its assignments; x is the difference.
 */
export function allocateCount(pool: Pick<Pool, 'capacity' | 'assigned'>): number {
  return Math.max(0, pool.capacity - pool.assigned);
}

const HEALTH_ORDER: Record<Health, number> = { ok: 0, not_synchronised: 1, unreachable: 2, missing: 3 };

/** What can fill a free slot: resources of the table's kind that the integration reported, not already in the table, healthiest first. */
export function allocatable(resources: Resource[], pool: Pool): Resource[] {
  const inTable = new Set(pool.rows.map((row) => row.resource.id));
  return resources
    .filter((r) => r.kind === pool.feature.seatKind && !r.missing && !inTable.has(r.id) && !r.features.includes(pool.feature.code))
    .sort((a, b) => HEALTH_ORDER[a.health] - HEALTH_ORDER[b.health] || a.name.localeCompare(b.name));
}

/**
 * The activation tables: features of resources (providers, schedules), not computers, which have
 * their own page; in the order the plans list their slots (Messages, Reminders, Booking), else by code.
 */
export function seatTables(pools: Pool[], plans: OfferedPlan[] | null = null): Pool[] {
  const order = new Map<string, number>();
  for (const plan of plans ?? []) for (const slot of plan.slots) if (!order.has(slot.feature.code)) order.set(slot.feature.code, order.size);
  const rank = (code: string) => order.get(code) ?? Number.MAX_SAFE_INTEGER;
  return pools
    .filter((pool) => pool.feature.seatKind !== 'machine')
    .sort((a, b) => rank(a.feature.code) - rank(b.feature.code) || a.feature.code.localeCompare(b.feature.code));
}

/** The rows the customer picks when a license goes: for each feature, `count` of the candidates. */
export interface RemovalChoice {
  needs: RemovalNeed[];
  chosen: Record<string, string[]>;
}

export function startChoice(needs: RemovalNeed[], preselected: string[] = []): RemovalChoice {
  const chosen: Record<string, string[]> = {};
  for (const need of needs) {
    const ids = need.candidates.map((c) => c.assignmentId).filter((id) => preselected.includes(id));
    chosen[need.feature.code] = ids.slice(0, need.count);
  }
  return { needs, chosen };
}

/** Picks a row: with one to pick it replaces the pick (a radio); with more it toggles, never past the count. */
export function choose(state: RemovalChoice, featureCode: string, assignmentId: string): RemovalChoice {
  const need = state.needs.find((n) => n.feature.code === featureCode);
  if (!need || !need.candidates.some((c) => c.assignmentId === assignmentId)) return state;
  const current = state.chosen[featureCode] ?? [];
  let next: string[];
  if (need.count === 1) next = [assignmentId];
  else if (current.includes(assignmentId)) next = current.filter((id) => id !== assignmentId);
  else if (current.length >= need.count) return state;
  else next = [...current, assignmentId];
  return { ...state, chosen: { ...state.chosen, [featureCode]: next } };
}

/** How many rows are still to pick, per feature code (only those with some left). */
export function stillToChoose(state: RemovalChoice): { featureCode: string; remaining: number }[] {
  return state.needs
    .map((need) => ({ featureCode: need.feature.code, remaining: need.count - (state.chosen[need.feature.code]?.length ?? 0) }))
    .filter((entry) => entry.remaining > 0);
}

export function releaseIds(state: RemovalChoice): string[] {
  return state.needs.flatMap((need) => state.chosen[need.feature.code] ?? []);
}
