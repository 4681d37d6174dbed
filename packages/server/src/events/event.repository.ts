import { newId, type Db } from '@leasehold/db';
import { sql, type CompiledQuery } from 'kysely';
import { enqueueWebhookDeliveries } from '../webhooks/webhook-outbox.ts';
import { deliveredToSubscribers, type EventType } from './event-types.ts';

export type ActorType = 'admin_key' | 'staff' | 'customer' | 'portal_user' | 'license_key' | 'machine' | 'integration' | 'system';

export interface Actor {
  type: ActorType;
  id: string | null;
}

export const SYSTEM_ACTOR: Actor = { type: 'system', id: null };

export interface NewEvent {
  customerId: string | null;
  /** One of the catalogue's types (event-types.ts): add a new kind of event there first. */
  type: EventType;
  actor: Actor;
  subjectType: string;
  subjectId: string;
  data?: Record<string, unknown>;
}

export interface EventRecord {
  id: string;
  customerId: string | null;
  type: string;
  actor: Actor;
  subjectType: string;
  subjectId: string;
  data: Record<string, unknown>;
  createdAt: number;
}

// Building and compiling the insert cost more than running it on the check-in path; its SQL depends
// only on the database (told apart by its dialect adapter) and its parameters follow the row's keys.
const compiledInserts = new WeakMap<object, CompiledQuery>();

/**
 * Appends an event, and a webhook delivery for each endpoint subscribed to its type. Call it with
 * the transaction that makes the change, so the change, its event and its deliveries land or none.
 */
export async function insertEvent(trx: Db, event: NewEvent, now: number): Promise<string> {
  const id = newId(now);
  const row = {
    id,
    customer_id: event.customerId ?? null,
    type: event.type,
    actor_type: event.actor.type,
    actor_id: event.actor.id ?? null,
    subject_type: event.subjectType,
    subject_id: event.subjectId,
    data: JSON.stringify(event.data ?? {}),
    created_at: now,
  };
  const adapter = trx.getExecutor().adapter;
  const compiled = compiledInserts.get(adapter);
  if (compiled) await trx.executeQuery({ ...compiled, parameters: Object.values(row) });
  else {
    const query = trx.insertInto('events').values(row).compile();
    compiledInserts.set(adapter, query);
    await trx.executeQuery(query);
  }
  if (deliveredToSubscribers(event.type)) await enqueueWebhookDeliveries(trx, { id, type: event.type }, now);
  return id;
}

export interface EventFilter {
  customerId?: string;
  /** Events of the customers with this number, or whose name contains this text (any case). */
  customer?: string;
  types?: string[];
  /** A type prefix such as `activation.` */
  typePrefix?: string;
  actorType?: string;
  actorId?: string;
  subjectId?: string;
  from?: number;
  to?: number;
  /** Events older than this id (ids sort by time). */
  before?: string;
  limit: number;
}

export async function listEvents(db: Db, filter: EventFilter): Promise<EventRecord[]> {
  let query = db.selectFrom('events').selectAll();
  if (filter.customerId) query = query.where('customer_id', '=', filter.customerId);
  if (filter.customer) {
    const text = filter.customer.trim().toLowerCase();
    const like = `%${text.replace(/[%_\\]/g, '')}%`;
    query = query.where('customer_id', 'in', db.selectFrom('customers').select('id').where((eb) => eb.or([
      eb(eb.fn('lower', ['number']), '=', text),
      eb(eb.fn('lower', ['name']), 'like', like),
    ])));
  }
  if (filter.types?.length) query = query.where('type', 'in', filter.types);
  if (filter.typePrefix) query = query.where('type', 'like', `${filter.typePrefix.replace(/[%_]/g, '')}%`);
  if (filter.actorType) query = query.where('actor_type', '=', filter.actorType);
  if (filter.actorId) query = query.where('actor_id', '=', filter.actorId);
  if (filter.subjectId) query = query.where('subject_id', '=', filter.subjectId);
  if (filter.from !== undefined) query = query.where('created_at', '>=', filter.from);
  if (filter.to !== undefined) query = query.where('created_at', '<', filter.to);
  if (filter.before) query = query.where('id', '<', filter.before);
  const rows = await query.orderBy('id', 'desc').limit(filter.limit).execute();
  return rows.map(rowToEvent);
}

/** Events of one type about any of the subjects, newest first: e.g. the drift history of a customer's activations. */
export async function listSubjectEvents(db: Db, type: string, subjectIds: string[]): Promise<EventRecord[]> {
  if (subjectIds.length === 0) return [];
  const rows = await db.selectFrom('events').selectAll().where('type', '=', type).where('subject_id', 'in', subjectIds).orderBy('id', 'desc').execute();
  return rows.map(rowToEvent);
}

export async function countEvents(db: Db, type: string, from: number): Promise<number> {
  const row = await db
    .selectFrom('events')
    .select(sql<number>`count(*)`.as('n'))
    .where('type', '=', type)
    .where('created_at', '>=', from)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

function rowToEvent(row: {
  id: string; customer_id: string | null; type: string; actor_type: string; actor_id: string | null;
  subject_type: string; subject_id: string; data: string; created_at: number;
}): EventRecord {
  return {
    id: row.id,
    customerId: row.customer_id,
    type: row.type,
    actor: { type: row.actor_type as ActorType, id: row.actor_id },
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    data: JSON.parse(row.data),
    createdAt: Number(row.created_at),
  };
}
