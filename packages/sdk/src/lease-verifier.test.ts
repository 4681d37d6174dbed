import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { test } from 'node:test';
import { JWS_TYPES } from '@leasehold/core';
import { asLeaseClaims, KeyRing } from './lease-verifier.ts';
import { leaseClaimsAt, TestSigner } from './testing/test-signer.ts';

const signer = new TestSigner();
const ring = new KeyRing([signer.jwk]);
const claims = leaseClaimsAt(Date.UTC(2026, 0, 1), { cpu: 'c'.repeat(64) });
const TYP = 'leasehold-lease+jwt';
const b64 = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');

test('a lease the server signed verifies and gives its claims', () => {
  const verified = ring.verify(signer.sign(claims), TYP);
  assert.ok(verified.ok);
  assert.deepEqual(verified.ok && verified.claims, claims);
});

const refused: [string, () => string, string][] = [
  ['alg "none" with no signature', () => `${b64({ alg: 'none', typ: TYP, kid: signer.kid })}.${b64(claims)}.`, 'malformed'],
  ['alg HS256 keyed with the public key', () => signer.sign(claims, TYP, { alg: 'HS256' }), 'malformed'],
  ['another typ (a response file passed as a lease)', () => signer.sign(claims, 'leasehold-offline-response+jwt'), 'malformed'],
  ['a crit header the verifier does not understand', () => signer.sign(claims, TYP, { crit: ['exp'] }), 'malformed'],
  ['no kid', () => signer.sign(claims, TYP, { kid: undefined }), 'malformed'],
  ['four segments', () => `${signer.sign(claims)}.x`, 'malformed'],
  ['a truncated signature', () => signer.sign(claims).slice(0, -4), 'bad_signature'],
  ['payload swapped under a valid signature', () => { const [h, , s] = signer.sign(claims).split('.'); return `${h}.${b64({ ...claims, exp: claims.exp + 1 })}.${s}`; }, 'bad_signature'],
  ['a key certificate (root-signed) passed as a lease', () => signer.sign(claims, JWS_TYPES.keyCertificate), 'malformed'],
  ['a list of retired keys passed as a lease', () => signer.sign(claims, JWS_TYPES.retiredKeys), 'malformed'],
  ['an unknown key', () => new TestSigner().sign(claims), 'unknown_key'],
];
for (const [name, make, reason] of refused) {
  test(`refused: ${name}`, () => {
    const verified = ring.verify(make(), TYP);
    assert.equal(verified.ok, false);
    assert.equal(!verified.ok && verified.reason, reason);
  });
}

test('a key the vendor retired verifies nothing, and says so', () => {
  const verified = new KeyRing([signer.jwk], new Set([signer.kid])).verify(signer.sign(claims), TYP);
  assert.equal(!verified.ok && verified.reason, 'retired_key');
});

test('only Ed25519 public keys are taken; a key with its private part is not', () => {
  const { privateKey } = generateKeyPairSync('ed25519');
  const withPrivate = { ...(privateKey.export({ format: 'jwk' }) as object), kty: 'OKP', kid: 'p' };
  const keys = new KeyRing([withPrivate as never, { kty: 'RSA', kid: 'r', n: 'x', e: 'AQAB' } as never, { kty: 'OKP', crv: 'X25519', x: signer.jwk.x, kid: 'x' }, signer.jwk]);
  assert.deepEqual(keys.toJwks().map((k) => k.kid), [signer.kid]);
  assert.equal(keys.add(signer.jwk), false, 'already there');
});

test('asLeaseClaims wants every claim of the right kind; a lease without tol is strict (0)', () => {
  assert.equal(asLeaseClaims({ ...claims, fp: 'not an object' }), null);
  assert.equal(asLeaseClaims({ ...claims, exp: '2026' }), null);
  assert.equal(asLeaseClaims({ ...claims, mode: 'site' }), null);
  const { tol: _tol, ...older } = claims;
  assert.equal(asLeaseClaims(older)?.tol, 0);
});
