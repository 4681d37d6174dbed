import type { Readable } from 'node:stream';
import { iso } from '@leasehold/core';
import type { AppDeps } from '../deps.ts';
import { loadEventNames, type EventNames } from '../events/event-names.repository.ts';
import { listEvents, type EventFilter, type EventRecord } from '../events/event.repository.ts';
import { page } from '../http/schemas.ts';
import { csvStream, type CsvValue } from '../shared/csv.ts';

export interface EventFilterInput {
  customerId?: string;
  /** A customer number, or part of a name. */
  customer?: string;
  /** An exact type, or a prefix ending in "." or ".*" such as `activation.*`. */
  type?: string;
  actorType?: string;
  actorId?: string;
  subjectId?: string;
  from?: number;
  to?: number;
}

export const EVENTS_CSV_HEADER = ['time', 'type', 'customer_number', 'customer_name', 'actor_type', 'actor_id', 'actor_name', 'subject_type', 'subject_id', 'data'];
const CSV_PAGE = 500;

function filterOf(input: EventFilterInput): Omit<EventFilter, 'limit' | 'before'> {
  const prefix = input.type?.match(/^(.*\.)\*?$/)?.[1];
  return {
    customerId: input.customerId,
    customer: input.customer,
    ...(prefix ? { typePrefix: prefix } : input.type ? { types: [input.type] } : {}),
    actorType: input.actorType,
    actorId: input.actorId,
    subjectId: input.subjectId,
    from: input.from,
    to: input.to,
  };
}

export function eventView(event: EventRecord, names: EventNames) {
  return {
    ...event,
    customer: event.customerId ? names.customers.get(event.customerId) ?? null : null,
    actor: { ...event.actor, name: event.actor.id ? names.actors.get(`${event.actor.type}:${event.actor.id}`) ?? null : null },
    createdAt: iso(event.createdAt),
  };
}

function csvRow(event: ReturnType<typeof eventView>): CsvValue[] {
  return [
    event.createdAt, event.type, event.customer?.number ?? null, event.customer?.name ?? null,
    event.actor.type, event.actor.id, event.actor.name, event.subjectType, event.subjectId, JSON.stringify(event.data),
  ];
}

/** The audit log: every event with its customer and actor by name, a page at a time or all of a filter as CSV. */
export class EventAdminService {
  constructor(private readonly deps: Pick<AppDeps, 'database' | 'clock'>) {}

  /** Newest first; `cursor` is the last id of the previous page. */
  async list(query: EventFilterInput & { limit: number; cursor?: string }) {
    const db = this.deps.database.db;
    const events = await listEvents(db, { ...filterOf(query), before: query.cursor, limit: query.limit });
    const names = await loadEventNames(db, events);
    return page(events.map((event) => eventView(event, names)), query.limit);
  }

  /** Every event of the filter, newest first, as a CSV stream read from the database a page at a time. */
  csv(query: EventFilterInput): { filename: string; stream: Readable } {
    const db = this.deps.database.db;
    const filter = filterOf(query);
    async function* pages() {
      let before: string | undefined;
      for (;;) {
        const events = await listEvents(db, { ...filter, before, limit: CSV_PAGE });
        const names = await loadEventNames(db, events);
        yield events.map((event) => csvRow(eventView(event, names)));
        if (events.length < CSV_PAGE) return;
        before = events[events.length - 1].id;
      }
    }
    const day = iso(this.deps.clock.now()).slice(0, 10);
    return { filename: `leasehold-events-${day}.csv`, stream: csvStream(EVENTS_CSV_HEADER, pages()) };
  }
}
