import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { DialectName, LeaseholdDatabase } from '@leasehold/db';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { JWS_TYPES } from '@leasehold/core';
import { compactVerify, createLocalJWKSet, decodeProtectedHeader, importJWK, type JWK } from 'jose';
import { sealPlaintextSecrets } from '../encryption/sealed-secrets.service.ts';
import { SecretBox } from '../encryption/secret-box.ts';
import { openTestDatabase, TEST_SECRETS, TestClock } from '../testing/harness.ts';
import { createSigner, retireSigningKey, rotateSigningKey } from './signing.service.ts';

const claims = { iss: 'http://leasehold.test', sub: 'activation-1', exp: 2_000_000_000, fp: { machineGuid: 'a'.repeat(64) } };

for (const dialect of ['sqlite', 'postgres'] as DialectName[]) {
  describe(`signer (${dialect})`, () => {
    let database: LeaseholdDatabase;
    let cleanup: () => Promise<void>;
    before(async () => {
      ({ database, cleanup } = await openTestDatabase(dialect));
    });
    after(() => cleanup?.());

    test('a signature made on the thread pool is the one made on the event loop, and verifies against the JWKS', async () => {
      const clock = new TestClock();
      const signer = await createSigner(database, clock, TEST_SECRETS);
      const onThread = await signer.signOffThread(claims, 'leasehold-lease+jwt');
      // Ed25519 signatures are deterministic: the same key and input give the same bytes.
      assert.equal(onThread, signer.sign(claims, 'leasehold-lease+jwt'));
      const jwks = createLocalJWKSet(await signer.jwks());
      const { payload, protectedHeader } = await compactVerify(onThread, jwks);
      assert.deepEqual(JSON.parse(new TextDecoder().decode(payload)), claims);
      assert.equal(protectedHeader.alg, 'EdDSA');
      assert.equal(protectedHeader.typ, 'leasehold-lease+jwt');
    });

    test('many signatures at once on the thread pool each verify', async () => {
      const signer = await createSigner(database, new TestClock(), TEST_SECRETS);
      const jwks = createLocalJWKSet(await signer.jwks());
      const tokens = await Promise.all(Array.from({ length: 50 }, (_, i) => signer.signOffThread({ ...claims, sub: `activation-${i}` })));
      for (const [i, token] of tokens.entries()) {
        const { payload } = await compactVerify(token, jwks);
        assert.equal(JSON.parse(new TextDecoder().decode(payload)).sub, `activation-${i}`);
      }
    });

    test('after a rotation by another process, both ways of signing take the new key once the signer looks again', async () => {
      const clock = new TestClock();
      const signer = await createSigner(database, clock, TEST_SECRETS, 60_000);
      const before = decodeProtectedHeader(await signer.signOffThread(claims)).kid;
      clock.advance(1_000);
      const rotated = await rotateSigningKey(database, clock, TEST_SECRETS, { type: 'system', id: null });
      assert.notEqual(rotated, before);
      clock.advance(60_001);
      // The first signature after the refresh interval starts the look; the key it loads signs the next ones.
      await signer.signOffThread(claims);
      await new Promise((resolve) => setTimeout(resolve, 50));
      assert.equal(decodeProtectedHeader(await signer.signOffThread(claims)).kid, rotated);
      assert.equal(decodeProtectedHeader(signer.sign(claims)).kid, rotated);
    });
  });
}

for (const dialect of ['sqlite', 'postgres'] as DialectName[]) {
  describe(`vendor keys (${dialect})`, () => {
    let database: LeaseholdDatabase;
    let cleanup: () => Promise<void>;
    before(async () => {
      ({ database, cleanup } = await openTestDatabase(dialect));
    });
    after(() => cleanup?.());

    const verifyWith = async (jws: string, jwk: object) => compactVerify(jws, await importJWK(jwk as JWK, 'EdDSA'));

    test('the JWKS publishes each signing key in use with the root key\'s certificate of it, and the root-signed list of retired keys', async () => {
      const signer = await createSigner(database, new TestClock(), TEST_SECRETS);
      const published = await signer.jwks();
      assert.equal(published.keys.length, 1);
      const [key] = published.keys;
      const certificate = await verifyWith(key.leasehold_cert, published.leasehold_root);
      assert.equal(certificate.protectedHeader.typ, JWS_TYPES.keyCertificate);
      assert.deepEqual(pick(JSON.parse(new TextDecoder().decode(certificate.payload)), ['sub', 'x', 'crv']), { sub: key.kid, x: key.x, crv: 'Ed25519' });
      const retired = await verifyWith(published.leasehold_retired, published.leasehold_root);
      assert.equal(retired.protectedHeader.typ, JWS_TYPES.retiredKeys);
      assert.deepEqual(JSON.parse(new TextDecoder().decode(retired.payload)).retired, []);
      assert.ok(!published.keys.some((k) => k.kid === published.leasehold_root.kid), 'the root key signs no leases, so it is not among the JWKS keys');
    });

    test('a retired key is no longer used or published, its successor is certified, and the root\'s list names it', async () => {
      const clock = new TestClock();
      const signer = await createSigner(database, clock, TEST_SECRETS, 60_000);
      const before = decodeProtectedHeader(signer.sign(claims)).kid!;
      clock.advance(1_000);
      const { retired, signing } = await retireSigningKey(database, clock, TEST_SECRETS, before, { type: 'system', id: 'cli' });
      assert.equal(retired, before);
      assert.notEqual(signing, before);
      clock.advance(60_001);
      signer.sign(claims);
      for (let i = 0; i < 100 && decodeProtectedHeader(signer.sign(claims)).kid === before; i++) await new Promise((resolve) => setImmediate(resolve));
      assert.equal(decodeProtectedHeader(signer.sign(claims)).kid, signing);
      const published = await signer.jwks();
      assert.ok(!published.keys.some((k) => k.kid === before));
      const list = await verifyWith(published.leasehold_retired, published.leasehold_root);
      assert.deepEqual(JSON.parse(new TextDecoder().decode(list.payload)).retired, [before]);
      await assert.rejects(retireSigningKey(database, clock, TEST_SECRETS, before, { type: 'system', id: 'cli' }), { code: 'INVALID_STATE' });
      await assert.rejects(retireSigningKey(database, clock, TEST_SECRETS, published.leasehold_root.kid, { type: 'system', id: 'cli' }), { code: 'INVALID_STATE', message: /root key cannot be retired/ });
      await assert.rejects(retireSigningKey(database, clock, TEST_SECRETS, 'no-such-key', { type: 'system', id: 'cli' }), { code: 'NOT_FOUND' });
    });

    test('private keys are kept sealed; a key written in plaintext by an earlier version is sealed at the next start', async () => {
      const { privateKey } = generateKeyPairSync('ed25519');
      const jwk = privateKey.export({ format: 'jwk' }) as { x: string; d: string };
      await database.db.insertInto('signing_keys').values({ kid: 'legacy-key', role: 'signing', private_jwk: JSON.stringify(jwk), public_jwk: JSON.stringify({ kty: 'OKP', crv: 'Ed25519', x: jwk.x, kid: 'legacy-key', alg: 'EdDSA', use: 'sig' }), certificate: null, created_at: 0, retired_at: null }).execute();
      // As a server starts: the secrets an older version left in plaintext are sealed, then the signer prepares the keys.
      await sealPlaintextSecrets(database, TEST_SECRETS);
      await createSigner(database, new TestClock(), TEST_SECRETS);
      const rows = await database.db.selectFrom('signing_keys').select(['kid', 'private_jwk', 'certificate', 'role', 'retired_at']).execute();
      for (const row of rows) {
        assert.match(row.private_jwk, /^lh1\./, `${row.kid} is sealed`);
        assert.ok(!row.private_jwk.includes(jwk.d));
      }
      const legacy = rows.find((r) => r.kid === 'legacy-key')!;
      assert.ok(legacy.certificate, 'the legacy key in use was certified by the root');
      const other = new SecretBox(randomBytes(32));
      await assert.rejects(createSigner(database, new TestClock(), other), /sealed under master key .* but this server was given master key/);
    });
  });
}

function pick(value: Record<string, unknown>, keys: string[]) {
  return Object.fromEntries(keys.map((k) => [k, value[k]]));
}
