import type SqliteDatabase from 'better-sqlite3';
import type { Kysely } from 'kysely';

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

interface Job {
  fn: (trx: Kysely<any>) => Promise<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/**
 * SQLite transactions with group commit. With synchronous=FULL each commit waits for an fsync of
 * the WAL, and better-sqlite3 waits on the event loop, so one commit at a time capped a server at
 * one transaction per fsync. Transactions that queue up while one runs go next, together, each as a
 * savepoint of one BEGIN IMMEDIATE … COMMIT: one fsync for all of them.
 *
 * Each transaction still runs alone with the write lock held from its start and sees the ones
 * before it; one that throws rolls back to its own savepoint; none resolves before the commit
 * that makes it durable, and if that commit fails, all of the batch reject.
 */
export function groupCommit<DB>(
  db: Kysely<DB>,
  native: SqliteDatabase.Database,
  { maxBatch = 64, maxBatchMs = 20, onAbort = () => {} }: { maxBatch?: number; maxBatchMs?: number; /** After any rollback, of one transaction or a batch. */ onAbort?: () => void } = {},
) {
  const queue: Job[] = [];
  // Transaction control runs on the connection Kysely lent for the batch, as prepared statements:
  // building each through Kysely cost more than running it, several times per transaction.
  const control = {
    begin: native.prepare('begin immediate'),
    savepoint: native.prepare('savepoint leasehold_tx'),
    release: native.prepare('release leasehold_tx'),
    rollbackTo: native.prepare('rollback to leasehold_tx'),
    commit: native.prepare('commit'),
    rollback: native.prepare('rollback'),
  };
  let draining = false;

  async function run(batch: Job[]): Promise<void> {
    const committed: { job: Job; value: unknown }[] = [];
    const unsettled = new Set(batch);
    try {
      await db.connection().execute(async (conn) => {
        control.begin.run();
        const started = performance.now();
        try {
          for (const [index, job] of batch.entries()) {
            // Other processes wait for the write lock while a batch holds it: past the time budget
            // (slow transactions), the rest go first in the next batch.
            if (index > 0 && performance.now() - started > maxBatchMs) {
              const later = batch.slice(index);
              for (const waiting of later) unsettled.delete(waiting);
              queue.unshift(...later);
              break;
            }
            control.savepoint.run();
            try {
              committed.push({ job, value: await job.fn(conn) });
              control.release.run();
            } catch (error) {
              // An I/O error or a full disk ends the whole transaction: nothing of the batch is kept.
              if (!native.inTransaction) throw error;
              if (committed.at(-1)?.job === job) committed.pop();
              control.rollbackTo.run();
              control.release.run();
              onAbort();
              unsettled.delete(job);
              job.reject(error);
            }
          }
          control.commit.run();
        } catch (error) {
          if (native.inTransaction) {
            try {
              control.rollback.run();
            } catch {
              // The transaction is gone already.
            }
          }
          onAbort();
          throw error;
        }
      });
    } catch (error) {
      for (const job of unsettled) job.reject(error);
      return;
    }
    for (const { job, value } of committed) job.resolve(value);
  }

  async function drain(): Promise<void> {
    draining = true;
    try {
      // Waiting for the event loop's next turn lets the requests that arrived meanwhile (the fsync
      // blocks the loop) reach their transaction first, so they share the next commit.
      for (await nextTurn(); queue.length > 0; await nextTurn()) await run(queue.splice(0, maxBatch));
    } finally {
      draining = false;
    }
  }

  return <T>(fn: (trx: Kysely<DB>) => Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      queue.push({ fn: fn as Job['fn'], resolve: resolve as Job['resolve'], reject });
      if (!draining) void drain();
    });
}
