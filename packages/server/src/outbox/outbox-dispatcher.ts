import type { Db, LeaseholdDatabase } from '@leasehold/db';
import type { FastifyBaseLogger } from 'fastify';

/** How a pass went: how many items it took, and how their attempts ended. */
export type PassSummary<Done extends string> = { attempted: number; retrying: number; failed: number } & Record<Done, number>;

/** An attempt ends done, pending again (a retry is scheduled) or failed for good. */
export type Outcome<Done extends string> = { status: Done | 'pending' | 'failed' };

export interface OutboxSteps<Item, O> {
  /** Takes due items so that no other pass, in this process or another, takes them too. Runs in a transaction. */
  claim(trx: Db): Promise<Item[]>;
  /** One attempt at one item. Answers the outcome rather than throwing. */
  send(item: Item): Promise<O>;
  /** Records the outcome; false when it was not this pass's to record (another took the item since). */
  record(trx: Db, item: Item, outcome: O): Promise<boolean>;
}

/**
 * One pass over an outbox (webhook deliveries, mail): claims the due items in one short transaction,
 * attempts them all at once outside any transaction, so a slow receiver holds no lock, then records
 * every outcome in a second transaction.
 */
export async function runOutboxPass<Item, Done extends string, O extends Outcome<Done>>(
  database: LeaseholdDatabase, done: Done, steps: OutboxSteps<Item, O>,
): Promise<PassSummary<Done>> {
  const claimed = await database.transaction((trx) => steps.claim(trx));
  const summary = { attempted: claimed.length, retrying: 0, failed: 0, [done]: 0 } as PassSummary<Done>;
  if (claimed.length === 0) return summary;
  const outcomes = await Promise.all(claimed.map(async (item) => ({ item, outcome: await steps.send(item) })));
  await database.transaction(async (trx) => {
    for (const { item, outcome } of outcomes) {
      if (!(await steps.record(trx, item, outcome))) continue;
      (summary as Record<string, number>)[outcome.status === 'pending' ? 'retrying' : outcome.status] += 1;
    }
  });
  return summary;
}

export interface RunningOutbox {
  /** Stops the timer and waits for a pass under way to finish. */
  stop(): Promise<void>;
}

/**
 * Runs `pass` every `intervalMs`, and at once again while passes take full batches. Failed attempts
 * are logged as a warning that says where to look; a pass that throws (the database away) is logged
 * and tried again at the next tick.
 */
export function startOutboxLoop(options: {
  intervalMs: number;
  batchSize: number;
  pass(): Promise<PassSummary<string>>;
  logger?: FastifyBaseLogger;
  /** What the log lines say: `failures` (with where to see them), `sent`, `passFailed`. */
  messages: { failures: string; sent: string; passFailed: string };
}): RunningOutbox {
  const { logger, messages } = options;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let stopped = false;

  const tick = async () => {
    timer = null;
    let again = false;
    try {
      const summary = await options.pass();
      again = summary.attempted >= options.batchSize;
      if (summary.retrying + summary.failed > 0) logger?.warn({ outbox: summary }, messages.failures);
      else if (summary.attempted > 0) logger?.debug({ outbox: summary }, messages.sent);
    } catch (error) {
      logger?.error({ err: error }, messages.passFailed);
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
