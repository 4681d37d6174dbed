import { JWS_TYPES, type KeyCertificateClaims, type PublishedKeys, type RetiredKeysClaims } from '@leasehold/core';
import { KeyRing, type Jwks, type PublicJwk } from './lease-verifier.ts';

/**
 * What the vendor builds into the app: `leasehold keys trusted` prints it. `roots` certify every
 * signing key the server will ever use (so rotation needs no new build); `keys` are signing keys
 * trusted as they are.
 */
export interface TrustedKeys {
  roots?: PublicJwk[];
  keys?: PublicJwk[];
}

/** A signing key as the state file keeps it: with the root key's certificate (none in development). */
export type StoredJwk = PublicJwk & { leasehold_cert?: string };

/** What the state file keeps of the keys; none of it is trusted before it is checked against the built-in keys. */
export interface StoredKeys {
  keys: StoredJwk[];
  /** The newest root-signed list of retired keys seen. */
  retiredKeys?: string;
}

export type TrustedKeysOption = TrustedKeys | Jwks | PublicJwk[];

function asTrustedKeys(option: TrustedKeysOption | undefined): TrustedKeys | null {
  if (!option) return null;
  if (Array.isArray(option)) return option.length > 0 ? { keys: option } : null;
  const roots = 'roots' in option ? (option.roots ?? []) : [];
  const keys = option.keys ?? [];
  return roots.length + keys.length > 0 ? { roots, keys } : null;
}

/**
 * Which keys this app trusts to sign its leases. With built-in keys: those signing keys, and the
 * keys a built-in root certified, less those the root's newest list retired. Nothing from the state
 * file or a server counts unless it checks out against a built-in key. Without built-in keys
 * (development only): whatever the server published at the first activation.
 */
export class KeyTrust {
  readonly developmentOnly: boolean;
  private readonly roots: KeyRing;
  private readonly builtIn: PublicJwk[];
  private cached: { signature: string; ring: KeyRing; retired: Set<string> } | null = null;

  constructor(option: TrustedKeysOption | undefined) {
    const trusted = asTrustedKeys(option);
    this.developmentOnly = trusted === null;
    this.roots = new KeyRing(trusted?.roots ?? []);
    this.builtIn = trusted?.keys ?? [];
  }

  /** The keys that verify leases now, given what the state file holds. */
  ring(stored: StoredKeys | null): KeyRing {
    const keys = stored?.keys ?? [];
    const signature = `${keys.map((k) => `${k.kid}:${k.x}:${k.leasehold_cert ?? ''}`).join(',')}|${stored?.retiredKeys ?? ''}`;
    if (this.cached?.signature !== signature) {
      const retired = this.retiredKeys(stored?.retiredKeys);
      const accepted = this.developmentOnly ? keys : [...this.builtIn, ...keys.filter((k) => this.certified(k))];
      this.cached = { signature, ring: new KeyRing(accepted, retired), retired };
    }
    return this.cached.ring;
  }

  /**
   * Takes what a server published into the state: the keys (in development, every key; otherwise
   * only certified ones) and a newer list of retired keys. Returns whether anything changed.
   */
  absorb(stored: StoredKeys, published: Partial<PublishedKeys>): boolean {
    let changed = false;
    const known = new Set(stored.keys.map((k) => k.kid));
    for (const key of published.keys ?? []) {
      if (!key || typeof key.kid !== 'string' || known.has(key.kid)) continue;
      if (!this.developmentOnly && !this.certified(key)) continue;
      if (new KeyRing([key]).size === 0) continue;
      stored.keys.push(this.developmentOnly ? publicPart(key) : { ...publicPart(key), leasehold_cert: key.leasehold_cert });
      known.add(key.kid);
      changed = true;
    }
    const list = published.leasehold_retired;
    if (typeof list === 'string' && list !== stored.retiredKeys) {
      const next = this.retiredList(list);
      const current = stored.retiredKeys ? this.retiredList(stored.retiredKeys) : null;
      if (next && (!current || next.iat >= current.iat)) {
        stored.retiredKeys = list;
        changed = true;
      }
    }
    return changed;
  }

  private certified(key: StoredJwk): boolean {
    if (typeof key.leasehold_cert !== 'string') return false;
    const verified = this.roots.verify<KeyCertificateClaims>(key.leasehold_cert, JWS_TYPES.keyCertificate);
    return verified.ok && verified.claims.sub === key.kid && verified.claims.x === key.x && verified.claims.crv === 'Ed25519';
  }

  private retiredList(jws: string): RetiredKeysClaims | null {
    const verified = this.roots.verify<RetiredKeysClaims>(jws, JWS_TYPES.retiredKeys);
    if (!verified.ok || !Array.isArray(verified.claims.retired) || typeof verified.claims.iat !== 'number') return null;
    return { retired: verified.claims.retired.filter((k): k is string => typeof k === 'string'), iat: verified.claims.iat };
  }

  private retiredKeys(jws: string | undefined): Set<string> {
    return new Set(jws ? (this.retiredList(jws)?.retired ?? []) : []);
  }
}

function publicPart(key: PublicJwk): PublicJwk {
  return { kty: key.kty, crv: key.crv, x: key.x, kid: key.kid, alg: 'EdDSA', use: 'sig' };
}
