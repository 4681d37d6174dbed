import { DomainError, isSeatHeld, matchFingerprint } from '@leasehold/core';
import { findProduct } from '../catalog/catalog.repository.ts';
import { getCustomer } from '../customers/customer.repository.ts';
import type { AppDeps } from '../deps.ts';
import type { Actor } from '../events/event.repository.ts';
import type { CustomerPrincipal } from '../http/auth.ts';
import { listOtherCustomersMachinesSharing } from './machine-owner.repository.ts';
import type { OfflineActivationService, OfflineRequest } from './offline.service.ts';

/**
 * Staff answer an air-gapped computer's request file for a customer (by phone, by email): the
 * portal's offline activation, with the staff member as the actor.
 */
export class AdminOfflineActivationService {
  constructor(
    private readonly deps: Pick<AppDeps, 'database' | 'clock'>,
    private readonly offline: OfflineActivationService,
  ) {}

  async answer(actor: Actor, customerId: string, request: OfflineRequest) {
    const customer = await getCustomer(this.deps.database.db, customerId);
    if (!customer) throw new DomainError('NOT_FOUND', 'No such customer. Find one with GET /v1/admin/customers?q=.');
    await this.refuseOtherCustomersComputer(customerId, request);
    const principal: CustomerPrincipal = { kind: 'customer', customerId, customerStatus: customer.status, actor };
    return this.offline.activate(principal, request);
  }

  /**
   * A request file names no customer, so the staff member's choice of customer is checked against
   * the computer itself: one that holds a seat of another customer's license (same machine within
   * that license's tolerance) was pasted on the wrong customer's page.
   */
  private async refuseOtherCustomersComputer(customerId: string, request: OfflineRequest): Promise<void> {
    const db = this.deps.database.db;
    const product = await findProduct(db, request.product);
    if (!product) return;
    const now = this.deps.clock.now();
    const candidates = await listOtherCustomersMachinesSharing(db, customerId, product.id, request.fingerprint);
    const owner = candidates.find((m) => isSeatHeld(m, now) && matchFingerprint(m.fingerprint, request.fingerprint, m.fingerprintTolerance).same);
    if (!owner) return;
    throw new DomainError(
      'COMPUTER_OF_ANOTHER_CUSTOMER',
      `This request file comes from ${owner.hostName}, a computer licensed to customer ${owner.customerNumber} (${owner.customerName}). Answer it from that customer's page; if the computer has moved to this customer, reset it there first.`,
      { customerId: owner.customerId, customerNumber: owner.customerNumber, customerName: owner.customerName, hostName: owner.hostName },
    );
  }
}
