import { DomainError, MINUTE } from '@leasehold/core';
import type { Db } from '@leasehold/db';
import { clearThrottle, countFailure, lockKey, readThrottles } from './throttle.repository.ts';

/**
 * Failed log-ons per key (an email, a customer number, a client address) within a 15-minute window:
 * after 5, every further attempt on the key is answered more slowly; the 10th locks the key for
 * 15 minutes, during which attempts are refused without checking the password.
 */
export const THROTTLE = {
  windowMs: 15 * MINUTE,
  slowAfter: 5,
  lockAfter: 10,
  lockMs: 15 * MINUTE,
  delayStepMs: 200,
  maxDelayMs: 2000,
} as const;

export type ThrottleKey = string;

export const throttleKeys = {
  email: (email: string): ThrottleKey => `email:${email.trim().toLowerCase()}`,
  customerNumber: (number: string): ThrottleKey => `customer:${number.trim().toUpperCase()}`,
  ip: (ip: string): ThrottleKey => `ip:${ip}`,
  staffEmail: (email: string): ThrottleKey => `staff:${email.trim().toLowerCase()}`,
};

export type LockedHint = 'password' | 'registration' | 'staff';

/** 429 LOGON_LOCKED with how long to wait, in the message and as `retryAfterSeconds`. */
export function logonLocked(retryAfterMs: number, hint: LockedHint): DomainError {
  const retryAfterSeconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  const minutes = Math.ceil(retryAfterSeconds / 60);
  const wait = `Wait ${minutes} minute${minutes === 1 ? '' : 's'} and try again`;
  const next = {
    password: `${wait}, or reset your password with "Forgot your password?".`,
    registration: `${wait}, or use "I don't know my registration details".`,
    staff: `${wait}, or ask an owner of the admin console to check your account.`,
  }[hint];
  return new DomainError('LOGON_LOCKED', `Too many failed log-ons. ${next}`, { retryAfterSeconds });
}

export function delayFor(failures: number): number {
  if (failures < THROTTLE.slowAfter) return 0;
  return Math.min(THROTTLE.maxDelayMs, (failures - THROTTLE.slowAfter + 1) * THROTTLE.delayStepMs);
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Refuses a locked key with 429 LOGON_LOCKED; otherwise waits as long as the worst key's failures ask. */
export async function admitAttempt(db: Db, keys: ThrottleKey[], now: number, hint: LockedHint): Promise<void> {
  const rows = await readThrottles(db, keys);
  const lockedUntil = Math.max(0, ...rows.map((r) => r.locked_until ?? 0));
  if (lockedUntil > now) throw logonLocked(lockedUntil - now, hint);
  const windowStart = now - THROTTLE.windowMs;
  const failures = Math.max(0, ...rows.filter((r) => r.first_failure_at >= windowStart).map((r) => r.failures));
  const delay = delayFor(failures);
  if (delay > 0) await pause(delay);
}

/**
 * Counts the failure on every key; answers true when one reached the limit and is now locked. The
 * caller commits the count, then answers 429 with `logonLocked(THROTTLE.lockMs, …)`.
 */
export async function recordFailure(db: Db, keys: ThrottleKey[], now: number): Promise<boolean> {
  let locked = false;
  for (const key of keys) {
    const failures = await countFailure(db, key, now, now - THROTTLE.windowMs);
    if (failures >= THROTTLE.lockAfter) {
      await lockKey(db, key, now + THROTTLE.lockMs);
      locked = true;
    }
  }
  return locked;
}

export async function clearFailures(db: Db, key: ThrottleKey): Promise<void> {
  await clearThrottle(db, key);
}
