import { newId, type Db } from '@leasehold/db';
import { insertDeliveries } from './webhook-delivery.repository.ts';
import { patternsMatching } from './webhook-patterns.ts';
import { findSubscribedEndpointIds, listSubscribedPatterns } from './webhook.repository.ts';

/**
 * How long a process trusts its copy of the subscribed patterns. Changes made through this process
 * are seen at once (the webhook service invalidates the copy); changes made through another server
 * process are seen within this time.
 */
export const SUBSCRIPTION_REFRESH_MS = 5_000;

interface SubscriptionCache {
  patterns: Set<string> | null;
  loadedAt: number;
  generation: number;
}

const caches = new WeakMap<object, SubscriptionCache>();

/**
 * One cache per database. Every transaction and connection of one database comes from the same
 * Kysely instance and shares its dialect adapter, which is the one thing a transaction handle
 * exposes that tells databases apart (tests open many in one process).
 */
function cacheOf(db: Db): SubscriptionCache {
  const key = db.getExecutor().adapter;
  let cache = caches.get(key);
  if (!cache) {
    cache = { patterns: null, loadedAt: 0, generation: 0 };
    caches.set(key, cache);
  }
  return cache;
}

/** Call after a transaction that changed endpoints or their subscriptions has committed. */
export function invalidateWebhookSubscriptions(db: Db): void {
  const cache = cacheOf(db);
  cache.patterns = null;
  cache.generation += 1;
}

// A time-to-live measures elapsed real time, not domain time: the monotonic clock, not deps.clock.
const elapsed = () => performance.now();

async function loadPatterns(trx: Db, cache: SubscriptionCache): Promise<Set<string>> {
  const generation = cache.generation;
  const patterns = new Set(await listSubscribedPatterns(trx));
  // An invalidation while this read ran may mean the read missed a change: use it now, keep it not.
  if (cache.generation === generation) {
    cache.patterns = patterns;
    cache.loadedAt = elapsed();
  }
  return patterns;
}

/**
 * The outbox: one pending delivery per enabled endpoint subscribed to the event, in the event's
 * own transaction, so a delivery exists exactly when its event does. Most events (every check-in
 * writes one) match no subscription; the cached patterns answer that without a query.
 */
export async function enqueueWebhookDeliveries(trx: Db, event: { id: string; type: string }, now: number): Promise<number> {
  const cache = cacheOf(trx);
  const fresh = cache.patterns !== null && elapsed() - cache.loadedAt < SUBSCRIPTION_REFRESH_MS;
  const patterns = fresh ? cache.patterns! : await loadPatterns(trx, cache);
  if (patterns.size === 0) return 0;
  const candidates = patternsMatching(event.type);
  if (!candidates.some((pattern) => patterns.has(pattern))) return 0;
  const endpointIds = await findSubscribedEndpointIds(trx, candidates);
  await insertDeliveries(trx, endpointIds.map((endpointId) => ({ id: newId(now), endpointId, eventId: event.id })), now);
  return endpointIds.length;
}
