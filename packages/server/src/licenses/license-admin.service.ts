import { DomainError, iso, isSeatHeld, priceOn, type Plan } from '@leasehold/core';
import type { Db } from '@leasehold/db';
import { listOpenAssignments } from '../assignments/assignment.repository.ts';
import { getFeatureById, loadPlans } from '../catalog/catalog.repository.ts';
import { getCustomer, lockCustomer } from '../customers/customer.repository.ts';
import type { AppDeps } from '../deps.ts';
import type { Actor } from '../events/event.repository.ts';
import { pageOf } from '../http/paging.ts';
import { getLicense, listCustomerLicenses, type LicenseRecord } from './license.repository.ts';
import { changeLicenseStatus, issueLicense } from './license.service.ts';

export function licenseView(license: LicenseRecord, plan: Plan) {
  return {
    id: license.id,
    customerId: license.customerId,
    plan: { id: plan.id, code: plan.code, name: plan.name.en },
    price: priceOn(plan, license),
    status: license.status,
    startsAt: iso(license.startsAt),
    expiresAt: license.expiresAt === null ? null : iso(license.expiresAt),
    keyPrefix: license.keyPrefix,
    createdAt: iso(license.createdAt),
    updatedAt: iso(license.updatedAt),
  };
}

/** Licenses as staff see them: issue, look up, suspend, resume and cancel (plan changes: plan-change-admin.service.ts). */
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
}
