import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { DIALECTS, TEST_SECRETS, createHarness, type Harness } from '../testing/harness.ts';
import { keepInPlaintext, logonWithTotp, openAll, seedSecrets, storedSecrets, type SeededSecrets } from '../testing/secret-fixtures.ts';
import { SEALED, SEALED_COLUMNS, sealContext } from './sealed-columns.ts';
import { resealSecrets, ResealRefusedError, sealPlaintextSecrets } from './sealed-secrets.service.ts';
import { SecretBox, SecretBoxError } from './secret-box.ts';

const anotherBox = () => new SecretBox(randomBytes(32));

for (const dialect of DIALECTS) {
  describe(`secrets sealed at rest (${dialect})`, () => {
    let h: Harness;
    let seeded: SeededSecrets;
    before(async () => {
      h = await createHarness(dialect);
      seeded = await seedSecrets(h);
    });
    after(() => h?.close());

    test('TOTP and webhook secrets are kept sealed for their own row, and open to what the API handed over', async () => {
      const stored = await storedSecrets(h);
      const expected = new Map([
        [sealContext(SEALED.totpSecret, seeded.totp.staffId), seeded.totp.secret],
        [sealContext(SEALED.totpPendingSecret, seeded.pending.staffId), seeded.pending.secret],
        [sealContext(SEALED.webhookSecret, seeded.webhook.id), seeded.webhook.secret],
      ]);
      for (const [context, secret] of expected) {
        const value = stored.get(context)!;
        assert.ok(SecretBox.isSealed(value), `${context} is sealed`);
        assert.ok(!value.includes(secret), `${context} does not hold the secret's text`);
        assert.equal(TEST_SECRETS.open(value, context), secret);
      }
      // The owner's sealed TOTP secret moved to the other staff member's row does not open there.
      const moved = stored.get(sealContext(SEALED.totpSecret, seeded.totp.staffId))!;
      assert.throws(() => TEST_SECRETS.open(moved, sealContext(SEALED.totpSecret, seeded.pending.staffId)), SecretBoxError);
      assert.equal(await logonWithTotp(h, seeded.totp.email, seeded.totp.secret), 200, 'sign-in opens the sealed secret to check the code');
    });

    test('secrets an older version kept in plaintext are sealed at start, once, and still work', async () => {
      const before = openAll(await storedSecrets(h), TEST_SECRETS);
      const [signingKid] = [...before.keys()].filter((c) => c.startsWith('signing_keys.')).map((c) => c.split(':')[1]);
      await keepInPlaintext(h, SEALED.totpSecret, seeded.totp.staffId, seeded.totp.secret);
      await keepInPlaintext(h, SEALED.totpPendingSecret, seeded.pending.staffId, seeded.pending.secret);
      await keepInPlaintext(h, SEALED.webhookSecret, seeded.webhook.id, seeded.webhook.secret);
      await keepInPlaintext(h, SEALED.signingKey, signingKid, before.get(sealContext(SEALED.signingKey, signingKid))!);

      assert.equal(await sealPlaintextSecrets(h.database, TEST_SECRETS), 4);
      const stored = await storedSecrets(h);
      for (const value of stored.values()) assert.ok(SecretBox.isSealed(value));
      assert.deepEqual(openAll(stored, TEST_SECRETS), before, 'each opens to the value it held');
      assert.equal(await sealPlaintextSecrets(h.database, TEST_SECRETS), 0, 'a second start has nothing to seal');
      assert.equal(await logonWithTotp(h, seeded.totp.email, seeded.totp.secret), 200);
    });

    test('a start with another master key is refused before anything is used, and says which key the data needs', async () => {
      const other = anotherBox();
      await assert.rejects(sealPlaintextSecrets(h.database, other), (error: unknown) => {
        assert.ok(error instanceof SecretBoxError);
        assert.match(error.message, new RegExp(`^\\d+ secrets in the database were sealed under master key ${TEST_SECRETS.keyId}, but this server was given master key ${other.keyId}\\. Start it with the master key the data was sealed under`));
        return true;
      });
    });

    test('a value that does not open under the current key stops a rotation, which then changes nothing', async () => {
      const before = await storedSecrets(h);
      const third = anotherBox();
      const webhookContext = sealContext(SEALED.webhookSecret, seeded.webhook.id);
      await keepInPlaintext(h, SEALED.webhookSecret, seeded.webhook.id, third.seal(seeded.webhook.secret, webhookContext));
      // The owner's sealed secret copied into the other staff member's row: sealed under the right key, for another row.
      await keepInPlaintext(h, SEALED.totpPendingSecret, seeded.pending.staffId, before.get(sealContext(SEALED.totpSecret, seeded.totp.staffId))!);
      const next = anotherBox();
      const withoutChange = await storedSecrets(h);
      await assert.rejects(resealSecrets(h.database, TEST_SECRETS, next), (error: unknown) => {
        assert.ok(error instanceof ResealRefusedError);
        assert.match(error.message, new RegExp(`^Nothing was resealed: 2 values do not open under the current master key ${TEST_SECRETS.keyId} \\(1 sealed under master key ${third.keyId}; 1 changed or copied from another row: `));
        assert.match(error.message, new RegExp(`${sealContext(SEALED.totpPendingSecret, seeded.pending.staffId)}.*${webhookContext}|${webhookContext}.*${sealContext(SEALED.totpPendingSecret, seeded.pending.staffId)}`));
        assert.match(error.message, /Set LEASEHOLD_MASTER_KEY or LEASEHOLD_MASTER_KEY_FILE to the key the servers run with now/);
        return true;
      });
      assert.deepEqual(await storedSecrets(h), withoutChange, 'nothing was written');
      await keepInPlaintext(h, SEALED.webhookSecret, seeded.webhook.id, before.get(webhookContext)!);
      await keepInPlaintext(h, SEALED.totpPendingSecret, seeded.pending.staffId, before.get(sealContext(SEALED.totpPendingSecret, seeded.pending.staffId))!);
    });

    test('a rotation reseals every value under the new key, in every sealed column; run again it finds them done', async () => {
      await assert.rejects(resealSecrets(h.database, TEST_SECRETS, TEST_SECRETS), { name: 'ResealRefusedError', message: /The new master key is the one in use/ });
      const before = await storedSecrets(h);
      const plain = openAll(before, TEST_SECRETS);
      const next = anotherBox();
      const summary = await resealSecrets(h.database, TEST_SECRETS, next);
      assert.equal(summary.resealed, before.size);
      assert.deepEqual({ from: summary.from, to: summary.to, sealedFromPlaintext: summary.sealedFromPlaintext, alreadyUnderNewKey: summary.alreadyUnderNewKey }, { from: TEST_SECRETS.keyId, to: next.keyId, sealedFromPlaintext: 0, alreadyUnderNewKey: 0 });
      assert.deepEqual(summary.columns.map((c) => `${c.table}.${c.column}`), SEALED_COLUMNS.map((c) => `${c.table}.${c.column}`));
      assert.ok(summary.columns.every((c) => c.resealed >= 1), 'every sealed column had a value to reseal');

      const after = await storedSecrets(h);
      for (const [context, value] of after) {
        assert.equal(SecretBox.sealedUnder(value), next.keyId, context);
        assert.throws(() => TEST_SECRETS.open(value, context), (error: unknown) => error instanceof SecretBoxError && /was sealed under master key .* but this server was given master key/.test(error.message));
      }
      assert.deepEqual(openAll(after, next), plain, 'each opens under the new key to what it held');

      const again = await resealSecrets(h.database, TEST_SECRETS, next);
      assert.deepEqual([again.resealed, again.alreadyUnderNewKey], [0, before.size]);
      assert.deepEqual(await storedSecrets(h), after);

      // Back under the test key, for the harness's app.
      await resealSecrets(h.database, next, TEST_SECRETS);
      assert.equal(await logonWithTotp(h, seeded.totp.email, seeded.totp.secret), 200);
    });
  });
}
