import { iso } from '@leasehold/core';
import type { Db } from '@leasehold/db';
import { listEvents, type EventRecord } from '../events/event.repository.ts';
import { page } from '../http/schemas.ts';

export interface EventQuery {
  customerId?: string;
  /** An exact type, or a prefix ending in "." or ".*" such as `activation.*`. */
  type?: string;
  actorType?: string;
  subjectId?: string;
  from?: number;
  to?: number;
  limit: number;
  cursor?: string;
}

export function eventView(event: EventRecord) {
  return { ...event, createdAt: iso(event.createdAt) };
}

/** The audit log, newest first; `cursor` is the last id of the previous page. */
export async function listEventsPage(db: Db, query: EventQuery) {
  const prefix = query.type?.match(/^(.*\.)\*?$/)?.[1];
  const events = await listEvents(db, {
    customerId: query.customerId,
    ...(prefix ? { typePrefix: prefix } : query.type ? { types: [query.type] } : {}),
    actorType: query.actorType,
    subjectId: query.subjectId,
    from: query.from,
    to: query.to,
    before: query.cursor,
    limit: query.limit,
  });
  return page(events.map(eventView), query.limit);
}
