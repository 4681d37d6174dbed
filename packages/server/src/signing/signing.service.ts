import { createHash, createPrivateKey, generateKeyPairSync, sign, type JsonWebKey, type KeyObject } from 'node:crypto';
import type { LeaseholdDatabase } from '@leasehold/db';
import type { Clock } from '../deps.ts';
import { insertEvent, type Actor } from '../events/event.repository.ts';
import { insertSigningKey, listSigningKeys } from './signing-key.repository.ts';

export interface PublicJwk {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  kid: string;
  alg: 'EdDSA';
  use: 'sig';
}

export interface Signer {
  /** Signs claims as a JWS compact serialisation (EdDSA, Ed25519) with the current key's `kid`. */
  sign(claims: object, type?: string): string;
  /**
   * The same signature made on libuv's thread pool: the event loop goes on answering other requests
   * meanwhile. For the machine API's leases, the most frequent signature.
   */
  signOffThread(claims: object, type?: string): Promise<string>;
  /** Every published public key, newest first: old keys stay so leases they signed still verify. */
  jwks(): Promise<{ keys: PublicJwk[] }>;
}

/** RFC 7638 thumbprint: the key id is derived from the key, so it is stable wherever it is computed. */
function thumbprint(x: string): string {
  return createHash('sha256').update(JSON.stringify({ crv: 'Ed25519', kty: 'OKP', x })).digest('base64url');
}

export function generateSigningKey(now: number) {
  const { privateKey } = generateKeyPairSync('ed25519');
  const jwk = privateKey.export({ format: 'jwk' }) as JsonWebKey & { x: string };
  const kid = thumbprint(jwk.x);
  const publicJwk: PublicJwk = { kty: 'OKP', crv: 'Ed25519', x: jwk.x, kid, alg: 'EdDSA', use: 'sig' };
  return { kid, privateJwk: JSON.stringify(jwk), publicJwk: JSON.stringify(publicJwk), createdAt: now, retiredAt: null };
}

/** Adds a new signing key; it signs from now on and the older ones stay published. */
export async function rotateSigningKey(database: LeaseholdDatabase, clock: Clock, actor: Actor): Promise<string> {
  const now = clock.now();
  const key = generateSigningKey(now);
  await database.transaction(async (trx) => {
    await insertSigningKey(trx, key);
    await insertEvent(trx, { customerId: null, type: 'signing_key.created', actor, subjectType: 'signing_key', subjectId: key.kid }, now);
  });
  return key.kid;
}

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * The signer of a running server. It loads the newest key at start (creating the first one on an
 * empty database) and looks again once a minute, so a rotation by another process is picked up.
 */
export async function createSigner(database: LeaseholdDatabase, clock: Clock, refreshMs = 60_000): Promise<Signer> {
  let current: { kid: string; key: KeyObject; headerB64: Map<string, string> } | null = null;
  let loadedAt = 0;

  async function load(): Promise<void> {
    let keys = await listSigningKeys(database.db);
    if (keys.length === 0) {
      await rotateSigningKey(database, clock, { type: 'system', id: null }).catch(() => undefined);
      keys = await listSigningKeys(database.db);
    }
    const newest = keys.find((k) => k.retiredAt === null) ?? keys[0];
    if (!newest) throw new Error('No signing key could be created in the database.');
    if (current?.kid !== newest.kid) {
      current = { kid: newest.kid, key: createPrivateKey({ key: JSON.parse(newest.privateJwk), format: 'jwk' }), headerB64: new Map() };
    }
    loadedAt = clock.now();
  }
  await load();

  /** The key to sign with and the JWS signing input of the claims. */
  function signingInput(claims: object, type: string) {
    if (clock.now() - loadedAt > refreshMs) {
      loadedAt = clock.now();
      load().catch(() => undefined);
    }
    const signer = current!;
    let header = signer.headerB64.get(type);
    if (!header) signer.headerB64.set(type, (header = b64({ alg: 'EdDSA', typ: type, kid: signer.kid })));
    return { key: signer.key, input: `${header}.${b64(claims)}` };
  }

  return {
    sign(claims, type = 'JWT') {
      const { key, input } = signingInput(claims, type);
      return `${input}.${sign(null, Buffer.from(input), key).toString('base64url')}`;
    },
    signOffThread(claims, type = 'JWT') {
      const { key, input } = signingInput(claims, type);
      return new Promise((resolve, reject) => {
        sign(null, Buffer.from(input), key, (error, signature) => (error ? reject(error) : resolve(`${input}.${signature.toString('base64url')}`)));
      });
    },
    async jwks() {
      const keys = await listSigningKeys(database.db);
      return { keys: keys.map((k) => JSON.parse(k.publicJwk) as PublicJwk) };
    },
  };
}
