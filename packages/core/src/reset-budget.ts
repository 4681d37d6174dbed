import type { Millis } from './time.ts';
import type { Policy } from './types.ts';

export interface ResetBudget {
  limit: number;
  used: number;
  remaining: number;
  windowDays: number;
  /** When the oldest counted reset in the window leaves it and one more becomes available; null if none is used. */
  nextRefillAt: Millis | null;
}

/**
 * The refilling reset budget of one license: `resetLimit` resets per rolling window. Only resets that
 * count (the customer's own, from the portal or the app) are passed in; staff resets never count.
 *
 * @example
 * resetBudget([now - 10 * DAY], policy, now) // => { limit: 3, used: 1, remaining: 2, nextRefillAt: now + 355 days, ... }
 */
export function resetBudget(countedResetTimes: Millis[], policy: Pick<Policy, 'resetLimit' | 'resetWindowSeconds'>, now: Millis): ResetBudget {
  const windowMs = policy.resetWindowSeconds * 1000;
  const inWindow = countedResetTimes.filter((at) => at > now - windowMs && at <= now).sort((a, b) => a - b);
  const used = inWindow.length;
  return {
    limit: policy.resetLimit,
    used,
    remaining: Math.max(0, policy.resetLimit - used),
    windowDays: Math.round(policy.resetWindowSeconds / 86400),
    nextRefillAt: used > 0 ? inWindow[0] + windowMs : null,
  };
}
