import { iso, recurringBill } from '@leasehold/core';
import type { Db } from '@leasehold/db';
import { listFeatures, listProducts, loadPlans } from '../catalog/catalog.repository.ts';
import { getCustomer, lockCustomer } from '../customers/customer.repository.ts';
import type { AppDeps } from '../deps.ts';
import { listEvents } from '../events/event.repository.ts';
import { requireActiveCustomer, type CustomerPrincipal } from '../http/auth.ts';
import { page } from '../http/schemas.ts';
import { budgetView, licenseResetBudget } from '../resets/reset.service.ts';
import { listCustomerResources } from '../resources/resource.repository.ts';
import { addLicense, removeLicense, upgradeLicense } from './license-change.service.ts';
import { noticeLicenseReset } from './reset-notice.service.ts';
import { assignResource, unassignSeat } from './seat-assignment.service.ts';
import { loadSeatState, seatScope, type SeatScope } from './seat-state.service.ts';
import { featureView, licenseView, planView, poolViews, resourceView } from './seat.views.ts';

/** For callers that hold their own transaction (the demo seed): take the customer's lock first. */
export { assignResource, unassignSeat } from './seat-assignment.service.ts';
export { addLicense, removeLicense, upgradeLicense } from './license-change.service.ts';
export type { SeatScope } from './seat-state.service.ts';

/**
 * The seat-management API the customer portal calls: what the customer has, pays and is assigned,
 * and the changes they make themselves. Reads are open to a suspended customer; changes are not.
 */
export class SeatService {
  constructor(private readonly deps: Pick<AppDeps, 'database' | 'clock'>) {}

  private get db() {
    return this.deps.database.db;
  }

  async account(principal: CustomerPrincipal) {
    const customer = (await getCustomer(this.db, principal.customerId))!;
    return {
      id: customer.id,
      number: customer.number,
      name: customer.name,
      status: customer.status,
      contact: { name: customer.contactName, email: customer.contactEmail, phone: customer.phone },
      address: customer.address,
      locale: customer.locale,
    };
  }

  async licenses(principal: CustomerPrincipal) {
    const now = this.deps.clock.now();
    const state = await loadSeatState(this.db, seatScope(principal), now);
    const items = [];
    for (const license of state.licenses) {
      items.push(licenseView(license, state, budgetView(await licenseResetBudget(this.db, license.id, now)), now));
    }
    return { items };
  }

  async pools(principal: CustomerPrincipal) {
    const now = this.deps.clock.now();
    return { items: poolViews(await loadSeatState(this.db, seatScope(principal), now), now) };
  }

  /** The plans a customer can add a license of: the vendor's catalogue, with what each gives. */
  async plans() {
    const [plans, features, products] = await Promise.all([loadPlans(this.db), listFeatures(this.db), listProducts(this.db)]);
    const featureById = new Map(features.map((f) => [f.id, f]));
    const productById = new Map(products.map((p) => [p.id, p]));
    return {
      items: [...plans.values()].map((plan) => ({
        ...planView(plan),
        product: { code: productById.get(plan.productId)!.code, name: productById.get(plan.productId)!.name },
        slots: plan.slots.map((slot) => ({ feature: featureView(featureById.get(slot.featureId)!), quantity: slot.quantity })),
        upgradesTo: plan.upgradesTo.map((id) => plans.get(id)?.code ?? id),
      })),
    };
  }

  async resources(principal: CustomerPrincipal, kind?: string) {
    const now = this.deps.clock.now();
    const state = await loadSeatState(this.db, seatScope(principal), now);
    const resources = await listCustomerResources(this.db, principal.customerId, kind);
    return {
      items: resources.map((resource) => ({
        ...resourceView(resource),
        features: state.rows.filter((row) => row.resource.id === resource.id).map((row) => state.features.get(row.assignment.featureId)!.code),
      })),
    };
  }

  async bill(principal: CustomerPrincipal) {
    const now = this.deps.clock.now();
    const state = await loadSeatState(this.db, seatScope(principal), now);
    const bill = recurringBill(state.licenses, state.plans, now);
    return {
      currency: bill.currency,
      lines: bill.lines.map((line) => ({ ...line, planName: { en: state.plans.get(line.planId)!.name.en, fr: state.plans.get(line.planId)!.name.fr ?? null } })),
      totals: bill.totals,
      at: iso(now),
    };
  }

  async events(principal: CustomerPrincipal, limit: number, cursor?: string) {
    const events = await listEvents(this.db, { customerId: principal.customerId, before: cursor, limit });
    return page(events.map((e) => ({ id: e.id, type: e.type, actor: e.actor, subjectType: e.subjectType, subjectId: e.subjectId, data: e.data, createdAt: iso(e.createdAt) })), limit);
  }

  assign(principal: CustomerPrincipal, input: { feature: string; resourceId: string }) {
    return this.change(principal, (trx, scope, now) => assignResource(trx, scope, input.feature, input.resourceId, now));
  }

  unassign(principal: CustomerPrincipal, assignmentId: string, reason?: string) {
    return this.change(principal, async (trx, scope, now) => {
      const outcome = await unassignSeat(trx, scope, assignmentId, reason, now);
      if (outcome.reset) await noticeLicenseReset(trx, scope, assignmentId, outcome.reset.budget, now);
      return outcome;
    });
  }

  addLicense(principal: CustomerPrincipal, input: { plan: string; dryRun?: boolean }) {
    return this.change(principal, (trx, scope, now) => addLicense(trx, scope, input.plan, input.dryRun ?? false, now));
  }

  upgradeLicense(principal: CustomerPrincipal, licenseId: string, input: { toPlan: string; dryRun?: boolean }) {
    return this.change(principal, (trx, scope, now) => upgradeLicense(trx, scope, licenseId, input.toPlan, input.dryRun ?? false, now));
  }

  removeLicense(principal: CustomerPrincipal, licenseId: string, input: { releaseAssignmentIds?: string[]; dryRun?: boolean }) {
    return this.change(principal, (trx, scope, now) => removeLicense(trx, scope, licenseId, input.releaseAssignmentIds ?? [], input.dryRun ?? false, now));
  }

  /** One transaction that holds the customer's lock from its start, so seat checks and changes never interleave. */
  private async change<T>(principal: CustomerPrincipal, fn: (trx: Db, scope: SeatScope, now: number) => Promise<T>): Promise<T> {
    requireActiveCustomer(principal);
    const now = this.deps.clock.now();
    const { database } = this.deps;
    return database.transaction(async (trx) => {
      await lockCustomer(trx, database.dialect, principal.customerId);
      return fn(trx, seatScope(principal), now);
    });
  }
}
