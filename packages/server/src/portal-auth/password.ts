import { DomainError } from '@leasehold/core';
import argon2 from 'argon2';

// OWASP's argon2id baseline (19 MiB, 2 passes, 1 lane): tens of milliseconds per log-on, not hundreds.
const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/**
 * Argon2 runs on libuv's thread pool (UV_THREADPOOL_SIZE, 4 by default), which lease signing shares.
 * Two hashes at most leave at least two threads for signing, so a burst of log-ons or bogus links
 * slows other log-ons, never check-ins. Work beyond the cap waits its turn in order.
 */
export const MAX_CONCURRENT_PASSWORD_WORK = 2;

/**
 * Waiting beyond this is refused with 503 BUSY and Retry-After rather than held: at tens of
 * milliseconds per hash, 32 waiting is under a second's wait, and a flood should not pile up open
 * requests (and their memory) without end.
 */
export const MAX_WAITING_PASSWORD_WORK = 32;

/** Process-wide counts of argon2 work, for tests and metrics: `started` only grows. */
export const passwordWork = { started: 0, inFlight: 0, peakInFlight: 0 };

const waiting: Array<() => void> = [];

async function capped<T>(work: () => Promise<T>): Promise<T> {
  if (passwordWork.inFlight >= MAX_CONCURRENT_PASSWORD_WORK) {
    if (waiting.length >= MAX_WAITING_PASSWORD_WORK) {
      throw new DomainError('BUSY', 'The server has too many sign-ins to check at once. Wait a second and try again.', { retryAfterSeconds: 1 });
    }
    // The finishing task hands its slot over directly, so inFlight never drops and rises between.
    await new Promise<void>((resolve) => waiting.push(resolve));
  } else {
    passwordWork.inFlight += 1;
  }
  passwordWork.started += 1;
  passwordWork.peakInFlight = Math.max(passwordWork.peakInFlight, passwordWork.inFlight);
  try {
    return await work();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else passwordWork.inFlight -= 1;
  }
}

export function hashPassword(password: string): Promise<string> {
  return capped(() => argon2.hash(password, OPTIONS));
}

let dummyHash: Promise<string> | undefined;

/**
 * Checks a password against the stored hash. With no hash (no such user) it checks against a
 * throwaway one, so an unknown email takes as long to refuse as a wrong password.
 */
export async function passwordMatches(hash: string | null, password: string): Promise<boolean> {
  if (hash === null) {
    // A refused (BUSY) first hash must not stay cached as the answer.
    const dummy = await (dummyHash ??= hashPassword('not the password of anyone').catch((error: unknown) => {
      dummyHash = undefined;
      throw error;
    }));
    await capped(() => argon2.verify(dummy, password));
    return false;
  }
  // A malformed stored hash is a wrong password; BUSY from the cap is not, and goes to the caller.
  return capped(() => argon2.verify(hash, password).catch(() => false));
}
