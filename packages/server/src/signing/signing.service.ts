import { sign, type KeyObject } from 'node:crypto';
import type { LeaseholdDatabase } from '@leasehold/db';
import type { Clock } from '../deps.ts';
import type { SecretBox } from '../encryption/secret-box.ts';
import { b64 } from './jws.ts';
import { listSigningKeys } from './signing-key.repository.ts';
import type { PublishedKeys } from '@leasehold/core';
import { activeSigningKeys, prepareKeys, privateKeyOf, publishedKeys } from './signing-keys.service.ts';

export { rotateSigningKey, retireSigningKey } from './signing-keys.service.ts';

export interface Signer {
  /** Signs claims as a JWS compact serialisation (EdDSA, Ed25519) with the current key's `kid`. */
  sign(claims: object, type?: string): string;
  /**
   * The same signature made on libuv's thread pool: the event loop goes on answering other requests
   * meanwhile. For the machine API's leases, the most frequent signature.
   */
  signOffThread(claims: object, type?: string): Promise<string>;
  /** The signing keys in use with their certificates, the root key, and the root-signed list of retired keys. */
  jwks(): Promise<PublishedKeys>;
}

/**
 * The signer of a running server. At start it prepares the keys (a root key, a certified signing
 * key, every private key sealed) and loads the newest signing key in use; it looks again once a
 * minute, so a rotation or retirement by another process is picked up.
 */
export async function createSigner(database: LeaseholdDatabase, clock: Clock, secrets: SecretBox, refreshMs = 60_000): Promise<Signer> {
  let current: { kid: string; key: KeyObject; headerB64: Map<string, string> } | null = null;
  let loadedAt = 0;
  // Every app reads the keys at every contact: they are signed once per look at the database, not per request.
  let published: Promise<PublishedKeys> | null = null;

  async function load(): Promise<void> {
    let newest = activeSigningKeys(await listSigningKeys(database.db))[0];
    if (!newest) {
      await prepareKeys(database, clock, secrets);
      newest = activeSigningKeys(await listSigningKeys(database.db))[0];
    }
    if (!newest) throw new Error('No signing key could be created in the database.');
    if (current?.kid !== newest.kid) current = { kid: newest.kid, key: privateKeyOf(newest, secrets), headerB64: new Map() };
    loadedAt = clock.now();
    published = null;
  }
  await prepareKeys(database, clock, secrets);
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
    jwks() {
      if (clock.now() - loadedAt > refreshMs) {
        loadedAt = clock.now();
        load().catch(() => undefined);
      }
      published ??= publishedKeys(database.db, secrets).catch((error: unknown) => {
        published = null;
        throw error;
      });
      return published;
    },
  };
}
