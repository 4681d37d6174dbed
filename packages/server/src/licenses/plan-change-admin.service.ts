import { DomainError, isSeatHeld, licenseGrantsSlots, pickLicenseWithFreeSlot, planChangeImpact, priceOn, slotsOf, type Plan } from '@leasehold/core';
import type { Db } from '@leasehold/db';
import { listOpenAssignments, rebindAssignment, rowToAssignment } from '../assignments/assignment.repository.ts';
import { getFeatureById, getPlan, loadPlans } from '../catalog/catalog.repository.ts';
import { lockCustomer } from '../customers/customer.repository.ts';
import type { AppDeps } from '../deps.ts';
import { insertEvent, type Actor } from '../events/event.repository.ts';
import { listCustomerResources } from '../resources/resource.repository.ts';
import { licenseView } from './license-admin.service.ts';
import { getLicense, listCustomerLicenses, type LicenseRecord } from './license.repository.ts';
import { changeLicensePlan } from './license.service.ts';

type Assignment = ReturnType<typeof rowToAssignment>;

/** A plan with its catalogue price or, given the license on it, the price that license is billed at. */
const planView = (plan: Plan, license?: LicenseRecord) => ({ id: plan.id, code: plan.code, name: plan.name, ...priceOn(plan, license) });

/** Everything a plan change reads, and what it would do (core's planChangeImpact). */
async function assess(db: Db, licenseId: string, planRef: string, now: number) {
  const license = await getLicense(db, licenseId);
  if (!license) throw new DomainError('NOT_FOUND', 'No such license.');
  const from = (await loadPlans(db, { ids: [license.planId] })).get(license.planId)!;
  const to = await getPlan(db, planRef, from.productId);
  if (!to) throw new DomainError('NOT_FOUND', `No plan "${planRef}" in this license's product. List them with GET /v1/admin/plans?product=${from.productId}.`);
  if (to.id === from.id) throw new DomainError('INVALID_STATE', `This license is already on ${to.name.en}.`);
  const licenses = await listCustomerLicenses(db, license.customerId);
  const plans = await loadPlans(db, { ids: [...new Set([...licenses.map((l) => l.planId), to.id])] });
  const held = (await listOpenAssignments(db, license.customerId)).filter((a) => isSeatHeld(a, now));
  const impact = planChangeImpact(license, from, to, licenses, plans, held, now);
  return { license, from, to, licenses, plans, held, impact };
}

type Assessment = Awaited<ReturnType<typeof assess>>;

/** Per feature short of slots, the seats to release first: those on this license first, since the change takes them away. */
async function releaseNeeded(db: Db, { license, held, impact }: Assessment) {
  const short = impact.seats.filter((s) => s.shortfall > 0);
  if (short.length === 0) return [];
  const resources = new Map((await listCustomerResources(db, license.customerId)).map((r) => [r.id, r]));
  const release = [];
  for (const s of short) {
    const feature = (await getFeatureById(db, s.featureId))!;
    const candidates = held
      .filter((a) => a.featureId === s.featureId)
      .sort((a, b) => Number(b.licenseId === license.id) - Number(a.licenseId === license.id))
      .map((a) => ({ assignmentId: a.id, licenseId: a.licenseId, resourceName: resources.get(a.resourceId)?.name ?? '', resourceKind: resources.get(a.resourceId)?.kind ?? '' }));
    release.push({ featureId: s.featureId, feature: feature.code, featureName: feature.name.en, count: s.shortfall, slotsLeft: s.capacityAfter, candidates });
  }
  return release;
}

/**
 * Staff move a license to any plan of its product. The preview and the change read the same
 * assessment, so what the console shows before saving is what saving does.
 */
export class PlanChangeAdminService {
  constructor(private readonly deps: Pick<AppDeps, 'database' | 'clock'>) {}

  /** What the change would do: the price difference, each feature's slots and pool, and the seats to release first. Changes nothing. */
  async preview(licenseId: string, planRef: string) {
    const db = this.deps.database.db;
    const assessment = await assess(db, licenseId, planRef, this.deps.clock.now());
    const { license, from, to, impact } = assessment;
    const release = licenseGrantsSlots(license, this.deps.clock.now()) ? await releaseNeeded(db, assessment) : [];
    const seats = [];
    for (const s of impact.seats) {
      const feature = (await getFeatureById(db, s.featureId))!;
      seats.push({ ...s, feature: feature.code, name: feature.name, seatKind: feature.seatKind });
    }
    const { currency, before, after, delta } = impact.price;
    return {
      license: licenseView(license, from), from: planView(from, license), to: planView(to), priceChange: { currency, before, after, delta }, seats,
      canChange: release.length === 0, release,
    };
  }

  /** Where the new plan gives fewer slots than the customer's pool needs, nothing changes and the answer names the seats to release first. */
  async change(actor: Actor, licenseId: string, planRef: string) {
    const now = this.deps.clock.now();
    return this.deps.database.transaction(async (trx) => {
      const found = await getLicense(trx, licenseId);
      if (!found) throw new DomainError('NOT_FOUND', 'No such license.');
      await lockCustomer(trx, this.deps.database.dialect, found.customerId);
      const assessment = await assess(trx, licenseId, planRef, now);
      const { license, from, to, licenses, plans, held } = assessment;
      if (licenseGrantsSlots(license, now)) {
        const release = await releaseNeeded(trx, assessment);
        if (release.length > 0) {
          const what = release.map((r) => `${r.count} of the ${r.count + r.slotsLeft} ${r.featureName} seats`).join(' and ');
          throw new DomainError(
            'REMOVAL_NEEDS_CHOICE',
            `${to.name.en} gives fewer slots than this customer has in use. Release ${what} first (POST /v1/admin/activations/{assignmentId}/reset with a reason; the candidates are listed), then change the plan again.`,
            { release },
          );
        }
      }
      const updated = await changeLicensePlan(trx, licenseId, to, from, actor, now, false);
      await moveSeatsOff(trx, updated, to, licenses.map((l) => (l.id === licenseId ? updated : l)), plans, held, actor, now);
      return licenseView(updated, to);
    });
  }
}

/** Seats the license no longer has slots for move to the customer's other licenses with a free slot. */
async function moveSeatsOff(trx: Db, license: LicenseRecord, to: Plan, licenses: LicenseRecord[], plans: Map<string, Plan>, held: Assignment[], actor: Actor, now: number): Promise<void> {
  const current = held.map((a) => ({ ...a }));
  const others = licenses.filter((l) => l.id !== license.id);
  for (const featureId of new Set(current.filter((a) => a.licenseId === license.id).map((a) => a.featureId))) {
    const onLicense = current.filter((a) => a.licenseId === license.id && a.featureId === featureId).sort((a, b) => b.createdAt - a.createdAt);
    for (const seat of onLicense.slice(0, Math.max(0, onLicense.length - slotsOf(to, featureId)))) {
      const target = pickLicenseWithFreeSlot(others, plans, current, featureId, now);
      if (!target) break;
      await rebindAssignment(trx, seat.id, target.id);
      seat.licenseId = target.id;
      await insertEvent(trx, {
        customerId: license.customerId, type: 'assignment.moved', actor, subjectType: 'assignment', subjectId: seat.id, data: { fromLicenseId: license.id, toLicenseId: target.id },
      }, now);
    }
  }
}
