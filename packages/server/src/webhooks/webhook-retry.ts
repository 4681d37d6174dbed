import { HOUR, MINUTE, SECOND } from '@leasehold/core';

/** Wait after the nth failed attempt (index n-1); after the last one the delivery is failed. */
export const RETRY_DELAYS_MS = [30 * SECOND, 2 * MINUTE, 10 * MINUTE, HOUR, 6 * HOUR, 12 * HOUR, 24 * HOUR] as const;
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;
/** Each wait is its step ±20%, so endpoints that fail together do not get their retries together. */
export const JITTER = 0.2;

/**
 * When to try again after `attempts` failed attempts, or null when they are used up.
 * `random` is in [0, 1): 0 gives the shortest wait, values near 1 the longest.
 *
 * @example
 * retryDelay(1, 0.5) // => 30000
 */
export function retryDelay(attempts: number, random: number): number | null {
  if (attempts >= MAX_ATTEMPTS) return null;
  const base = RETRY_DELAYS_MS[Math.max(0, attempts - 1)];
  return Math.round(base * (1 - JITTER + 2 * JITTER * random));
}
