import { iso, licenseGrantsSlots, poolTotals, priceOn, resourceHealth, type Feature, type License, type Plan, type PriceChange, type Resource } from '@leasehold/core';
import type { LicenseRecord } from '../licenses/license.repository.ts';
import type { ResetBudgetView } from '../resets/reset.service.ts';
import type { SeatRow } from './seat.repository.ts';
import type { SeatState } from './seat-state.service.ts';
import { machineDetailsView } from '../assignments/machine-details.view.ts';

const isoOrNull = (at: number | null) => (at === null ? null : iso(at));

/** A plan with its catalogue price or, given the license on it, the price that license is billed at. */
export function planView(plan: Plan, license?: License) {
  return { id: plan.id, code: plan.code, name: { en: plan.name.en, fr: plan.name.fr ?? null }, ...priceOn(plan, license) };
}

export function featureView(feature: Feature) {
  return { id: feature.id, code: feature.code, name: { en: feature.name.en, fr: feature.name.fr ?? null }, seatKind: feature.seatKind };
}

export function resourceView(resource: Resource) {
  return {
    id: resource.id,
    kind: resource.kind,
    externalId: resource.externalId,
    name: resource.name,
    health: resourceHealth(resource),
    reachable: resource.reachable,
    synchronised: resource.synchronised,
    missing: resource.missing,
    lastReportedAt: isoOrNull(resource.lastReportedAt),
  };
}

/** One row of an activation table, with what the seat costs: the price its license is billed at. */
export function seatRowView(row: SeatRow, state: Pick<SeatState, 'plans' | 'features' | 'licenses'>) {
  const license = state.licenses.find((l) => l.id === row.assignment.licenseId);
  const plan = license && state.plans.get(license.planId);
  const { activation } = row;
  return {
    assignmentId: row.assignment.id,
    licenseId: row.assignment.licenseId,
    feature: state.features.get(row.assignment.featureId)?.code ?? row.assignment.featureId,
    assignedAt: iso(row.assignment.createdAt),
    resource: { id: row.resource.id, kind: row.resource.kind, name: row.resource.name, health: resourceHealth(row.resource) },
    activation: activation
      ? machineDetailsView(activation)
      : null,
    cost: plan ? { planCode: plan.code, ...priceOn(plan, license) } : null,
  };
}

export function licenseView(license: LicenseRecord, state: SeatState, budget: ResetBudgetView, now: number) {
  const plan = state.plans.get(license.planId)!;
  return {
    id: license.id,
    keyPrefix: license.keyPrefix,
    plan: planView(plan, license),
    status: license.status,
    grantsSlots: licenseGrantsSlots(license, now),
    startsAt: iso(license.startsAt),
    expiresAt: isoOrNull(license.expiresAt),
    upgradesTo: plan.upgradesTo.map((id) => state.plans.get(id)?.code ?? id),
    assignments: state.rows.filter((row) => row.assignment.licenseId === license.id).map((row) => seatRowView(row, state)),
    resetBudget: budget,
  };
}

/** The totals panel and the activation tables: one entry per feature, derived from licenses and seats. */
export function poolViews(state: SeatState, now: number) {
  const totals = poolTotals(state.licenses, state.plans, state.rows.map((row) => row.assignment), now);
  return totals.map((total) => {
    const feature = state.features.get(total.featureId)!;
    return {
      feature: featureView(feature),
      capacity: total.capacity,
      assigned: total.assigned,
      unassigned: total.unassigned,
      rows: state.rows.filter((row) => row.assignment.featureId === total.featureId).map((row) => seatRowView(row, state)),
    };
  }).sort((a, b) => a.feature.code.localeCompare(b.feature.code));
}

export function priceChangeView(change: PriceChange) {
  return { currency: change.currency, before: change.before, after: change.after, delta: change.delta };
}
