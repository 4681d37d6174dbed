import { HOUR, MINUTE, SECOND } from '@leasehold/core';
import { backoffDelay } from '../outbox/outbox-retry.ts';

/** Wait after the nth failed attempt (index n-1); after the last one the delivery is failed. */
export const RETRY_DELAYS_MS = [30 * SECOND, 2 * MINUTE, 10 * MINUTE, HOUR, 6 * HOUR, 12 * HOUR, 24 * HOUR] as const;
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;

/**
 * When to try again after `attempts` failed attempts, or null when they are used up.
 * `random` is in [0, 1): 0 gives the shortest wait, values near 1 the longest.
 *
 * @example
 * retryDelay(1, 0.5) // => 30000
 */
export function retryDelay(attempts: number, random: number): number | null {
  return backoffDelay(RETRY_DELAYS_MS, attempts, random);
}
