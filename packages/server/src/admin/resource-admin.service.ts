import { DomainError, iso, isSeatHeld, resourceHealth } from '@leasehold/core';
import type { Db } from '@leasehold/db';
import { listOpenAssignments } from '../assignments/assignment.repository.ts';
import { listFeatures } from '../catalog/catalog.repository.ts';
import { getCustomer } from '../customers/customer.repository.ts';
import { pageOf } from '../http/paging.ts';
import { listCustomerResources, rowToResource } from '../resources/resource.repository.ts';

type ResourceRecord = ReturnType<typeof rowToResource>;
export type ResourceView = ReturnType<typeof resourceView>;

function resourceView(resource: ResourceRecord, seats: { assignmentId: string; featureId: string; feature: string; licenseId: string }[]) {
  return {
    id: resource.id,
    kind: resource.kind,
    externalId: resource.externalId,
    name: resource.name,
    health: resourceHealth(resource),
    reachable: resource.reachable,
    synchronised: resource.synchronised,
    missing: resource.missing,
    lastReportedAt: resource.lastReportedAt === null ? null : iso(resource.lastReportedAt),
    seats,
  };
}

/**
 * A customer's resources with their health and the seats each holds. `holdingOnly` leaves out
 * computers that hold no seat any more: every activation makes one, and they would crowd the list.
 */
export async function customerResourceViews(db: Db, customerId: string, now: number, options: { kind?: string; holdingOnly?: boolean } = {}): Promise<ResourceView[]> {
  const [resources, assignments, features] = await Promise.all([
    listCustomerResources(db, customerId, options.kind),
    listOpenAssignments(db, customerId),
    listFeatures(db),
  ]);
  const codes = new Map(features.map((f) => [f.id, f.code]));
  const views = resources.map((resource) =>
    resourceView(
      resource,
      assignments
        .filter((a) => a.resourceId === resource.id && isSeatHeld(a, now))
        .map((a) => ({ assignmentId: a.id, featureId: a.featureId, feature: codes.get(a.featureId) ?? a.featureId, licenseId: a.licenseId })),
    ),
  );
  return options.holdingOnly ? views.filter((v) => v.kind !== 'machine' || v.seats.length > 0) : views;
}

export async function listResourcesOfCustomer(db: Db, customerId: string, now: number, query: { kind?: string; limit: number; cursor?: string }) {
  if (!(await getCustomer(db, customerId))) throw new DomainError('NOT_FOUND', 'No such customer.');
  return pageOf(await customerResourceViews(db, customerId, now, { kind: query.kind }), query.limit, query.cursor);
}
