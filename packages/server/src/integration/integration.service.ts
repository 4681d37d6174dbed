import { resourceHealth, type Resource } from '@leasehold/core';
import { newId, type Db } from '@leasehold/db';
import { lockCustomer } from '../customers/customer.repository.ts';
import type { AppDeps } from '../deps.ts';
import { insertEvent, type Actor } from '../events/event.repository.ts';
import { requireActiveCustomer, type CustomerPrincipal } from '../http/auth.ts';
import { getResource, insertResource, listCustomerResources, updateResource } from '../resources/resource.repository.ts';
import { resourceView } from '../seats/seat.views.ts';

export interface ReportedResource {
  kind: string;
  externalId: string;
  name: string;
  reachable: boolean;
  synchronised: boolean;
}

export interface ResourceReport {
  resources: ReportedResource[];
  fullSync?: boolean;
  kinds?: string[];
}

const keyOf = (r: { kind: string; externalId: string }) => `${r.kind}\u0000${r.externalId}`;

/**
 * What the EMR bridge and other connectors report: the customer's providers and schedules and
 * whether each is reachable and synchronised. Health is derived (resourceHealth); each change of it
 * is an event, so the history says when a schedule went red and came back.
 */
export class IntegrationService {
  constructor(private readonly deps: Pick<AppDeps, 'database' | 'clock'>) {}

  async list(principal: CustomerPrincipal, kind?: string) {
    const resources = await listCustomerResources(this.deps.database.db, principal.customerId, kind);
    return { items: resources.filter((r) => r.kind !== 'machine').map(resourceView) };
  }

  async report(principal: CustomerPrincipal, report: ResourceReport) {
    requireActiveCustomer(principal);
    const now = this.deps.clock.now();
    const { database } = this.deps;
    return database.transaction(async (trx) => {
      await lockCustomer(trx, database.dialect, principal.customerId);
      const known = new Map((await listCustomerResources(trx, principal.customerId)).map((r) => [keyOf(r), r]));
      const counts = { created: 0, updated: 0, unchanged: 0, missing: 0 };
      const reported: Resource[] = [];
      for (const incoming of report.resources) {
        const existing = known.get(keyOf(incoming));
        if (!existing) {
          reported.push(await this.create(trx, principal, incoming, now));
          counts.created += 1;
          continue;
        }
        const changed = existing.name !== incoming.name || existing.reachable !== incoming.reachable
          || existing.synchronised !== incoming.synchronised || existing.missing;
        await updateResource(trx, existing.id, {
          name: incoming.name, reachable: incoming.reachable ? 1 : 0, synchronised: incoming.synchronised ? 1 : 0, missing: 0,
          last_reported_at: now, ...(changed ? { updated_at: now } : {}),
        });
        const after = { ...existing, ...incoming, missing: false, lastReportedAt: now };
        await this.recordHealthChange(trx, principal.actor, existing, after, now);
        reported.push(after);
        counts[changed ? 'updated' : 'unchanged'] += 1;
      }
      const markedMissing: Resource[] = [];
      if (report.fullSync) {
        const kinds = new Set(report.kinds ?? report.resources.map((r) => r.kind));
        const present = new Set(report.resources.map(keyOf));
        for (const resource of known.values()) {
          if (!kinds.has(resource.kind) || present.has(keyOf(resource)) || resource.missing) continue;
          await updateResource(trx, resource.id, { missing: 1, updated_at: now });
          const after = { ...resource, missing: true };
          await this.recordHealthChange(trx, principal.actor, resource, after, now);
          markedMissing.push(after);
        }
        counts.missing = markedMissing.length;
      }
      return { ...counts, resources: reported.map(resourceView), markedMissing: markedMissing.map(resourceView) };
    });
  }

  private async create(trx: Db, principal: CustomerPrincipal, incoming: ReportedResource, now: number): Promise<Resource> {
    const id = newId(now);
    await insertResource(trx, {
      id, customer_id: principal.customerId, kind: incoming.kind, external_id: incoming.externalId, name: incoming.name,
      reachable: incoming.reachable ? 1 : 0, synchronised: incoming.synchronised ? 1 : 0, missing: 0, last_reported_at: now, created_at: now, updated_at: now,
    });
    const resource = (await getResource(trx, id))!;
    await insertEvent(trx, {
      customerId: principal.customerId, type: 'resource.reported', actor: principal.actor, subjectType: 'resource', subjectId: id,
      data: { kind: incoming.kind, externalId: incoming.externalId, name: incoming.name, health: resourceHealth(resource) },
    }, now);
    return resource;
  }

  private async recordHealthChange(trx: Db, actor: Actor, before: Resource, after: Resource, now: number): Promise<void> {
    const from = resourceHealth(before);
    const to = resourceHealth(after);
    if (from === to) return;
    await insertEvent(trx, {
      customerId: before.customerId, type: 'resource.health_changed', actor, subjectType: 'resource', subjectId: before.id,
      data: { from, to, kind: before.kind, externalId: before.externalId, name: after.name },
    }, now);
  }
}
