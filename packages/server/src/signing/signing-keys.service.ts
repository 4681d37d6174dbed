import { createPrivateKey, generateKeyPairSync, type JsonWebKey, type KeyObject } from 'node:crypto';
import { DomainError, type PublishedKeys, type TrustedKeysDocument, type VendorPublicJwk as PublicJwk } from '@leasehold/core';
import type { Db, LeaseholdDatabase } from '@leasehold/db';
import type { Clock } from '../deps.ts';
import { SEALED, sealContext } from '../encryption/sealed-columns.ts';
import type { SecretBox } from '../encryption/secret-box.ts';
import { insertEvent, SYSTEM_ACTOR, type Actor } from '../events/event.repository.ts';
import { compactJws, KEY_CERTIFICATE_TYPE, RETIRED_KEYS_TYPE, thumbprint } from './jws.ts';
import { findSigningKey, insertSigningKey, listSigningKeys, updateSigningKey, type KeyRole, type SigningKeyRow } from './signing-key.repository.ts';

const keyContext = (kid: string) => sealContext(SEALED.signingKey, kid);

function newKeyRow(role: KeyRole, secrets: SecretBox, now: number): { row: SigningKeyRow; key: KeyObject } {
  const { privateKey } = generateKeyPairSync('ed25519');
  const jwk = privateKey.export({ format: 'jwk' }) as JsonWebKey & { x: string };
  const kid = thumbprint(jwk.x);
  const publicJwk: PublicJwk = { kty: 'OKP', crv: 'Ed25519', x: jwk.x, kid, alg: 'EdDSA', use: 'sig' };
  return {
    row: { kid, role, privateJwk: secrets.seal(JSON.stringify(jwk), keyContext(kid)), publicJwk: JSON.stringify(publicJwk), certificate: null, createdAt: now, retiredAt: null },
    key: privateKey,
  };
}

/** The private key of a row, opened with the master key. */
export function privateKeyOf(row: SigningKeyRow, secrets: SecretBox): KeyObject {
  return createPrivateKey({ key: JSON.parse(secrets.open(row.privateJwk, keyContext(row.kid))), format: 'jwk' });
}

function certify(root: { kid: string; key: KeyObject }, publicJwk: string, now: number): string {
  const { kid, x } = JSON.parse(publicJwk) as PublicJwk;
  return compactJws(root.key, root.kid, KEY_CERTIFICATE_TYPE, { sub: kid, crv: 'Ed25519', x, iat: Math.floor(now / 1000) });
}

/** The root key: the oldest, so processes that raced to create one agree on it. */
function rootOf(keys: SigningKeyRow[]): SigningKeyRow | undefined {
  return keys.filter((k) => k.role === 'root').sort((a, b) => a.createdAt - b.createdAt || a.kid.localeCompare(b.kid))[0];
}

/** Signing keys in use, newest first. */
export function activeSigningKeys(keys: SigningKeyRow[]): SigningKeyRow[] {
  return keys.filter((k) => k.role === 'signing' && k.retiredAt === null);
}

async function loadRoot(db: Db, secrets: SecretBox): Promise<{ kid: string; key: KeyObject }> {
  const root = rootOf(await listSigningKeys(db));
  if (!root) throw new Error('No root key: start the server once to create it.');
  return { kid: root.kid, key: privateKeyOf(root, secrets) };
}

async function addSigningKey(trx: Db, secrets: SecretBox, now: number, actor: Actor): Promise<string> {
  const root = await loadRoot(trx, secrets);
  const { row } = newKeyRow('signing', secrets, now);
  await insertSigningKey(trx, { ...row, certificate: certify(root, row.publicJwk, now) });
  await insertEvent(trx, { customerId: null, type: 'signing_key.created', actor, subjectType: 'signing_key', subjectId: row.kid }, now);
  return row.kid;
}

/**
 * Brings the keys to what a running server needs, at every start: a root key, a certificate by the
 * root on every signing key in use, and one signing key at least. Private keys an older version kept
 * in plaintext are sealed before this, by the start-up step that seals every secret
 * (`sealPlaintextSecrets`).
 */
export async function prepareKeys(database: LeaseholdDatabase, clock: Clock, secrets: SecretBox): Promise<void> {
  const now = clock.now();
  await database.transaction(async (trx) => {
    let keys = await listSigningKeys(trx);
    if (!rootOf(keys)) {
      const { row } = newKeyRow('root', secrets, now);
      await insertSigningKey(trx, row);
      await insertEvent(trx, { customerId: null, type: 'signing_key.created', actor: SYSTEM_ACTOR, subjectType: 'signing_key', subjectId: row.kid, data: { role: 'root' } }, now);
      keys = await listSigningKeys(trx);
    }
    const root = rootOf(keys)!;
    const rootKey = { kid: root.kid, key: privateKeyOf(root, secrets) };
    for (const key of activeSigningKeys(keys)) {
      if (!key.certificate || !key.certificate.startsWith(certificateHeader(root.kid))) await updateSigningKey(trx, key.kid, { certificate: certify(rootKey, key.publicJwk, now) });
    }
    if (activeSigningKeys(keys).length === 0) await addSigningKey(trx, secrets, now, SYSTEM_ACTOR);
  });
}

const certificateHeader = (rootKid: string) => Buffer.from(JSON.stringify({ alg: 'EdDSA', typ: KEY_CERTIFICATE_TYPE, kid: rootKid })).toString('base64url');

/** Adds a new signing key, certified by the root key; it signs from now on and the older ones stay published. */
export async function rotateSigningKey(database: LeaseholdDatabase, clock: Clock, secrets: SecretBox, actor: Actor): Promise<string> {
  return database.transaction((trx) => addSigningKey(trx, secrets, clock.now(), actor));
}

/**
 * Stops signing with a key and publishing it; apps drop leases it signed at their next contact with
 * the server (the root key signs the list of retired keys). Retiring the key in use first adds its
 * successor, so signing goes on.
 */
export async function retireSigningKey(database: LeaseholdDatabase, clock: Clock, secrets: SecretBox, kid: string, actor: Actor): Promise<{ retired: string; signing: string }> {
  const now = clock.now();
  return database.transaction(async (trx) => {
    const key = await findSigningKey(trx, kid);
    if (!key) throw new DomainError('NOT_FOUND', `No key has the id ${kid}. \`leasehold keys list\` shows the keys and their ids.`);
    if (key.role === 'root') {
      throw new DomainError('INVALID_STATE', 'The root key cannot be retired: apps are built to trust it. Retire the signing keys it certified instead; replacing the root key needs a new build of the app.');
    }
    if (key.retiredAt !== null) throw new DomainError('INVALID_STATE', `Key ${kid} was already retired.`);
    await updateSigningKey(trx, kid, { retiredAt: now });
    await insertEvent(trx, { customerId: null, type: 'signing_key.retired', actor, subjectType: 'signing_key', subjectId: kid }, now);
    const active = activeSigningKeys(await listSigningKeys(trx));
    const signing = active[0]?.kid ?? (await addSigningKey(trx, secrets, now, actor));
    return { retired: kid, signing };
  });
}

/** The JWKS the server publishes. The retired list is dated by the latest retirement, so it is the same until the next one. */
export async function publishedKeys(db: Db, secrets: SecretBox): Promise<PublishedKeys> {
  const keys = await listSigningKeys(db);
  const root = rootOf(keys);
  if (!root) throw new Error('No root key: start the server once to create it.');
  const retired = keys.filter((k) => k.role === 'signing' && k.retiredAt !== null);
  const retiredAt = Math.max(0, ...retired.map((k) => k.retiredAt!));
  const list = compactJws(privateKeyOf(root, secrets), root.kid, RETIRED_KEYS_TYPE, { retired: retired.map((k) => k.kid).sort(), iat: Math.floor(retiredAt / 1000) });
  return {
    keys: activeSigningKeys(keys).map((k) => ({ ...(JSON.parse(k.publicJwk) as PublicJwk), leasehold_cert: k.certificate! })),
    leasehold_root: JSON.parse(root.publicJwk) as PublicJwk,
    leasehold_retired: list,
  };
}

/** What to build into the app: the root key (required) and today's signing keys (so a first start needs no download). */
export async function trustedKeysDocument(db: Db): Promise<TrustedKeysDocument> {
  const keys = await listSigningKeys(db);
  const root = rootOf(keys);
  if (!root) throw new Error('No root key yet: start the server once (or run `leasehold migrate`) to create it.');
  return { roots: [JSON.parse(root.publicJwk) as PublicJwk], keys: activeSigningKeys(keys).map((k) => JSON.parse(k.publicJwk) as PublicJwk) };
}
