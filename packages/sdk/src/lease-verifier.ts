import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { JWS_TYPES, type LeaseClaims } from '@leasehold/core';

export const LEASE_JWT_TYPE = JWS_TYPES.lease;
export const OFFLINE_RESPONSE_JWT_TYPE = JWS_TYPES.offlineResponse;

/** A public key as the server publishes it in /.well-known/jwks.json. */
export interface PublicJwk {
  kty: string;
  crv?: string;
  x?: string;
  kid?: string;
  alg?: string;
  use?: string;
}

export interface Jwks {
  keys: PublicJwk[];
}

export type Verified<T> = { ok: true; kid: string; claims: T } | { ok: false; reason: 'malformed' | 'unknown_key' | 'retired_key' | 'bad_signature'; kid?: string };

const SEGMENT = /^[A-Za-z0-9_-]+$/;

function decodeJson(segment: string): Record<string, unknown> | null {
  try {
    const value = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8')) as unknown;
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * The Ed25519 keys this app trusts, by key id. Verification is JWS compact with alg EdDSA only (no
 * "none", no algorithm from the token is ever trusted), the expected `typ`, and no `crit` header.
 */
export class KeyRing {
  private readonly keys = new Map<string, { jwk: PublicJwk; key: KeyObject }>();

  /** `retired`: key ids the vendor withdrew; what they signed no longer verifies. */
  constructor(jwks: Iterable<PublicJwk> = [], private readonly retired: ReadonlySet<string> = new Set()) {
    for (const jwk of jwks) this.add(jwk);
  }

  /** Adds an Ed25519 public key; anything else (or a key with a private part) is ignored. Returns whether it was new. */
  add(jwk: PublicJwk): boolean {
    if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string' || typeof jwk.kid !== 'string' || 'd' in jwk) return false;
    if (this.keys.has(jwk.kid) || this.retired.has(jwk.kid)) return false;
    const clean: PublicJwk = { kty: 'OKP', crv: 'Ed25519', x: jwk.x, kid: jwk.kid, alg: 'EdDSA', use: 'sig' };
    try {
      this.keys.set(jwk.kid, { jwk: clean, key: createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: jwk.x }, format: 'jwk' }) });
      return true;
    } catch {
      return false;
    }
  }

  get size(): number {
    return this.keys.size;
  }

  toJwks(): PublicJwk[] {
    return [...this.keys.values()].map((k) => k.jwk);
  }

  verify<T = Record<string, unknown>>(jws: string, type: string): Verified<T> {
    const parts = jws.trim().split('.');
    if (parts.length !== 3 || !parts.every((p) => SEGMENT.test(p))) return { ok: false, reason: 'malformed' };
    const header = decodeJson(parts[0]);
    if (!header || header.alg !== 'EdDSA' || header.typ !== type || 'crit' in header || typeof header.kid !== 'string') return { ok: false, reason: 'malformed' };
    const entry = this.keys.get(header.kid);
    if (!entry) return { ok: false, reason: this.retired.has(header.kid) ? 'retired_key' : 'unknown_key', kid: header.kid };
    const signature = Buffer.from(parts[2], 'base64url');
    if (signature.length !== 64 || !verify(null, Buffer.from(`${parts[0]}.${parts[1]}`), entry.key, signature)) {
      return { ok: false, reason: 'bad_signature', kid: header.kid };
    }
    const claims = decodeJson(parts[1]);
    return claims ? { ok: true, kid: header.kid, claims: claims as T } : { ok: false, reason: 'malformed', kid: header.kid };
  }
}

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

/** The claims of a verified lease, or null when any is missing or of the wrong kind. */
export function asLeaseClaims(claims: Record<string, unknown>): LeaseClaims | null {
  const { sub, lic, cus, prod, feat, mode, fp, iat, exp, chk } = claims;
  const tol = claims.tol ?? 0;
  if (![sub, lic, cus, prod, feat].every(isText) || (mode !== 'node_locked' && mode !== 'floating')) return null;
  if (![iat, exp, chk, tol].every(isNumber)) return null;
  if (!fp || typeof fp !== 'object' || Array.isArray(fp) || !Object.values(fp).every(isText)) return null;
  return { ...(claims as unknown as LeaseClaims), tol: tol as number };
}
