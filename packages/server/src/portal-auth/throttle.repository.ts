import type { Db, LoginThrottleTable } from '@leasehold/db';
import { sql } from 'kysely';

export async function readThrottles(db: Db, keys: string[]): Promise<LoginThrottleTable[]> {
  if (keys.length === 0) return [];
  const rows = await db.selectFrom('login_throttle').selectAll().where('key', 'in', keys).execute();
  return rows.map((r) => ({ ...r, failures: Number(r.failures), first_failure_at: Number(r.first_failure_at), locked_until: r.locked_until === null ? null : Number(r.locked_until) }));
}

/**
 * Counts one failure of the key in one statement, so concurrent failures all count. A count whose
 * first failure is older than `windowStart` starts again at 1. Answers the count after this one.
 */
export async function countFailure(db: Db, key: string, now: number, windowStart: number): Promise<number> {
  const stale = sql<boolean>`login_throttle.first_failure_at < ${windowStart}`;
  const row = await db
    .insertInto('login_throttle')
    .values({ key, failures: 1, first_failure_at: now, locked_until: null })
    .onConflict((oc) => oc.column('key').doUpdateSet({
      failures: sql<number>`case when ${stale} then 1 else login_throttle.failures + 1 end`,
      first_failure_at: sql<number>`case when ${stale} then ${now} else login_throttle.first_failure_at end`,
      locked_until: sql<number | null>`case when ${stale} then null else login_throttle.locked_until end`,
    }))
    .returning('failures')
    .executeTakeFirstOrThrow();
  return Number(row.failures);
}

export async function lockKey(db: Db, key: string, until: number): Promise<void> {
  await db.updateTable('login_throttle').set({ locked_until: until }).where('key', '=', key).execute();
}

export async function clearThrottle(db: Db, key: string): Promise<void> {
  await db.deleteFrom('login_throttle').where('key', '=', key).execute();
}
