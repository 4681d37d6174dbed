import { SECOND, iso } from '@leasehold/core';
import type { AppDeps } from '../deps.ts';
import { claimDueDeliveries, loadClaimedDeliveries, recordDeliveryOutcome, type ClaimedDelivery, type DeliveryOutcome } from './webhook-delivery.repository.ts';
import { retryDelay } from './webhook-retry.ts';
import { signatureHeader } from './webhook-signature.ts';

export interface DispatcherOptions {
  /** How long an endpoint has to answer. */
  timeoutMs?: number;
  /** Deliveries taken per pass, sent concurrently. */
  batchSize?: number;
  /** In [0, 1): the jitter of retry waits. Tests pass a fixed one. */
  random?: () => number;
}

export interface DispatchSummary {
  attempted: number;
  delivered: number;
  retrying: number;
  failed: number;
}

export const DEFAULT_WEBHOOK_TIMEOUT_MS = 10 * SECOND;
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

  constructor(private readonly deps: Pick<AppDeps, 'database' | 'clock'>, options: DispatcherOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_WEBHOOK_TIMEOUT_MS;
    this.batchSize = options.batchSize ?? 20;
    this.random = options.random ?? Math.random;
  }

  /** One pass over the due deliveries (or only `ids`, when due). */
  async dispatchOnce(ids?: string[]): Promise<DispatchSummary> {
    const { database } = this.deps;
    const now = this.deps.clock.now();
    // A delivery still `sending` after the timeout and a margin was left by a dispatcher that died.
    const leaseUntil = now + this.timeoutMs + 60 * SECOND;
    const claimed = await database.transaction(async (trx) => {
      const taken = await claimDueDeliveries(trx, database.dialect, now, leaseUntil, ids?.length ?? this.batchSize, ids);
      return loadClaimedDeliveries(trx, taken);
    });
    const outcomes = await Promise.all(claimed.map(async (delivery) => ({ delivery, outcome: await this.send(delivery) })));
    const summary: DispatchSummary = { attempted: claimed.length, delivered: 0, retrying: 0, failed: 0 };
    if (outcomes.length === 0) return summary;
    await database.transaction(async (trx) => {
      for (const { delivery, outcome } of outcomes) {
        if (!(await recordDeliveryOutcome(trx, delivery.id, delivery.attempts, outcome))) continue;
        summary[outcome.status === 'pending' ? 'retrying' : outcome.status] += 1;
      }
    });
    return summary;
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
      const response = await fetch(delivery.url, {
        method: 'POST',
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.timeoutMs),
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Leasehold-Webhooks/1',
          'leasehold-signature': signatureHeader(delivery.secret, timestamp, body),
          'leasehold-delivery-id': delivery.id,
          'idempotency-key': delivery.id,
          'leasehold-event-type': event.type,
        },
      });
      statusCode = response.status;
      if (response.ok) {
        await response.body?.cancel();
      } else {
        const text = (await response.text()).slice(0, ERROR_TEXT_LIMIT).trim();
        error = response.status >= 300 && response.status < 400
          ? `HTTP ${response.status}: redirects are not followed; give the endpoint's final URL.`
          : `HTTP ${response.status}${text ? `: ${text}` : ''}`;
      }
    } catch (cause) {
      error = describeFailure(cause, this.timeoutMs);
    }
    const now = this.deps.clock.now();
    if (error === null) return { status: 'delivered', nextAttemptAt: now, statusCode, error: null, deliveredAt: now };
    const wait = retryDelay(delivery.attempts, this.random());
    return wait === null
      ? { status: 'failed', nextAttemptAt: now, statusCode, error, deliveredAt: null }
      : { status: 'pending', nextAttemptAt: now + wait, statusCode, error, deliveredAt: null };
  }
}

function describeFailure(cause: unknown, timeoutMs: number): string {
  const error = cause as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (error?.name === 'TimeoutError' || error?.name === 'AbortError') return `No answer within ${timeoutMs / 1000} s.`;
  const detail = error?.cause?.code ?? error?.cause?.message ?? error?.message ?? String(cause);
  return `The request failed: ${detail}`.slice(0, ERROR_TEXT_LIMIT);
}

export interface RunningDispatcher {
  /** Stops the timer and waits for a pass under way to finish. */
  stop(): Promise<void>;
}

/**
 * Runs `dispatchOnce` every `intervalMs`, at once again while passes find full batches. A failed
 * pass (the database away) is logged and tried again at the next tick.
 */
export function startWebhookDispatcher(
  deps: Pick<AppDeps, 'database' | 'clock' | 'logger'>,
  options: DispatcherOptions & { intervalMs: number },
): RunningDispatcher {
  const dispatcher = new WebhookDispatcher(deps, options);
  const batchSize = options.batchSize ?? 20;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let stopped = false;

  const tick = async () => {
    timer = null;
    let again = false;
    try {
      const summary = await dispatcher.dispatchOnce();
      again = summary.attempted >= batchSize;
      if (summary.retrying + summary.failed > 0) deps.logger?.warn({ webhooks: summary }, 'some webhook deliveries failed; see GET /v1/admin/webhooks/:id/deliveries');
      else if (summary.attempted > 0) deps.logger?.debug({ webhooks: summary }, 'webhook deliveries sent');
    } catch (error) {
      deps.logger?.error({ err: error }, 'webhook dispatch failed; trying again at the next interval');
    }
    if (!stopped) schedule(again ? 0 : options.intervalMs);
  };
  const schedule = (delay: number) => {
    timer = setTimeout(() => {
      running = tick().finally(() => {
        running = null;
      });
    }, delay);
  };
  schedule(options.intervalMs);

  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
