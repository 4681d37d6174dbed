import type { Db, WebhookEndpointTable } from '@leasehold/db';

export interface WebhookEndpointRecord {
  id: string;
  url: string;
  description: string | null;
  eventTypes: string[];
  enabled: boolean;
  createdAt: number;
  updatedAt: number;
  disabledAt: number | null;
}

export function rowToEndpoint(row: Omit<WebhookEndpointTable, 'secret'>): WebhookEndpointRecord {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    eventTypes: JSON.parse(row.event_types),
    enabled: Number(row.enabled) === 1,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
    disabledAt: row.disabled_at === null ? null : Number(row.disabled_at),
  };
}

const columns = ['id', 'url', 'description', 'event_types', 'enabled', 'created_at', 'updated_at', 'disabled_at'] as const;

export async function insertEndpoint(db: Db, row: WebhookEndpointTable): Promise<void> {
  await db.insertInto('webhook_endpoints').values(row).execute();
}

export async function getEndpoint(db: Db, id: string): Promise<WebhookEndpointRecord | null> {
  const row = await db.selectFrom('webhook_endpoints').select(columns).where('id', '=', id).executeTakeFirst();
  return row ? rowToEndpoint(row) : null;
}

export async function listEndpoints(db: Db, limit: number, after?: string): Promise<WebhookEndpointRecord[]> {
  let query = db.selectFrom('webhook_endpoints').select(columns);
  if (after) query = query.where('id', '>', after);
  return (await query.orderBy('id').limit(limit).execute()).map(rowToEndpoint);
}

export async function updateEndpoint(db: Db, id: string, changes: Partial<Omit<WebhookEndpointTable, 'id' | 'secret' | 'created_at'>>): Promise<void> {
  await db.updateTable('webhook_endpoints').set(changes).where('id', '=', id).execute();
}

export async function deleteEndpoint(db: Db, id: string): Promise<void> {
  await db.deleteFrom('webhook_deliveries').where('endpoint_id', '=', id).execute();
  await db.deleteFrom('webhook_subscriptions').where('endpoint_id', '=', id).execute();
  await db.deleteFrom('webhook_endpoints').where('id', '=', id).execute();
}

/** One row per pattern, replacing the endpoint's previous ones. */
export async function replaceSubscriptions(db: Db, endpointId: string, patterns: string[]): Promise<void> {
  await db.deleteFrom('webhook_subscriptions').where('endpoint_id', '=', endpointId).execute();
  if (patterns.length > 0) {
    await db.insertInto('webhook_subscriptions').values(patterns.map((pattern) => ({ pattern, endpoint_id: endpointId }))).execute();
  }
}

/** Every pattern some enabled endpoint subscribes to: what the outbox's per-process cache holds. */
export async function listSubscribedPatterns(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom('webhook_subscriptions')
    .innerJoin('webhook_endpoints', 'webhook_endpoints.id', 'webhook_subscriptions.endpoint_id')
    .select('webhook_subscriptions.pattern')
    .distinct()
    .where('webhook_endpoints.enabled', '=', 1)
    .execute();
  return rows.map((r) => r.pattern);
}

/** The enabled endpoints subscribed to any of the patterns. */
export async function findSubscribedEndpointIds(db: Db, patterns: string[]): Promise<string[]> {
  const rows = await db
    .selectFrom('webhook_subscriptions')
    .innerJoin('webhook_endpoints', 'webhook_endpoints.id', 'webhook_subscriptions.endpoint_id')
    .select('webhook_endpoints.id')
    .distinct()
    .where('webhook_subscriptions.pattern', 'in', patterns)
    .where('webhook_endpoints.enabled', '=', 1)
    .execute();
  return rows.map((r) => r.id).sort();
}
