import { DomainError, iso } from '@leasehold/core';
import { newId } from '@leasehold/db';
import type { AppDeps } from '../deps.ts';
import { SEALED, sealContext } from '../encryption/sealed-columns.ts';
import { insertEvent, type Actor } from '../events/event.repository.ts';
import { page } from '../http/schemas.ts';
import { generateToken } from '../shared/secrets.ts';
import { cancelPendingDeliveries, getDelivery, insertDeliveries, listDeliveries, scheduleDeliveryNow, type DeliveryStatus, type WebhookDeliveryRecord } from './webhook-delivery.repository.ts';
import { literalDestinationProblem } from './webhook-destination.ts';
import { WebhookDispatcher } from './webhook-dispatcher.ts';
import { invalidateWebhookSubscriptions } from './webhook-outbox.ts';
import { deleteEndpoint, getEndpoint, insertEndpoint, listEndpoints, replaceSubscriptions, updateEndpoint, type WebhookEndpointRecord } from './webhook.repository.ts';

export function endpointView(endpoint: WebhookEndpointRecord) {
  return {
    ...endpoint,
    createdAt: iso(endpoint.createdAt),
    updatedAt: iso(endpoint.updatedAt),
    disabledAt: endpoint.disabledAt === null ? null : iso(endpoint.disabledAt),
  };
}

export function deliveryView(delivery: WebhookDeliveryRecord) {
  const waiting = delivery.status === 'pending' || delivery.status === 'sending';
  return {
    ...delivery,
    nextAttemptAt: waiting ? iso(delivery.nextAttemptAt) : null,
    lastAttemptAt: delivery.lastAttemptAt === null ? null : iso(delivery.lastAttemptAt),
    deliveredAt: delivery.deliveredAt === null ? null : iso(delivery.deliveredAt),
    createdAt: iso(delivery.createdAt),
  };
}

export interface EndpointInput {
  url: string;
  description?: string | null;
  eventTypes: string[];
  enabled?: boolean;
}

const unique = (patterns: string[]) => [...new Set(patterns)];
const notFound = () => new DomainError('NOT_FOUND', 'No such webhook endpoint. List them with GET /v1/admin/webhooks.');

/** Webhook endpoints as staff manage them, their deliveries, retries and test deliveries. */
export class WebhookService {
  private readonly dispatcher: WebhookDispatcher;

  constructor(private readonly deps: Pick<AppDeps, 'database' | 'clock' | 'config' | 'secrets'>) {
    this.dispatcher = new WebhookDispatcher(deps, { timeoutMs: deps.config.webhookTimeoutMs, allowPrivateDestinations: deps.config.webhookAllowPrivate });
  }

  private get db() {
    return this.deps.database.db;
  }

  /** A new endpoint with its signing secret, which is shown only in this answer. */
  async create(actor: Actor, input: EndpointInput) {
    this.checkDestination(input.url);
    const now = this.deps.clock.now();
    const secret = generateToken('whsec');
    const eventTypes = unique(input.eventTypes);
    const enabled = input.enabled ?? true;
    const endpoint = await this.changeEndpoints(async (trx) => {
      const id = newId(now);
      // The event goes first, so the new endpoint is not sent the news of its own creation.
      await insertEvent(trx, { customerId: null, type: 'webhook_endpoint.created', actor, subjectType: 'webhook_endpoint', subjectId: id, data: { url: input.url, eventTypes, enabled } }, now);
      await insertEndpoint(trx, {
        id, url: input.url, description: input.description ?? null, secret: this.deps.secrets.seal(secret, sealContext(SEALED.webhookSecret, id)), event_types: JSON.stringify(eventTypes), enabled: enabled ? 1 : 0,
        created_at: now, updated_at: now, disabled_at: enabled ? null : now,
      });
      await replaceSubscriptions(trx, id, eventTypes);
      return (await getEndpoint(trx, id))!;
    });
    return { ...endpointView(endpoint), secret };
  }

  async list(query: { limit: number; cursor?: string }) {
    return page((await listEndpoints(this.db, query.limit, query.cursor)).map(endpointView), query.limit);
  }

  async get(id: string) {
    const endpoint = await getEndpoint(this.db, id);
    if (!endpoint) throw notFound();
    return endpointView(endpoint);
  }

  /** Changes the URL, description, event types or enabled state; disabling cancels the deliveries still waiting. A change to nothing writes nothing. */
  async update(actor: Actor, id: string, changes: Partial<EndpointInput>) {
    if (changes.url !== undefined) this.checkDestination(changes.url);
    const now = this.deps.clock.now();
    return endpointView(await this.changeEndpoints(async (trx) => {
      const endpoint = await getEndpoint(trx, id);
      if (!endpoint) throw notFound();
      const eventTypes = changes.eventTypes && JSON.stringify(unique(changes.eventTypes)) !== JSON.stringify(endpoint.eventTypes) ? unique(changes.eventTypes) : undefined;
      const enabling = changes.enabled !== undefined && changes.enabled !== endpoint.enabled ? changes.enabled : undefined;
      const changed = Object.fromEntries(Object.entries({
        url: changes.url !== endpoint.url ? changes.url : undefined,
        description: changes.description !== endpoint.description ? changes.description : undefined,
        eventTypes,
        enabled: enabling,
      }).filter(([, v]) => v !== undefined));
      if (Object.keys(changed).length === 0) return endpoint;
      await updateEndpoint(trx, id, {
        ...(changes.url !== undefined ? { url: changes.url } : {}),
        ...(changes.description !== undefined ? { description: changes.description } : {}),
        ...(eventTypes ? { event_types: JSON.stringify(eventTypes) } : {}),
        ...(enabling !== undefined ? { enabled: enabling ? 1 : 0, disabled_at: enabling ? null : now } : {}),
        updated_at: now,
      });
      if (eventTypes) await replaceSubscriptions(trx, id, eventTypes);
      const cancelled = enabling === false ? await cancelPendingDeliveries(trx, id, 'The endpoint was disabled.') : 0;
      await insertEvent(trx, {
        customerId: null, type: enabling === false ? 'webhook_endpoint.disabled' : 'webhook_endpoint.updated', actor, subjectType: 'webhook_endpoint', subjectId: id,
        data: { changes: changed, ...(cancelled ? { cancelledDeliveries: cancelled } : {}) },
      }, now);
      return (await getEndpoint(trx, id))!;
    }));
  }

  /** Stops deliveries to the endpoint; disabling a disabled endpoint changes nothing. */
  disable(actor: Actor, id: string) {
    return this.update(actor, id, { enabled: false });
  }

  /** Removes the endpoint and its delivery history; its events stay in the audit log. */
  async delete(actor: Actor, id: string) {
    const now = this.deps.clock.now();
    await this.changeEndpoints(async (trx) => {
      const endpoint = await getEndpoint(trx, id);
      if (!endpoint) throw notFound();
      await insertEvent(trx, { customerId: null, type: 'webhook_endpoint.deleted', actor, subjectType: 'webhook_endpoint', subjectId: id, data: { url: endpoint.url } }, now);
      await deleteEndpoint(trx, id);
    });
    return { deleted: true as const, id };
  }

  async deliveries(id: string, query: { status?: DeliveryStatus; limit: number; cursor?: string }) {
    if (!(await getEndpoint(this.db, id))) throw notFound();
    const items = await listDeliveries(this.db, id, { status: query.status, before: query.cursor, limit: query.limit });
    return page(items.map(deliveryView), query.limit);
  }

  /** Sends a delivery again now (pending, failed or cancelled), under the same delivery id; answers its outcome. */
  async retry(actor: Actor, endpointId: string, deliveryId: string) {
    const now = this.deps.clock.now();
    await this.deps.database.transaction(async (trx) => {
      const endpoint = await this.enabledEndpoint(trx, endpointId);
      const delivery = await getDelivery(trx, deliveryId);
      if (!delivery || delivery.endpointId !== endpoint.id) throw new DomainError('NOT_FOUND', 'This endpoint has no such delivery. List them with GET /v1/admin/webhooks/:id/deliveries.');
      if (delivery.status === 'delivered') throw new DomainError('INVALID_STATE', `This delivery was already delivered on ${iso(delivery.deliveredAt!)}; it is never sent twice.`);
      if (delivery.status === 'sending') throw new DomainError('INVALID_STATE', 'This delivery is being sent now. Look at it again in a few seconds.');
      await scheduleDeliveryNow(trx, deliveryId, now);
      await insertEvent(trx, {
        customerId: null, type: 'webhook_delivery.retried', actor, subjectType: 'webhook_delivery', subjectId: deliveryId,
        data: { endpointId, eventId: delivery.eventId, previousStatus: delivery.status, attempts: delivery.attempts },
      }, now);
    });
    return this.sendNow(deliveryId);
  }

  /** A `webhook.test` event delivered to this endpoint only, at once; answers the delivery with its outcome. */
  async test(actor: Actor, endpointId: string) {
    const now = this.deps.clock.now();
    const deliveryId = await this.deps.database.transaction(async (trx) => {
      const endpoint = await this.enabledEndpoint(trx, endpointId);
      const eventId = await insertEvent(trx, {
        customerId: null, type: 'webhook.test', actor, subjectType: 'webhook_endpoint', subjectId: endpoint.id,
        data: { message: 'A test delivery from Leasehold. It changes nothing.', endpointId: endpoint.id },
      }, now);
      const id = newId(now);
      await insertDeliveries(trx, [{ id, endpointId: endpoint.id, eventId }], now);
      return id;
    });
    return this.sendNow(deliveryId);
  }

  private async sendNow(deliveryId: string) {
    await this.dispatcher.dispatchOnce([deliveryId]);
    return deliveryView((await getDelivery(this.db, deliveryId))!);
  }

  /** Refuses a URL that names a non-public address outright; a host name's addresses are checked at each delivery. */
  private checkDestination(url: string): void {
    if (this.deps.config.webhookAllowPrivate) return;
    const problem = literalDestinationProblem(new URL(url));
    if (problem) throw new DomainError('VALIDATION_FAILED', `The URL is refused: ${problem}`, { errors: [{ field: 'body.url', message: problem, code: 'PRIVATE_DESTINATION' }] });
  }

  private async enabledEndpoint(trx: typeof this.db, id: string): Promise<WebhookEndpointRecord> {
    const endpoint = await getEndpoint(trx, id);
    if (!endpoint) throw notFound();
    if (!endpoint.enabled) throw new DomainError('INVALID_STATE', 'This endpoint is disabled. Enable it with PATCH {"enabled": true} first.');
    return endpoint;
  }

  /** A change to endpoints, then the per-process subscription cache is dropped (after the commit, so no reader caches the old state). */
  private async changeEndpoints<T>(fn: (trx: typeof this.db) => Promise<T>): Promise<T> {
    try {
      return await this.deps.database.transaction(fn);
    } finally {
      invalidateWebhookSubscriptions(this.db);
    }
  }
}
