import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { DialectName, LeaseholdDatabase } from '@leasehold/db';
import { compactVerify, createLocalJWKSet, decodeProtectedHeader } from 'jose';
import { openTestDatabase, TEST_SECRETS, TestClock } from '../testing/harness.ts';
import { createSigner, rotateSigningKey } from './signing.service.ts';

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
