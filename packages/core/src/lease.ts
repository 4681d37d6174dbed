import type { Millis } from './time.ts';
import type { Fingerprint, License, Policy, PolicyMode } from './types.ts';

/**
 * The claims of a signed lease: what the app may do offline and until when. Times are in seconds
 * since the epoch, as in JWT, so any JOSE library checks `exp` itself.
 */
export interface LeaseClaims {
  iss: string;
  /** The activation (the machine's assignment). */
  sub: string;
  lic: string;
  cus: string;
  prod: string;
  feat: string;
  mode: PolicyMode;
  /** The fingerprint component hashes the lease is bound to. */
  fp: Fingerprint;
  /** How many of `fp` may differ on this machine before it is another computer: the SDK decides offline with it. */
  tol: number;
  iat: number;
  /** The lease ends here: the offline grace. */
  exp: number;
  /** The next check-in is due here. */
  chk: number;
}

export interface LeaseInput {
  issuer: string;
  activationId: string;
  license: Pick<License, 'id' | 'customerId' | 'expiresAt'>;
  productCode: string;
  featureCode: string;
  policy: Pick<Policy, 'mode' | 'leaseSeconds' | 'checkInIntervalSeconds' | 'heartbeatSeconds' | 'fingerprintTolerance'>;
  fingerprint: Fingerprint;
}

/** The lease granted at `now`: it never outlives the license, and a floating seat's lease lasts one heartbeat window. */
export function leaseClaims(input: LeaseInput, now: Millis): LeaseClaims {
  const { policy } = input;
  const grace = policy.mode === 'floating' ? policy.heartbeatSeconds : policy.leaseSeconds;
  let expiresAt = now + grace * 1000;
  if (input.license.expiresAt !== null) expiresAt = Math.min(expiresAt, input.license.expiresAt);
  const interval = policy.mode === 'floating' ? Math.max(1, Math.floor(policy.heartbeatSeconds / 3)) : policy.checkInIntervalSeconds;
  const checkInDue = Math.min(expiresAt, now + interval * 1000);
  return {
    iss: input.issuer,
    sub: input.activationId,
    lic: input.license.id,
    cus: input.license.customerId,
    prod: input.productCode,
    feat: input.featureCode,
    mode: policy.mode,
    fp: input.fingerprint,
    tol: policy.fingerprintTolerance,
    iat: Math.floor(now / 1000),
    exp: Math.floor(expiresAt / 1000),
    chk: Math.floor(checkInDue / 1000),
  };
}

/**
 * The `typ` header of each kind of JWS the vendor's keys sign. Verifiers check it, so a signature
 * made for one kind never passes for another (a key certificate is not a lease).
 */
export const JWS_TYPES = {
  lease: 'leasehold-lease+jwt',
  offlineResponse: 'leasehold-offline-response+jwt',
  /** The root key's certificate of a signing key: {@link KeyCertificateClaims}. */
  keyCertificate: 'leasehold-key-certificate+jwt',
  /** The root key's list of retired signing keys: {@link RetiredKeysClaims}. */
  retiredKeys: 'leasehold-retired-keys+jwt',
} as const;

/** What the root key certifies: this Ed25519 public key (`x`) with this key id (`sub`) signs for the vendor. */
export interface KeyCertificateClaims {
  sub: string;
  crv: 'Ed25519';
  x: string;
  iat: number;
}

/** The signing keys the vendor withdrew, dated by the latest retirement (seconds); a later list replaces an earlier one. */
export interface RetiredKeysClaims {
  retired: string[];
  iat: number;
}
