import type { LicenseStatus } from './status.ts';
import type { StoredState } from './state-store.ts';

export const RETRY_FIRST_MS = 30_000;
export const RETRY_MAX_MS = 60 * 60_000;
/** The timer wakes at least this often, so a sleeping laptop or a changed clock is noticed. */
export const MAX_SLEEP_MS = 60 * 60_000;

/**
 * How long to wait after the n-th check-in in a row that could not reach the server: doubling from
 * 30 seconds up to an hour, with ±20% jitter so a site's computers do not retry in step.
 */
export function retryDelayMs(failures: number, random: () => number = Math.random): number {
  const base = Math.min(RETRY_MAX_MS, RETRY_FIRST_MS * 2 ** Math.max(0, failures - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}

/** Statuses the server should hear about: it may renew, re-baseline or refuse. */
const CONTACT: ReadonlySet<LicenseStatus['status']> = new Set(['check_in_due', 'offline', 'drifted', 'fingerprint_mismatch', 'lease_expired']);

/** When the running app should next contact the server, or null when there is nothing to contact it about. */
export function nextContactAt(status: LicenseStatus, state: StoredState | null, now: number): number | null {
  if (!state?.credentials || state.airGapped) return null;
  if (status.status === 'licensed') return status.lease.checkInDueAt;
  if (!CONTACT.has(status.status)) return null;
  return Math.max(now, state.nextAttemptAt ?? now);
}
