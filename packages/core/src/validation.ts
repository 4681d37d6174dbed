import { matchFingerprint } from './fingerprint.ts';
import { isSeatHeld } from './seats.ts';
import { iso, type Millis } from './time.ts';
import type { Assignment, Customer, Fingerprint, License, Policy } from './types.ts';

export type Drift = { changed: string[]; added: string[] };

export type ValidationResult =
  | { valid: true; code: 'VALID'; detail: string; drift: Drift | null }
  | { valid: false; code: 'CUSTOMER_SUSPENDED' | 'LICENSE_SUSPENDED' | 'LICENSE_CANCELLED'; detail: string }
  | { valid: false; code: 'LICENSE_EXPIRED'; detail: string; expiredAt: Millis }
  | { valid: false; code: 'LICENSE_NOT_STARTED'; detail: string; startsAt: Millis }
  | { valid: false; code: 'ACTIVATION_RELEASED'; detail: string; releasedAt: Millis }
  | { valid: false; code: 'SEAT_LAPSED'; detail: string; lapsedAt: Millis }
  | { valid: false; code: 'FINGERPRINT_MISMATCH'; detail: string; mismatched: string[]; tolerance: number }
  | { valid: false; code: 'TOO_FEW_COMPONENTS'; detail: string; presented: number; required: number };

export type Invalid = Extract<ValidationResult, { valid: false }>;

/** Whether the license itself grants use at `now`, before any machine is considered. */
export function validateLicense(customer: Pick<Customer, 'status'>, license: License, now: Millis): Invalid | null {
  if (customer.status === 'suspended') {
    return { valid: false, code: 'CUSTOMER_SUSPENDED', detail: 'This customer account is suspended. Contact the vendor to restore it.' };
  }
  if (license.status === 'suspended') {
    return { valid: false, code: 'LICENSE_SUSPENDED', detail: 'This license is suspended. Contact the vendor to resume it.' };
  }
  if (license.status === 'cancelled') {
    return { valid: false, code: 'LICENSE_CANCELLED', detail: 'This license was cancelled. Use another license or buy a new one.' };
  }
  if (license.startsAt > now) {
    return { valid: false, code: 'LICENSE_NOT_STARTED', detail: `This license starts on ${iso(license.startsAt)}.`, startsAt: license.startsAt };
  }
  if (license.expiresAt !== null && license.expiresAt <= now) {
    return { valid: false, code: 'LICENSE_EXPIRED', detail: `This license expired on ${iso(license.expiresAt)}. Renew it to keep using the product.`, expiredAt: license.expiresAt };
  }
  return null;
}

/** Whether a presented fingerprint has enough components to tell this machine from others. */
export function checkComponentCount(presented: Fingerprint, policy: Pick<Policy, 'minComponents'>): Invalid | null {
  const count = Object.keys(presented).length;
  if (count >= policy.minComponents) return null;
  return {
    valid: false,
    code: 'TOO_FEW_COMPONENTS',
    detail: `This computer reported ${count} hardware components; at least ${policy.minComponents} are needed to recognise it. Virtual machines and containers often hide them: run the app on the machine itself or ask the vendor for a floating license.`,
    presented: count,
    required: policy.minComponents,
  };
}

export interface ActivationScope {
  customer: Pick<Customer, 'status'>;
  /** The components the machine presents now; omitted for a read that does not identify the machine. */
  presented?: Fingerprint;
  /** The stored components of the activation. */
  stored: Fingerprint;
}

/** What a VALID answer says of components that changed within the tolerance: a check-in makes them the baseline, a validation only reports them. */
export function driftDetail(changed: string[], tolerance: number, rebaselined: boolean): string {
  return `The license is valid on this computer. ${changed.length} hardware components changed (${changed.join(', ') || 'none'}), within the ${tolerance} allowed; ${rebaselined ? 'they are the new baseline' : 'the next check-in makes them the new baseline'}.`;
}

/**
 * Whether an activation grants use at `now`: an ordered list of guards, the first that fails answers.
 * Within the fingerprint tolerance the answer is VALID and `drift` names the components that changed,
 * so the caller re-baselines the stored fingerprint and records the drift.
 *
 * @example
 * const result = validateActivation(license, policy, assignment, { customer, stored, presented }, now);
 * if (!result.valid && result.code === 'FINGERPRINT_MISMATCH') console.log(result.mismatched);
 */
export function validateActivation(
  license: License,
  policy: Policy,
  assignment: Pick<Assignment, 'releasedAt' | 'heldUntil'>,
  scope: ActivationScope,
  now: Millis,
): ValidationResult {
  const licenseProblem = validateLicense(scope.customer, license, now);
  if (licenseProblem) return licenseProblem;

  if (assignment.releasedAt !== null) {
    return {
      valid: false,
      code: 'ACTIVATION_RELEASED',
      detail: 'This computer\'s license was reset or deactivated. Activate again with your customer details to use a free license.',
      releasedAt: assignment.releasedAt,
    };
  }
  if (!isSeatHeld(assignment, now)) {
    return {
      valid: false,
      code: 'SEAT_LAPSED',
      detail: 'This floating seat was freed because no heartbeat arrived in time. Activate again to take a free seat.',
      lapsedAt: assignment.heldUntil ?? now,
    };
  }
  if (!scope.presented) return { valid: true, code: 'VALID', detail: 'The license is valid on this computer.', drift: null };

  const tooFew = checkComponentCount(scope.presented, policy);
  if (tooFew) return tooFew;

  const match = matchFingerprint(scope.stored, scope.presented, policy.fingerprintTolerance);
  if (!match.same) {
    return {
      valid: false,
      code: 'FINGERPRINT_MISMATCH',
      detail: `This computer no longer matches the one the license was activated on: ${match.changed.length} components changed (${match.changed.join(', ')}), more than the ${policy.fingerprintTolerance} allowed. Reset the license in the client portal or from the app, then activate again.`,
      mismatched: match.changed,
      tolerance: policy.fingerprintTolerance,
    };
  }
  const drifted = match.changed.length > 0 || match.added.length > 0;
  return {
    valid: true,
    code: 'VALID',
    detail: drifted
      ? driftDetail(match.changed, policy.fingerprintTolerance, false)
      : 'The license is valid on this computer.',
    drift: drifted ? { changed: match.changed, added: match.added } : null,
  };
}
