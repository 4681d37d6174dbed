import { DomainError, canUpgrade, iso, licenseGrantsSlots, pickLicenseWithFreeSlot, planLicenseRemoval, poolTotals, priceChange, slotsOf, type License, type Plan } from '@leasehold/core';
import type { Db } from '@leasehold/db';
import { rebindAssignment, releaseAssignment } from '../assignments/assignment.repository.ts';
import { getPlan } from '../catalog/catalog.repository.ts';
import { insertEvent } from '../events/event.repository.ts';
import type { LicenseRecord } from '../licenses/license.repository.ts';
import { changeLicensePlan, changeLicenseStatus, issueLicense } from '../licenses/license.service.ts';
import { loadSeatState, type SeatScope, type SeatState } from './seat-state.service.ts';
import { featureView, planView, priceChangeView } from './seat.views.ts';

function licenseSummary(license: LicenseRecord, plan: Plan) {
  return { id: license.id, keyPrefix: license.keyPrefix, plan: planView(plan, license), status: license.status, startsAt: iso(license.startsAt), expiresAt: license.expiresAt === null ? null : iso(license.expiresAt) };
}

function customerLicense(state: SeatState, licenseId: string): LicenseRecord {
  const license = state.licenses.find((l) => l.id === licenseId);
  if (!license) throw new DomainError('NOT_FOUND', 'No such license for this customer. List them with GET /v1/account/licenses.');
  return license;
}

const priceAfter = (state: SeatState, after: License[], now: number) => priceChangeView(priceChange(state.licenses, after, state.plans, now));

/** The customer buys one license of a plan. With `dryRun`, only the price change is answered. */
export async function addLicense(trx: Db, scope: SeatScope, planRef: string, dryRun: boolean, now: number) {
  const plan = await getPlan(trx, planRef);
  if (!plan) throw new DomainError('NOT_FOUND', `No plan "${planRef}". Choose one of the plans the vendor offers.`);
  const state = await loadSeatState(trx, scope, now, [plan.id]);
  const added: License = { id: 'new', customerId: scope.customerId, planId: plan.id, status: 'active', startsAt: now, expiresAt: null };
  const change = priceAfter(state, [...state.licenses, added], now);
  if (dryRun) return { dryRun: true, license: null, key: null, priceChange: change };
  const issued = await issueLicense(trx, { customerId: scope.customerId, plan: plan.id }, scope.actor, now);
  return { dryRun: false, license: licenseSummary(issued.license, plan), key: issued.key, priceChange: change };
}

/** Moves an active license to a plan its plan upgrades to (Basic to Plus), keeping its seats. */
export async function upgradeLicense(trx: Db, scope: SeatScope, licenseId: string, toPlanRef: string, dryRun: boolean, now: number) {
  const target = await getPlan(trx, toPlanRef);
  if (!target) throw new DomainError('NOT_FOUND', `No plan "${toPlanRef}".`);
  const state = await loadSeatState(trx, scope, now, [target.id]);
  const license = customerLicense(state, licenseId);
  const from = state.plans.get(license.planId)!;
  if (license.status !== 'active') throw new DomainError('INVALID_STATE', `Only an active license can be upgraded; this one is ${license.status}.`);
  if (!canUpgrade(from, target)) {
    const paths = from.upgradesTo.map((id) => state.plans.get(id)?.name.en).filter(Boolean);
    throw new DomainError('UPGRADE_NOT_ALLOWED', `A ${from.name.en} can ${paths.length ? `be upgraded to ${paths.join(' or ')} only` : 'not be upgraded'}; add a ${target.name.en} instead.`);
  }
  // Seats on this license must still fit it, or they would sit on a license that does not grant them.
  const heldHere = new Map<string, number>();
  for (const row of state.rows) {
    if (row.assignment.licenseId === license.id) heldHere.set(row.assignment.featureId, (heldHere.get(row.assignment.featureId) ?? 0) + 1);
  }
  for (const [featureId, count] of heldHere) {
    if (slotsOf(target, featureId) < count) {
      throw new DomainError('UPGRADE_NOT_ALLOWED', `${target.name.en} gives fewer ${state.features.get(featureId)!.name.en} slots than this license has assigned. Unassign some first.`);
    }
  }
  const change = priceAfter(state, state.licenses.map((l) => (l.id === license.id ? { ...l, planId: target.id } : l)), now);
  if (dryRun) return { dryRun: true, license: licenseSummary(license, from), priceChange: change };
  const upgraded = await changeLicensePlan(trx, license.id, target, from, scope.actor, now, true);
  return { dryRun: false, license: licenseSummary(upgraded, target), priceChange: change };
}

/**
 * Removes (cancels) a license. Where fewer slots would remain than seats held, the customer chooses
 * which rows go (one out of each table, for a Plus); seats that sat on the removed license move to
 * other licenses' free slots, so every seat still held sits on a license that grants it.
 */
export async function removeLicense(trx: Db, scope: SeatScope, licenseId: string, releaseAssignmentIds: string[], dryRun: boolean, now: number) {
  const state = await loadSeatState(trx, scope, now);
  const license = customerLicense(state, licenseId);
  if (license.status === 'cancelled') throw new DomainError('INVALID_STATE', 'This license was already removed.');
  const plan = state.plans.get(license.planId)!;
  const held = state.rows.map((row) => row.assignment);
  const pools = poolTotals(state.licenses, state.plans, held, now);
  const change = priceAfter(state, state.licenses.map((l) => (l.id === license.id ? { ...l, status: 'cancelled' as const } : l)), now);
  const removal = planLicenseRemoval(plan, pools, held, releaseAssignmentIds, licenseGrantsSlots(license, now));
  if (!removal.ok) {
    const needs = removal.needs.map((need) => ({
      feature: featureView(state.features.get(need.featureId)!),
      count: need.count,
      candidates: state.rows
        .filter((row) => need.candidates.includes(row.assignment.id))
        .map((row) => ({ assignmentId: row.assignment.id, licenseId: row.assignment.licenseId, resource: { id: row.resource.id, kind: row.resource.kind, name: row.resource.name } })),
    })).sort((a, b) => a.feature.code.localeCompare(b.feature.code));
    const what = needs.map((n) => `${n.count} of ${n.feature.name.en}`).join(', ');
    throw new DomainError(
      removal.code,
      removal.code === 'REMOVAL_NEEDS_CHOICE'
        ? `Removing this ${plan.name.en} leaves fewer slots than are assigned. Choose ${what} to unassign and send their assignment ids as releaseAssignmentIds.`
        : `releaseAssignmentIds must name assigned rows of this license's features, at most ${plan.slots.map((s) => `${s.quantity} of ${state.features.get(s.featureId)!.name.en}`).join(', ')}.${needs.length ? ` Still to choose: ${what}.` : ''}`,
      { needs, priceChange: change },
    );
  }
  if (dryRun) return { dryRun: true, license: licenseSummary(license, plan), released: removal.release, rebound: [], priceChange: change };

  const reason = `license ${license.keyPrefix} removed`;
  for (const id of removal.release) {
    const row = state.rows.find((r) => r.assignment.id === id)!;
    await releaseAssignment(trx, id, now, 'license_removed');
    await insertEvent(trx, {
      customerId: scope.customerId, type: 'assignment.released', actor: scope.actor, subjectType: 'assignment', subjectId: id,
      data: { licenseId: row.assignment.licenseId, resourceId: row.resource.id, resourceName: row.resource.name, reason },
    }, now);
  }
  const remaining = held.filter((a) => !removal.release.includes(a.id));
  const others = state.licenses.filter((l) => l.id !== license.id);
  const rebound: { assignmentId: string; licenseId: string }[] = [];
  for (const assignment of remaining.filter((a) => a.licenseId === license.id)) {
    const target = pickLicenseWithFreeSlot(others, state.plans, remaining, assignment.featureId, now);
    if (!target) {
      throw new DomainError('INVALID_STATE', 'The seats of this license do not fit the other licenses. Unassign more rows and try again.');
    }
    await rebindAssignment(trx, assignment.id, target.id);
    assignment.licenseId = target.id;
    rebound.push({ assignmentId: assignment.id, licenseId: target.id });
    await insertEvent(trx, {
      customerId: scope.customerId, type: 'assignment.rebound', actor: scope.actor, subjectType: 'assignment', subjectId: assignment.id,
      data: { fromLicenseId: license.id, toLicenseId: target.id },
    }, now);
  }
  const cancelled = await changeLicenseStatus(trx, license.id, 'cancel', scope.actor, now, 'removed by the customer');
  return { dryRun: false, license: licenseSummary(cancelled, plan), released: removal.release, rebound, priceChange: change };
}
