import type { Kysely } from 'kysely';

/**
 * Webhooks: endpoints, the event types each subscribes to (one row per pattern, so the outbox finds
 * the subscribers of an event with one indexed lookup), and the delivery outbox the dispatcher works
 * through. A delivery is written in the transaction of its event; `(status, next_attempt_at)` is the
 * dispatcher's queue.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const ms = 'bigint' as const;

  await db.schema
    .createTable('webhook_endpoints')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    // The signing secret itself, not a hash: the server needs it to sign every delivery.
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('event_types', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('updated_at', ms, (c) => c.notNull())
    .addColumn('disabled_at', ms)
    .execute();

  await db.schema
    .createTable('webhook_subscriptions')
    .addColumn('pattern', 'text', (c) => c.notNull())
    .addColumn('endpoint_id', 'text', (c) => c.notNull().references('webhook_endpoints.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('webhook_subscriptions_pk', ['pattern', 'endpoint_id'])
    .execute();
  await db.schema.createIndex('webhook_subscriptions_endpoint').on('webhook_subscriptions').column('endpoint_id').execute();

  await db.schema
    .createTable('webhook_deliveries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('endpoint_id', 'text', (c) => c.notNull().references('webhook_endpoints.id').onDelete('cascade'))
    .addColumn('event_id', 'text', (c) => c.notNull().references('events.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('next_attempt_at', ms, (c) => c.notNull())
    .addColumn('last_attempt_at', ms)
    .addColumn('last_status_code', 'integer')
    .addColumn('last_error', 'text')
    .addColumn('delivered_at', ms)
    .addColumn('created_at', ms, (c) => c.notNull())
    .addUniqueConstraint('webhook_deliveries_event_endpoint', ['event_id', 'endpoint_id'])
    .execute();
  await db.schema.createIndex('webhook_deliveries_due').on('webhook_deliveries').columns(['status', 'next_attempt_at']).execute();
  await db.schema.createIndex('webhook_deliveries_endpoint').on('webhook_deliveries').columns(['endpoint_id', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('webhook_deliveries').execute();
  await db.schema.dropTable('webhook_subscriptions').execute();
  await db.schema.dropTable('webhook_endpoints').execute();
}
