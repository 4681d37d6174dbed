import { STATUS_CODES } from 'node:http';
import { DAY, HOUR, SECOND, iso } from '@leasehold/core';
import type { AppDeps } from '../deps.ts';
import { SEALED, sealContext } from '../encryption/sealed-columns.ts';
import { SecretBoxError } from '../encryption/secret-box.ts';
import { runOutboxPass, startOutboxLoop, type PassSummary, type RunningOutbox } from '../outbox/outbox-dispatcher.ts';
import { afterFailure } from '../outbox/outbox-retry.ts';
import { claimDueDeliveries, deleteDeliveredBefore, loadClaimedDeliveries, recordDeliveryOutcome, type ClaimedDelivery, type DeliveryOutcome } from './webhook-delivery.repository.ts';
import { RETRY_DELAYS_MS } from './webhook-retry.ts';
import { PrivateDestinationError, postWebhook } from './webhook-post.ts';
import { signatureHeader } from './webhook-signature.ts';

export interface DispatcherOptions {
  /** How long an endpoint has to answer. */
  timeoutMs?: number;
  /** Deliveries taken per pass, sent concurrently. */
  batchSize?: number;
  /** In [0, 1): the jitter of retry waits. Tests pass a fixed one. */
  random?: () => number;
  /** Deliver to loopback and private addresses too (LEASEHOLD_WEBHOOK_ALLOW_PRIVATE); by default only public ones. */
  allowPrivateDestinations?: boolean;
}

export type DispatchSummary = PassSummary<'delivered'>;

export const DEFAULT_WEBHOOK_TIMEOUT_MS = 10 * SECOND;
/** How long delivered deliveries are kept before the dispatcher deletes them; failed and waiting ones are kept. */
export const DEFAULT_WEBHOOK_RETENTION_DAYS = 30;
const DEFAULT_BATCH_SIZE = 20;
const PRUNE_BATCH = 1000;
/** Pruning is housekeeping: a running dispatcher does it at start, then hourly, not at every pass. */
const PRUNE_EVERY_MS = HOUR;
const ERROR_TEXT_LIMIT = 500;

/**
 * Sends due webhook deliveries: takes a batch (safe with other dispatchers on the same database),
 * POSTs each signed event, records the answer, and schedules a retry with backoff after a failure.
 * A delivery once recorded as delivered is never taken again.
 */
export class WebhookDispatcher {
  private readonly timeoutMs: number;
  private readonly batchSize: number;
  private readonly random: () => number;
  private readonly allowPrivate: boolean;

  constructor(private readonly deps: Pick<AppDeps, 'database' | 'clock' | 'secrets'>, options: DispatcherOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_WEBHOOK_TIMEOUT_MS;
    this.batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    this.random = options.random ?? Math.random;
    this.allowPrivate = options.allowPrivateDestinations ?? false;
  }

  /** One pass over the due deliveries (or only `ids`, when due). */
  async dispatchOnce(ids?: string[]): Promise<DispatchSummary> {
    const { database } = this.deps;
    const now = this.deps.clock.now();
    // A delivery still `sending` after the timeout and a margin was left by a dispatcher that died.
    const leaseUntil = now + this.timeoutMs + 60 * SECOND;
    return runOutboxPass(database, 'delivered', {
      claim: async (trx) => loadClaimedDeliveries(trx, await claimDueDeliveries(trx, database.dialect, now, leaseUntil, ids?.length ?? this.batchSize, ids)),
      send: (delivery) => this.send(delivery),
      record: (trx, delivery, outcome) => recordDeliveryOutcome(trx, delivery.id, delivery.attempts, outcome),
    });
  }

  /**
   * Deletes the deliveries delivered more than `retentionMs` ago, a batch per transaction so the
   * write lock is never held long; answers how many. Their events stay in the audit log.
   */
  async pruneDelivered(retentionMs: number): Promise<number> {
    const cutoff = this.deps.clock.now() - retentionMs;
    let total = 0;
    for (;;) {
      const deleted = await this.deps.database.transaction((trx) => deleteDeliveredBefore(trx, cutoff, PRUNE_BATCH));
      total += deleted;
      if (deleted < PRUNE_BATCH) return total;
    }
  }

  private async send(delivery: ClaimedDelivery): Promise<DeliveryOutcome> {
    const { event } = delivery;
    const body = JSON.stringify({
      id: event.id,
      type: event.type,
      createdAt: iso(event.createdAt),
      customerId: event.customerId,
      data: JSON.parse(event.data),
      actor: { type: event.actorType, id: event.actorId },
    });
    const timestamp = Math.floor(this.deps.clock.now() / 1000);
    let statusCode: number | null = null;
    let error: string | null = null;
    try {
      // Opened only to sign: a master key that does not open it fails this attempt, which is retried.
      const signature = signatureHeader(this.deps.secrets.open(delivery.secret, sealContext(SEALED.webhookSecret, delivery.endpointId)), timestamp, body);
      statusCode = await postWebhook(delivery.url, {
        'content-type': 'application/json',
        'user-agent': 'Leasehold-Webhooks/1',
        'leasehold-signature': signature,
        'leasehold-delivery-id': delivery.id,
        'idempotency-key': delivery.id,
        'leasehold-event-type': event.type,
      }, body, { timeoutMs: this.timeoutMs, allowPrivate: this.allowPrivate });
      // The receiver's answer is not kept: its status says enough, and its body may hold anything.
      if (statusCode < 200 || statusCode >= 300) {
        error = statusCode >= 300 && statusCode < 400
          ? `HTTP ${statusCode}: redirects are not followed; give the endpoint's final URL.`
          : `HTTP ${statusCode} ${STATUS_CODES[statusCode] ?? ''}`.trim();
      }
    } catch (cause) {
      error = describeFailure(cause, this.timeoutMs);
    }
    const now = this.deps.clock.now();
    if (error === null) return { status: 'delivered', nextAttemptAt: now, statusCode, error: null, deliveredAt: now };
    return { ...afterFailure(RETRY_DELAYS_MS, delivery.attempts, this.random(), now), statusCode, error, deliveredAt: null };
  }
}

function describeFailure(cause: unknown, timeoutMs: number): string {
  if (cause instanceof SecretBoxError) return `Not sent: the endpoint's secret does not open. ${cause.message}`.slice(0, ERROR_TEXT_LIMIT);
  if (cause instanceof PrivateDestinationError) return `Not sent: ${cause.message}`.slice(0, ERROR_TEXT_LIMIT);
  const error = cause as { name?: string; message?: string };
  if (error?.name === 'TimeoutError' || error?.name === 'AbortError') return `No answer within ${timeoutMs / 1000} s.`;
  const detail = error?.message ?? String(cause);
  return `The request failed: ${detail}`.slice(0, ERROR_TEXT_LIMIT);
}

/**
 * Runs `dispatchOnce` every `intervalMs` (see startOutboxLoop), and prunes delivered deliveries
 * older than `retentionDays` at start and then hourly (0 keeps them all).
 */
export function startWebhookDispatcher(
  deps: Pick<AppDeps, 'database' | 'clock' | 'secrets' | 'logger'>,
  options: DispatcherOptions & { intervalMs: number; retentionDays?: number },
): RunningOutbox {
  const dispatcher = new WebhookDispatcher(deps, options);
  const retentionMs = (options.retentionDays ?? DEFAULT_WEBHOOK_RETENTION_DAYS) * DAY;
  // Elapsed real time, not domain time: the monotonic clock, as for any interval.
  let nextPruneAt = 0;
  const prune = async () => {
    if (retentionMs <= 0 || performance.now() < nextPruneAt) return;
    nextPruneAt = performance.now() + PRUNE_EVERY_MS;
    try {
      const pruned = await dispatcher.pruneDelivered(retentionMs);
      if (pruned > 0) deps.logger?.info({ pruned, retentionDays: retentionMs / DAY }, 'old delivered webhook deliveries deleted');
    } catch (error) {
      deps.logger?.error({ err: error }, 'pruning delivered webhook deliveries failed; trying again in an hour');
    }
  };
  return startOutboxLoop({
    intervalMs: options.intervalMs,
    batchSize: options.batchSize ?? DEFAULT_BATCH_SIZE,
    pass: async () => {
      await prune();
      return dispatcher.dispatchOnce();
    },
    logger: deps.logger,
    messages: {
      failures: 'some webhook deliveries failed; see GET /v1/admin/webhooks/:id/deliveries',
      sent: 'webhook deliveries sent',
      passFailed: 'webhook dispatch failed; trying again at the next interval',
    },
  });
}
