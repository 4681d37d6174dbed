import { DomainError, iso, poolTotals } from '@leasehold/core';
import type { Db } from '@leasehold/db';
import { customerResourceViews } from '../admin/resource-admin.service.ts';
import { listOpenAssignments } from '../assignments/assignment.repository.ts';
import { listFeatures, loadPlans } from '../catalog/catalog.repository.ts';
import type { AppDeps } from '../deps.ts';
import { insertEvent, type Actor } from '../events/event.repository.ts';
import { page } from '../http/schemas.ts';
import { licenseView } from '../licenses/license-admin.service.ts';
import { listCustomerLicenses } from '../licenses/license.repository.ts';
import { enqueueMail } from '../mail/mail.service.ts';
import { getCustomer, searchCustomers, type CustomerRecord } from './customer.repository.ts';
import { createCustomer, reissueRegistration, setCustomerStatus, updateCustomerDetails, type CustomerDetailsPatch, type NewCustomer } from './customer.service.ts';

export function customerView(customer: CustomerRecord) {
  return { ...customer, createdAt: iso(customer.createdAt), updatedAt: iso(customer.updatedAt) };
}

/** Customers as staff see them: find, open, create, change, suspend, and new registration details. */
export class CustomerAdminService {
  constructor(private readonly deps: Pick<AppDeps, 'database' | 'clock' | 'config'>) {}

  private get db() {
    return this.deps.database.db;
  }

  private write<T>(fn: (trx: Db, now: number) => Promise<T>): Promise<T> {
    const now = this.deps.clock.now();
    return this.deps.database.transaction((trx) => fn(trx, now));
  }

  /** The registration key is in this answer only: it is stored hashed. */
  create(actor: Actor, input: NewCustomer) {
    return this.write(async (trx, now) => {
      const { customer, registration } = await createCustomer(trx, input, actor, now);
      return { customer: customerView(customer), registration };
    });
  }

  async search(query: { q?: string; limit: number; cursor?: string }) {
    const found = await searchCustomers(this.db, query.q, query.limit, query.cursor);
    return page(found.map(customerView), query.limit);
  }

  /** One customer with licenses, pool totals per feature and resources with health: the support view. */
  async detail(id: string) {
    const customer = await getCustomer(this.db, id);
    if (!customer) throw new DomainError('NOT_FOUND', 'No such customer. Find one with GET /v1/admin/customers?q=.');
    const now = this.deps.clock.now();
    const [licenses, assignments, features] = await Promise.all([listCustomerLicenses(this.db, id), listOpenAssignments(this.db, id), listFeatures(this.db)]);
    const plans = await loadPlans(this.db, { ids: [...new Set(licenses.map((l) => l.planId))] });
    const byId = new Map(features.map((f) => [f.id, f]));
    const pools = poolTotals(licenses, plans, assignments, now).map((total) => {
      const feature = byId.get(total.featureId);
      return { ...total, feature: feature?.code ?? total.featureId, name: feature?.name.en ?? '', names: feature?.name ?? { en: '' }, seatKind: feature?.seatKind ?? '' };
    });
    return {
      ...customerView(customer),
      licenses: licenses.map((l) => licenseView(l, plans.get(l.planId)!)),
      pools,
      resources: await customerResourceViews(this.db, id, now, { holdingOnly: true }),
    };
  }

  update(actor: Actor, id: string, patch: CustomerDetailsPatch) {
    return this.write(async (trx, now) => customerView(await updateCustomerDetails(trx, id, patch, actor, now)));
  }

  setStatus(actor: Actor, id: string, status: 'active' | 'suspended') {
    return this.write(async (trx, now) => customerView(await setCustomerStatus(trx, id, status, actor, now)));
  }

  /**
   * The old registration key stops working at once. The key is stored hashed, so "send the details
   * again" is this: new details, mailed with the change or not at all.
   */
  reissueRegistration(actor: Actor, id: string, options: { email: boolean }) {
    return this.write(async (trx, now) => {
      const customer = await getCustomer(trx, id);
      if (options.email && customer && !customer.contactEmail) {
        throw new DomainError('INVALID_STATE', 'This customer has no contact email to send the details to. Add one to the customer first, or re-issue without mailing and give the details yourself.');
      }
      const details = await reissueRegistration(trx, id, actor, now);
      if (!options.email || !customer?.contactEmail) return { ...details, emailedTo: null };
      const to = customer.contactEmail;
      await enqueueMail(trx, {
        customerId: id, to, template: 'registration_details', locale: customer.locale,
        vars: { customerName: customer.name, customerNumber: details.customerNumber, registrationKey: details.registrationKey, portalUrl: `${this.deps.config.publicUrl}/portal/` },
      }, now);
      await insertEvent(trx, { customerId: id, type: 'customer.registration_details_sent', actor, subjectType: 'customer', subjectId: id, data: { to } }, now);
      return { ...details, emailedTo: to };
    });
  }
}
