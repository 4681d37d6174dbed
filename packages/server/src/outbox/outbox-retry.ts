/** Each wait is its step ±20%, so items that fail together do not get their retries together. */
export const JITTER = 0.2;

/**
 * When to try again after `attempts` failed attempts, from a schedule of waits (the wait after the
 * nth failure at index n-1), or null once the schedule is used up: `schedule.length + 1` attempts
 * in all. `random` is in [0, 1): 0 gives the shortest wait, values near 1 the longest.
 *
 * @example
 * backoffDelay([60_000, 300_000], 2, 0.5) // => 300000
 */
export function backoffDelay(schedule: readonly number[], attempts: number, random: number): number | null {
  if (attempts > schedule.length) return null;
  const base = schedule[Math.max(0, attempts - 1)];
  return Math.round(base * (1 - JITTER + 2 * JITTER * random));
}

/** After a failed attempt: pending again after the schedule's wait, or failed for good once it is used up. */
export function afterFailure(schedule: readonly number[], attempts: number, random: number, now: number): { status: 'pending' | 'failed'; nextAttemptAt: number } {
  const wait = backoffDelay(schedule, attempts, random);
  return wait === null ? { status: 'failed', nextAttemptAt: now } : { status: 'pending', nextAttemptAt: now + wait };
}
