import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { JWS_TYPES, type CertifiedJwk, type LeaseClaims, type VendorPublicJwk } from '@leasehold/core';

/** An Ed25519 signer for unit tests and the benchmark, made the way the server makes its keys. */
export class TestSigner {
  readonly kid: string;
  readonly jwk: VendorPublicJwk;
  private readonly key: KeyObject;

  constructor() {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const x = (publicKey.export({ format: 'jwk' }) as { x: string }).x;
    this.kid = createHash('sha256').update(JSON.stringify({ crv: 'Ed25519', kty: 'OKP', x })).digest('base64url');
    this.jwk = { kty: 'OKP', crv: 'Ed25519', x, kid: this.kid, alg: 'EdDSA', use: 'sig' };
    this.key = privateKey;
  }

  sign(claims: object, typ = 'leasehold-lease+jwt', header: Record<string, unknown> = {}): string {
    const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const input = `${b64({ alg: 'EdDSA', typ, kid: this.kid, ...header })}.${b64(claims)}`;
    return `${input}.${sign(null, Buffer.from(input), this.key).toString('base64url')}`;
  }

  /** As a root key: `key`'s public JWK with this key's certificate of it, as the server publishes it. */
  certify(key: TestSigner, iat = Math.floor(Date.now() / 1000)): CertifiedJwk {
    return { ...key.jwk, leasehold_cert: this.sign({ sub: key.kid, crv: 'Ed25519', x: key.jwk.x, iat }, JWS_TYPES.keyCertificate) };
  }

  /** As a root key: the signed list of retired keys. */
  retire(kids: string[], iat = Math.floor(Date.now() / 1000)): string {
    return this.sign({ retired: kids, iat }, JWS_TYPES.retiredKeys);
  }
}

/** Lease claims as the server issues them: 3-day check-in, 14-day lease, tolerance 2. */
export function leaseClaimsAt(now: number, fp: Record<string, string>, overrides: Partial<LeaseClaims> = {}): LeaseClaims {
  const iat = Math.floor(now / 1000);
  return {
    iss: 'http://leasehold.test', sub: 'act_1', lic: 'lic_1', cus: 'cus_1', prod: 'clinic-desktop', feat: 'desktop', mode: 'node_locked',
    fp, tol: 2, iat, exp: iat + 14 * 86400, chk: iat + 3 * 86400, ...overrides,
  };
}
