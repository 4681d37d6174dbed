import { DomainError, iso, isSeatHeld, licenseGrantsSlots, pickLicenseWithFreeSlot, poolTotals, slotsOf, type Plan } from '@leasehold/core';
import type { Db } from '@leasehold/db';
import { listOpenAssignments, rebindAssignment, rowToAssignment } from '../assignments/assignment.repository.ts';
import { getFeatureById, getPlan, loadPlans } from '../catalog/catalog.repository.ts';
import { getCustomer, lockCustomer } from '../customers/customer.repository.ts';
import type { AppDeps } from '../deps.ts';
import { insertEvent, type Actor } from '../events/event.repository.ts';
import { pageOf } from '../http/paging.ts';
import { listCustomerResources } from '../resources/resource.repository.ts';
import { getLicense, listCustomerLicenses, type LicenseRecord } from './license.repository.ts';
import { changeLicensePlan, changeLicenseStatus, issueLicense } from './license.service.ts';

type Assignment = ReturnType<typeof rowToAssignment>;

export function licenseView(license: LicenseRecord, plan: Plan) {
  return {
    id: license.id,
    customerId: license.customerId,
    plan: { id: plan.id, code: plan.code, name: plan.name.en },
    status: license.status,
    startsAt: iso(license.startsAt),
    expiresAt: license.expiresAt === null ? null : iso(license.expiresAt),
    keyPrefix: license.keyPrefix,
    createdAt: iso(license.createdAt),
    updatedAt: iso(license.updatedAt),
  };
}

/** Licenses as staff see them: issue, look up, suspend, resume, cancel and move to another plan. */
export class LicenseAdminService {
  constructor(private readonly deps: Pick<AppDeps, 'database' | 'clock'>) {}

  private get db() {
    return this.deps.database.db;
  }

  async views(db: Db, licenses: LicenseRecord[]) {
    const plans = await loadPlans(db, { ids: [...new Set(licenses.map((l) => l.planId))] });
    return licenses.map((l) => licenseView(l, plans.get(l.planId)!));
  }

  async issue(actor: Actor, customerId: string, input: { plan: string; startsAt?: string }) {
    const now = this.deps.clock.now();
    return this.deps.database.transaction(async (trx) => {
      const issued = await issueLicense(trx, { customerId, plan: input.plan, startsAt: input.startsAt ? Date.parse(input.startsAt) : undefined }, actor, now);
      return { license: (await this.views(trx, [issued.license]))[0], key: issued.key };
    });
  }

  async get(id: string) {
    const license = await getLicense(this.db, id);
    if (!license) throw new DomainError('NOT_FOUND', 'No such license.');
    const plan = (await loadPlans(this.db, { ids: [license.planId] })).get(license.planId)!;
    const now = this.deps.clock.now();
    const held = (await listOpenAssignments(this.db, license.customerId)).filter((a) => a.licenseId === id && isSeatHeld(a, now));
    const seats = [];
    for (const slot of plan.slots) {
      const feature = await getFeatureById(this.db, slot.featureId);
      seats.push({ featureId: slot.featureId, feature: feature?.code ?? slot.featureId, slots: slot.quantity, held: held.filter((a) => a.featureId === slot.featureId).length });
    }
    return { ...licenseView(license, plan), seats };
  }

  async listForCustomer(customerId: string, page: { limit: number; cursor?: string }) {
    if (!(await getCustomer(this.db, customerId))) throw new DomainError('NOT_FOUND', 'No such customer.');
    const views = await this.views(this.db, await listCustomerLicenses(this.db, customerId));
    return pageOf(views, page.limit, page.cursor);
  }

  /** Cancelling frees every seat on the license, so it holds the customer's lock like any seat change. */
  async changeStatus(actor: Actor, id: string, action: 'suspend' | 'resume' | 'cancel', reason?: string) {
    const now = this.deps.clock.now();
    return this.deps.database.transaction(async (trx) => {
      const license = await getLicense(trx, id);
      if (!license) throw new DomainError('NOT_FOUND', 'No such license.');
      await lockCustomer(trx, this.deps.database.dialect, license.customerId);
      return (await this.views(trx, [await changeLicenseStatus(trx, id, action, actor, now, reason)]))[0];
    });
  }

  /**
   * Staff may move a license to any plan of its product. Where the new plan gives fewer slots than
   * the customer's pool needs, nothing changes and the answer names the seats to release first.
   */
  async changePlan(actor: Actor, id: string, planRef: string) {
    const now = this.deps.clock.now();
    return this.deps.database.transaction(async (trx) => {
      const license = await getLicense(trx, id);
      if (!license) throw new DomainError('NOT_FOUND', 'No such license.');
      await lockCustomer(trx, this.deps.database.dialect, license.customerId);
      const from = (await loadPlans(trx, { ids: [license.planId] })).get(license.planId)!;
      const to = await getPlan(trx, planRef, from.productId);
      if (!to) throw new DomainError('NOT_FOUND', `No plan "${planRef}" in this license's product. List them with GET /v1/admin/plans?product=${from.productId}.`);
      if (to.id === from.id) throw new DomainError('INVALID_STATE', `This license is already on ${to.name.en}.`);

      const licenses = await listCustomerLicenses(trx, license.customerId);
      const plans = await loadPlans(trx, { ids: [...new Set([...licenses.map((l) => l.planId), to.id])] });
      const assignments = (await listOpenAssignments(trx, license.customerId)).filter((a) => isSeatHeld(a, now));
      if (licenseGrantsSlots(license, now)) await this.refuseShortfall(trx, license, from, to, licenses, plans, assignments, now);

      const updated = await changeLicensePlan(trx, id, to, from, actor, now, false);
      const after = licenses.map((l) => (l.id === id ? updated : l));
      await this.moveSeatsOff(trx, updated, to, after, plans, assignments, actor, now);
      return (await this.views(trx, [updated]))[0];
    });
  }

  private async refuseShortfall(
    trx: Db, license: LicenseRecord, from: Plan, to: Plan, licenses: LicenseRecord[], plans: Map<string, Plan>, held: Assignment[], now: number,
  ): Promise<void> {
    const pools = poolTotals(licenses, plans, held, now);
    const featureIds = [...new Set([...from.slots, ...to.slots].map((s) => s.featureId))];
    const shortfalls = [];
    for (const featureId of featureIds) {
      const pool = pools.find((p) => p.featureId === featureId) ?? { capacity: 0, assigned: 0 };
      const capacity = pool.capacity - slotsOf(from, featureId) + slotsOf(to, featureId);
      if (pool.assigned > capacity) shortfalls.push({ featureId, capacity, count: pool.assigned - capacity });
    }
    if (shortfalls.length === 0) return;
    const resources = new Map((await listCustomerResources(trx, license.customerId)).map((r) => [r.id, r]));
    const release = [];
    for (const s of shortfalls) {
      const feature = (await getFeatureById(trx, s.featureId))!;
      // Seats on this license first: they are the ones the change takes away.
      const candidates = held
        .filter((a) => a.featureId === s.featureId)
        .sort((a, b) => Number(b.licenseId === license.id) - Number(a.licenseId === license.id))
        .map((a) => ({ assignmentId: a.id, licenseId: a.licenseId, resourceName: resources.get(a.resourceId)?.name ?? '', resourceKind: resources.get(a.resourceId)?.kind ?? '' }));
      release.push({ featureId: s.featureId, feature: feature.code, featureName: feature.name.en, count: s.count, slotsLeft: s.capacity, candidates });
    }
    const what = release.map((r) => `${r.count} of the ${r.count + r.slotsLeft} ${r.featureName} seats`).join(' and ');
    throw new DomainError(
      'REMOVAL_NEEDS_CHOICE',
      `${to.name.en} gives fewer slots than this customer has in use. Release ${what} first (POST /v1/admin/activations/{assignmentId}/reset with a reason; the candidates are listed), then change the plan again.`,
      { release },
    );
  }

  /** Seats the license no longer has slots for move to the customer's other licenses with a free slot. */
  private async moveSeatsOff(
    trx: Db, license: LicenseRecord, to: Plan, licenses: LicenseRecord[], plans: Map<string, Plan>, held: Assignment[], actor: Actor, now: number,
  ): Promise<void> {
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
}
