import type { DialectName, Db, WebhookDeliveryTable } from '@leasehold/db';
import { sql } from 'kysely';

export type DeliveryStatus = WebhookDeliveryTable['status'];

export interface WebhookDeliveryRecord {
  id: string;
  endpointId: string;
  eventId: string;
  eventType: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: number;
  lastAttemptAt: number | null;
  lastStatusCode: number | null;
  lastError: string | null;
  deliveredAt: number | null;
  createdAt: number;
}

/** A claimed delivery with what sending it needs: the endpoint and the event. */
export interface ClaimedDelivery {
  id: string;
  attempts: number;
  endpointId: string;
  url: string;
  /** Sealed under the master key: the dispatcher opens it to sign the delivery. */
  secret: string;
  event: { id: string; type: string; customerId: string | null; actorType: string; actorId: string | null; data: string; createdAt: number };
}

const n = (value: number | null) => (value === null ? null : Number(value));

function deliveries(db: Db) {
  return db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('events as ev', 'ev.id', 'd.event_id')
    .select([
      'd.id', 'd.endpoint_id', 'd.event_id', 'ev.type', 'd.status', 'd.attempts', 'd.next_attempt_at', 'd.last_attempt_at',
      'd.last_status_code', 'd.last_error', 'd.delivered_at', 'd.created_at',
    ]);
}

function rowToDelivery(row: Awaited<ReturnType<ReturnType<typeof deliveries>['executeTakeFirstOrThrow']>>): WebhookDeliveryRecord {
  return {
    id: row.id,
    endpointId: row.endpoint_id,
    eventId: row.event_id,
    eventType: row.type,
    status: row.status,
    attempts: Number(row.attempts),
    nextAttemptAt: Number(row.next_attempt_at),
    lastAttemptAt: n(row.last_attempt_at),
    lastStatusCode: n(row.last_status_code),
    lastError: row.last_error,
    deliveredAt: n(row.delivered_at),
    createdAt: Number(row.created_at),
  };
}

/** New deliveries of one event, due at once. */
export async function insertDeliveries(db: Db, rows: { id: string; endpointId: string; eventId: string }[], now: number): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('webhook_deliveries')
    .values(rows.map((r) => ({
      id: r.id, endpoint_id: r.endpointId, event_id: r.eventId, status: 'pending' as const, attempts: 0, next_attempt_at: now,
      last_attempt_at: null, last_status_code: null, last_error: null, delivered_at: null, created_at: now,
    })))
    .execute();
}

export async function getDelivery(db: Db, id: string): Promise<WebhookDeliveryRecord | null> {
  const row = await deliveries(db).where('d.id', '=', id).executeTakeFirst();
  return row ? rowToDelivery(row) : null;
}

/** An endpoint's deliveries, newest first; `before` is the last id of the previous page. */
export async function listDeliveries(db: Db, endpointId: string, filter: { status?: DeliveryStatus; before?: string; limit: number }): Promise<WebhookDeliveryRecord[]> {
  let query = deliveries(db).where('d.endpoint_id', '=', endpointId);
  if (filter.status) query = query.where('d.status', '=', filter.status);
  if (filter.before) query = query.where('d.id', '<', filter.before);
  return (await query.orderBy('d.id', 'desc').limit(filter.limit).execute()).map(rowToDelivery);
}

/**
 * Takes up to `limit` due deliveries of enabled endpoints (or just `ids`, when due) and marks them
 * `sending` until `leaseUntil`: a dispatcher that dies mid-send leaves them due again then. Two
 * dispatchers never take the same delivery: PostgreSQL skips rows another transaction has locked,
 * SQLite runs this inside a transaction that holds the write lock, and the update re-checks that
 * each row is still due, so a row taken meanwhile is not returned twice.
 */
export async function claimDueDeliveries(
  trx: Db, dialect: DialectName, now: number, leaseUntil: number, limit: number, ids?: string[],
): Promise<{ id: string; attempts: number }[]> {
  if (ids && ids.length === 0) return [];
  let due = trx
    .selectFrom('webhook_deliveries')
    .select('id')
    .where('status', 'in', ['pending', 'sending'])
    .where('next_attempt_at', '<=', now)
    .where('endpoint_id', 'in', trx.selectFrom('webhook_endpoints').select('id').where('enabled', '=', 1))
    .orderBy('next_attempt_at')
    .limit(limit);
  if (ids) due = due.where('id', 'in', ids);
  if (dialect === 'postgres') due = due.forUpdate().skipLocked();
  const rows = await trx
    .updateTable('webhook_deliveries')
    .set({ status: 'sending', attempts: sql<number>`attempts + 1`, next_attempt_at: leaseUntil, last_attempt_at: now })
    .where('id', 'in', due)
    .where('status', 'in', ['pending', 'sending'])
    .where('next_attempt_at', '<=', now)
    .returning(['id', 'attempts'])
    .execute();
  return rows.map((r) => ({ id: r.id, attempts: Number(r.attempts) }));
}

export async function loadClaimedDeliveries(db: Db, claimed: { id: string; attempts: number }[]): Promise<ClaimedDelivery[]> {
  if (claimed.length === 0) return [];
  const rows = await db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('webhook_endpoints as e', 'e.id', 'd.endpoint_id')
    .innerJoin('events as ev', 'ev.id', 'd.event_id')
    .select(['d.id', 'e.id as endpoint_id', 'e.url', 'e.secret', 'ev.id as event_id', 'ev.type', 'ev.customer_id', 'ev.actor_type', 'ev.actor_id', 'ev.data', 'ev.created_at'])
    .where('d.id', 'in', claimed.map((c) => c.id))
    .execute();
  const attempts = new Map(claimed.map((c) => [c.id, c.attempts]));
  return rows.map((r) => ({
    id: r.id, attempts: attempts.get(r.id)!, endpointId: r.endpoint_id, url: r.url, secret: r.secret,
    event: { id: r.event_id, type: r.type, customerId: r.customer_id, actorType: r.actor_type, actorId: r.actor_id, data: r.data, createdAt: Number(r.created_at) },
  }));
}

export interface DeliveryOutcome {
  status: 'delivered' | 'pending' | 'failed';
  nextAttemptAt: number;
  statusCode: number | null;
  error: string | null;
  deliveredAt: number | null;
}

/**
 * Records the outcome of the attempt that claimed the delivery. `attempts` fences it: if this
 * dispatcher outlived its lease and another took the delivery since, this changes nothing.
 */
export async function recordDeliveryOutcome(db: Db, id: string, attempts: number, outcome: DeliveryOutcome): Promise<boolean> {
  const result = await db
    .updateTable('webhook_deliveries')
    .set({
      status: outcome.status, next_attempt_at: outcome.nextAttemptAt, last_status_code: outcome.statusCode,
      last_error: outcome.error, delivered_at: outcome.deliveredAt,
    })
    .where('id', '=', id)
    .where('status', '=', 'sending')
    .where('attempts', '=', attempts)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Makes a delivery due now; one already delivered is left alone (answers false). */
export async function scheduleDeliveryNow(db: Db, id: string, now: number): Promise<boolean> {
  const result = await db
    .updateTable('webhook_deliveries')
    .set({ status: 'pending', next_attempt_at: now })
    .where('id', '=', id)
    .where('status', 'in', ['pending', 'failed', 'cancelled'])
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** A disabled endpoint's waiting deliveries are cancelled rather than sent later by surprise. */
export async function cancelPendingDeliveries(db: Db, endpointId: string, reason: string): Promise<number> {
  const result = await db
    .updateTable('webhook_deliveries')
    .set({ status: 'cancelled', last_error: reason })
    .where('endpoint_id', '=', endpointId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * Deletes up to `limit` deliveries delivered before `cutoff`; answers how many. A delivered row's
 * next_attempt_at is its delivery time, so the due index narrows the scan to them.
 */
export async function deleteDeliveredBefore(db: Db, cutoff: number, limit: number): Promise<number> {
  const old = db
    .selectFrom('webhook_deliveries')
    .select('id')
    .where('status', '=', 'delivered')
    .where('next_attempt_at', '<', cutoff)
    .where('delivered_at', '<', cutoff)
    .limit(limit);
  const result = await db.deleteFrom('webhook_deliveries').where('id', 'in', old).executeTakeFirst();
  return Number(result.numDeletedRows);
}
