import type { Millis } from './time.ts';
import type { Assignment, Policy } from './types.ts';

/** Whether an assignment still occupies its slot: not released and, for floating seats, heartbeats still arriving. */
export function isSeatHeld(assignment: Pick<Assignment, 'releasedAt' | 'heldUntil'>, now: Millis): boolean {
  if (assignment.releasedAt !== null) return false;
  return assignment.heldUntil === null || assignment.heldUntil > now;
}

/** Until when a seat is held after a check-in or heartbeat at `now`. */
export function heldUntilAfterCheckIn(policy: Pick<Policy, 'mode' | 'heartbeatSeconds'>, now: Millis): Millis | null {
  return policy.mode === 'floating' ? now + policy.heartbeatSeconds * 1000 : null;
}
