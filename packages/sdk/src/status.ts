import { matchFingerprint, type AnswerCode, type Drift, type Fingerprint, type LeaseClaims } from '@leasehold/core';
import { asLeaseClaims, LEASE_JWT_TYPE, type KeyRing } from './lease-verifier.ts';
import type { Refusal, StoredState } from './state-store.ts';

/** What the lease says, times in epoch milliseconds. */
export interface LeaseInfo {
  activationId: string;
  licenseId: string;
  customerId: string;
  product: string;
  feature: string;
  mode: 'node_locked' | 'floating';
  issuedAt: number;
  checkInDueAt: number;
  /** The offline grace ends here. */
  expiresAt: number;
  /** How many components may change while this is still the same computer. */
  tolerance: number;
  airGapped: boolean;
}

export type MustActivateReason =
  | 'not_activated'
  | 'deactivated'
  | 'released_on_exit'
  | 'lease_invalid'
  | 'lease_untrusted'
  | 'key_retired'
  | 'activation_not_found'
  | 'seat_lapsed';

/**
 * The answer to "may the app run?", decided offline from the signed lease. Switch on `status`;
 * `usable` says whether to let the user work; where the server decided, `code` is its answer code.
 */
export type LicenseStatus =
  | { status: 'licensed'; usable: true; detail: string; lease: LeaseInfo; drift?: Drift | null }
  | { status: 'check_in_due'; usable: true; detail: string; lease: LeaseInfo; graceLeftMs: number }
  | { status: 'offline'; usable: true; detail: string; lease: LeaseInfo; graceLeftMs: number; failures: number; lastError?: string; nextAttemptAt?: number }
  | { status: 'drifted'; usable: true; detail: string; lease: LeaseInfo; changed: string[]; added: string[] }
  | { status: 'fingerprint_mismatch'; usable: false; code: 'FINGERPRINT_MISMATCH'; detail: string; changed: string[]; tolerance: number }
  | { status: 'lease_expired'; usable: false; detail: string; lease: LeaseInfo; expiredAt: number }
  | { status: 'must_activate'; usable: false; reason: MustActivateReason; code?: AnswerCode | 'NOT_FOUND'; detail: string }
  | { status: 'reset_elsewhere'; usable: false; code: 'ACTIVATION_RELEASED'; detail: string; at: number }
  | { status: 'clock_rollback'; usable: false; detail: string; now: number; lastSeenAt: number }
  | { status: 'refused'; usable: false; code: AnswerCode; detail: string };

export type StatusName = LicenseStatus['status'];
export const STATUS_NAMES: readonly StatusName[] = [
  'licensed', 'check_in_due', 'offline', 'drifted', 'fingerprint_mismatch', 'lease_expired', 'must_activate', 'reset_elsewhere', 'clock_rollback', 'refused',
];

export interface StatusInput {
  state: StoredState | null;
  keys: KeyRing;
  product: string;
  /** This computer's component hashes now; null when they could not be computed (then not compared). */
  fingerprint: Fingerprint | null;
  /** This computer's clock plus the skew measured at the last contact with the server. */
  now: number;
  clockToleranceMs: number;
}

const iso = (at: number) => new Date(at).toISOString();

/** "3 days 4 hours", "12 minutes": for messages people read. */
export function formatDuration(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  const [d, h, m] = [Math.floor(minutes / 1440), Math.floor((minutes % 1440) / 60), minutes % 60];
  const part = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (d > 0) return h > 0 ? `${part(d, 'day')} ${part(h, 'hour')}` : part(d, 'day');
  if (h > 0) return m > 0 ? `${part(h, 'hour')} ${part(m, 'minute')}` : part(h, 'hour');
  return part(m, 'minute');
}

const ACTIVATE_DETAIL: Record<MustActivateReason, string> = {
  not_activated: 'This computer is not activated. Press ACTIVATE ONLINE and enter your customer number and registration key.',
  deactivated: 'This computer\'s license was given back. Activate again to use a free license.',
  released_on_exit: 'The floating seat was given back when the app last closed; starting the app takes one again.',
  lease_invalid: 'The stored license is damaged or was altered. Activate again with your customer details.',
  lease_untrusted: 'The stored license was not signed by a key this app trusts. Activate again with your customer details.',
  key_retired: 'The stored license was signed with a key the vendor has withdrawn. Connect this computer to the internet so the app can take a new license, or activate again.',
  activation_not_found: 'The license server no longer knows this computer\'s activation. Activate again with your customer details.',
  seat_lapsed: 'This floating seat was freed because no heartbeat arrived in time, and none is free now. Try again when another user closes the app.',
};

export function mustActivate(reason: MustActivateReason, code?: AnswerCode | 'NOT_FOUND', detail?: string): LicenseStatus {
  return { status: 'must_activate', usable: false, reason, ...(code ? { code } : {}), detail: detail ?? ACTIVATE_DETAIL[reason] };
}

function fromRefusal(refusal: Refusal): LicenseStatus {
  switch (refusal.code) {
    case 'ACTIVATION_RELEASED':
      return { status: 'reset_elsewhere', usable: false, code: 'ACTIVATION_RELEASED', detail: refusal.detail, at: refusal.at };
    case 'FINGERPRINT_MISMATCH':
      return { status: 'fingerprint_mismatch', usable: false, code: 'FINGERPRINT_MISMATCH', detail: refusal.detail, changed: refusal.mismatched ?? [], tolerance: refusal.tolerance ?? 0 };
    case 'NOT_FOUND':
      return mustActivate('activation_not_found', 'NOT_FOUND');
    case 'SEAT_LAPSED':
      return mustActivate('seat_lapsed', 'SEAT_LAPSED', refusal.detail);
    default:
      return { status: 'refused', usable: false, code: refusal.code, detail: refusal.detail };
  }
}

export function leaseInfo(claims: LeaseClaims, airGapped: boolean): LeaseInfo {
  return {
    activationId: claims.sub, licenseId: claims.lic, customerId: claims.cus, product: claims.prod, feature: claims.feat, mode: claims.mode,
    issuedAt: claims.iat * 1000, checkInDueAt: claims.chk * 1000, expiresAt: claims.exp * 1000, tolerance: claims.tol, airGapped,
  };
}

function rollback(now: number, lastSeenAt: number): LicenseStatus {
  return {
    status: 'clock_rollback', usable: false, now, lastSeenAt,
    detail: `This computer's clock says ${iso(now)}, earlier than ${iso(lastSeenAt)}, which it has already reached. Set the date and time correctly (automatically, if you can) and start the app again.`,
  };
}

/**
 * The offline verdict, as an ordered list of guards: the server's last refusal, the lease's presence,
 * the clock, the signature and product, expiry, this computer's components, then the check-in date.
 * Pure: no I/O, the time passed in.
 */
export function evaluateStatus(input: StatusInput): LicenseStatus {
  const { state, now, clockToleranceMs: tolerance } = input;
  if (!state) return mustActivate('not_activated');
  if (state.refusal) return fromRefusal(state.refusal);
  if (!state.lease) return mustActivate(state.releasedOnExit ? 'released_on_exit' : state.deactivatedAt ? 'deactivated' : 'not_activated');
  if (now + tolerance < state.lastSeenAt) return rollback(now, state.lastSeenAt);

  const verified = input.keys.verify(state.lease, LEASE_JWT_TYPE);
  if (!verified.ok) return mustActivate(verified.reason === 'unknown_key' ? 'lease_untrusted' : verified.reason === 'retired_key' ? 'key_retired' : 'lease_invalid');
  const claims = asLeaseClaims(verified.claims);
  if (!claims || claims.prod !== input.product || (state.activationId !== undefined && claims.sub !== state.activationId)) return mustActivate('lease_invalid');
  const lease = leaseInfo(claims, state.airGapped === true);
  if (now + tolerance < lease.issuedAt) return rollback(now, lease.issuedAt);
  if (now >= lease.expiresAt) {
    return {
      status: 'lease_expired', usable: false, lease, expiredAt: lease.expiresAt,
      detail: lease.airGapped
        ? `The license ended on ${iso(lease.expiresAt)}. Write a new activation request file and have it answered through the client portal.`
        : `The offline grace ended on ${iso(lease.expiresAt)}. Connect this computer to the internet so the app can check in with the license server.`,
    };
  }

  if (input.fingerprint) {
    const match = matchFingerprint(claims.fp, input.fingerprint, claims.tol);
    if (!match.same) {
      return {
        status: 'fingerprint_mismatch', usable: false, code: 'FINGERPRINT_MISMATCH', changed: match.changed, tolerance: claims.tol,
        detail: `This computer no longer matches the one the license was activated on: ${match.changed.length} components changed (${match.changed.join(', ')}), more than the ${claims.tol} allowed. Reset the license in the client portal or from the app, then activate again.`,
      };
    }
    if (match.changed.length > 0 || match.added.length > 0) {
      const names = [...match.changed, ...match.added];
      return {
        status: 'drifted', usable: true, lease, changed: match.changed, added: match.added,
        detail: `${names.length} hardware components changed since the last check-in (${names.join(', ')}), within the ${claims.tol} allowed. The app checks in now so they become the new baseline.`,
      };
    }
  }

  const graceLeftMs = lease.expiresAt - now;
  if (now >= lease.checkInDueAt) {
    if (state.failures > 0) {
      return {
        status: 'offline', usable: true, lease, graceLeftMs, failures: state.failures, lastError: state.lastError, nextAttemptAt: state.nextAttemptAt,
        detail: `The license server could not be reached; the app keeps working offline for ${formatDuration(graceLeftMs)} more (until ${iso(lease.expiresAt)}).`,
      };
    }
    return {
      status: 'check_in_due', usable: true, lease, graceLeftMs,
      detail: lease.airGapped
        ? `The license should be renewed: write a new activation request file. It keeps working for ${formatDuration(graceLeftMs)} more.`
        : `A check-in with the license server is due; the app keeps working offline for ${formatDuration(graceLeftMs)} more.`,
    };
  }
  return { status: 'licensed', usable: true, lease, detail: `Licensed; the next check-in is due on ${iso(lease.checkInDueAt)}.` };
}
