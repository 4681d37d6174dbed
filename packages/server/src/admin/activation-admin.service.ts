import { DomainError, iso } from '@leasehold/core';
import type { Db } from '@leasehold/db';
import { getAssignment } from '../assignments/assignment.repository.ts';
import { listFeatures } from '../catalog/catalog.repository.ts';
import { getCustomer, lockCustomer } from '../customers/customer.repository.ts';
import type { AppDeps } from '../deps.ts';
import { listSubjectEvents, type Actor } from '../events/event.repository.ts';
import { page } from '../http/schemas.ts';
import { resetSeat } from '../resets/reset.service.ts';
import { findActivation, listCustomerActivations, type ActivationRecord } from './activation-admin.repository.ts';
import { machineDetailsView } from '../assignments/machine-details.view.ts';

const isoOrNull = (at: number | null) => (at === null ? null : iso(at));

/** The computers of a customer with their drift history, and the staff reset that frees one. */
export class ActivationAdminService {
  constructor(private readonly deps: Pick<AppDeps, 'database' | 'clock'>) {}

  private get db() {
    return this.deps.database.db;
  }

  async list(customerId: string, query: { includeReleased: boolean; limit: number; cursor?: string }) {
    if (!(await getCustomer(this.db, customerId))) throw new DomainError('NOT_FOUND', 'No such customer.');
    const records = await listCustomerActivations(this.db, customerId, { includeReleased: query.includeReleased, limit: query.limit, after: query.cursor });
    return page(await this.views(this.db, records), query.limit);
  }

  async get(id: string) {
    const record = await findActivation(this.db, id);
    if (!record) throw new DomainError('NOT_FOUND', 'No such activation.');
    return (await this.views(this.db, [record]))[0];
  }

  /**
   * Frees the seat for another computer. Staff resets are recorded in the customer's reset history
   * with the reason but never counted against the budget. Also releases a provider's or schedule's
   * seat, so it is the way to make room before a plan change.
   */
  async reset(actor: Actor, id: string, reason: string) {
    const assignment = await getAssignment(this.db, id);
    if (!assignment) throw new DomainError('NOT_FOUND', 'No such activation.');
    const now = this.deps.clock.now();
    return this.deps.database.transaction(async (trx) => {
      await lockCustomer(trx, this.deps.database.dialect, assignment.customerId);
      return resetSeat(trx, { customerId: assignment.customerId, assignmentId: id, reason, actor, counted: false }, now);
    });
  }

  private async views(db: Db, records: ActivationRecord[]) {
    const [features, drifts] = await Promise.all([
      listFeatures(db),
      listSubjectEvents(db, 'activation.drifted', records.map((r) => r.assignment.id)),
    ]);
    const codes = new Map(features.map((f) => [f.id, f.code]));
    return records.map(({ assignment, activation }) => ({
      id: assignment.id,
      customerId: assignment.customerId,
      licenseId: assignment.licenseId,
      featureId: assignment.featureId,
      feature: codes.get(assignment.featureId) ?? assignment.featureId,
      resourceId: assignment.resourceId,
      ...machineDetailsView(activation),
      releasedAt: isoOrNull(assignment.releasedAt),
      releaseReason: assignment.releaseReason,
      drift: drifts
        .filter((e) => e.subjectId === assignment.id)
        .map((e) => ({ at: iso(e.createdAt), changed: (e.data.changed as string[]) ?? [], added: (e.data.added as string[]) ?? [] })),
    }));
  }
}
