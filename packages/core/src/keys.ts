import type { Fingerprint } from './types.ts';

/** An Ed25519 public key of the vendor's, as the server publishes it and apps build it in. */
export interface VendorPublicJwk {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  kid: string;
  alg: 'EdDSA';
  use: 'sig';
}

/** A signing key in use, with the root key's certificate of it (JWS, `JWS_TYPES.keyCertificate`). */
export type CertifiedJwk = VendorPublicJwk & { leasehold_cert: string };

/**
 * `/.well-known/jwks.json`: the signing keys in use (a plain JWKS to any JOSE library), the root
 * key that certifies them, and the root-signed list of retired keys (JWS, `JWS_TYPES.retiredKeys`).
 */
export interface PublishedKeys {
  keys: CertifiedJwk[];
  leasehold_root: VendorPublicJwk;
  leasehold_retired: string;
}

/** What `leasehold keys trusted` prints and the app builds in: the root key, and today's signing keys. */
export interface TrustedKeysDocument {
  roots: VendorPublicJwk[];
  keys: VendorPublicJwk[];
}

/** How a computer proves the seat it gives back is its own: either is enough, the secret first. */
export interface ComputerProof {
  /** The secret the activation answer gave this computer. */
  activationSecret?: string;
  /** This computer's components now. */
  fingerprint?: Fingerprint;
}
