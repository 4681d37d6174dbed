import assert from 'node:assert/strict';
import { createPrivateKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { openDatabase, type LeaseholdDatabase } from '@leasehold/db';
import { CompactSign, compactVerify, createLocalJWKSet, decodeProtectedHeader } from 'jose';
import { DEMO } from '../demo/demo-catalog.ts';
import { createSigner } from '../signing/signing.service.ts';
import { listSigningKeys } from '../signing/signing-key.repository.ts';
import { base32Decode } from '../staff/totp.ts';
import { DIALECTS, TEST_SECRETS, createHarness, fingerprint, json, seedCustomer, type Harness } from '../testing/harness.ts';
import { seedSecrets, type SeededSecrets } from '../testing/secret-fixtures.ts';
import { SEALED, sealContext } from './sealed-columns.ts';
import { SecretBox, SecretBoxError } from './secret-box.ts';

/** Every form a secret could be found in: its text, and the bytes it stands for. */
function forms(name: string, text: string, bytes: Buffer): { name: string; needle: Buffer }[] {
  return [{ name: `${name} as text`, needle: Buffer.from(text, 'utf8') }, { name: `${name} as bytes`, needle: bytes }];
}

/** What a logical backup (pg_dump, .dump) holds: every row of every table, as text. */
async function dumpEveryRow(database: LeaseholdDatabase): Promise<string> {
  const tables = await database.db.introspection.getTables();
  const rows: unknown[] = [];
  for (const table of tables) rows.push(...(await database.db.selectFrom(table.name as never).selectAll().execute()));
  return JSON.stringify(rows);
}

const wrongKeyMessage = /(was|were) sealed under master key \S+, but this server was given master key \S+\. Start it with the master key the data was sealed under/;

for (const dialect of DIALECTS) {
  describe(`a copy of the database alone cannot produce a lease that verifies (${dialect})`, () => {
    let h: Harness;
    let seeded: SeededSecrets;
    let lease: string;
    let needles: { name: string; needle: Buffer }[];
    before(async () => {
      h = await createHarness(dialect);
      seeded = await seedSecrets(h);
      const customer = await seedCustomer(h, [DEMO.desktop.plan]);
      const activated = json(await h.request({
        method: 'POST', url: '/v1/activations', headers: { authorization: customer.basic },
        payload: { product: DEMO.desktop.product, fingerprint: fingerprint('copy'), hostName: 'copy-pc', platform: 'linux 6.8', appVersion: '5.2.0' },
      }));
      assert.equal(activated.valid, true, JSON.stringify(activated));
      lease = activated.lease;
      // The test holds the master key, so it can name what must not be in the copy: each private key's d.
      const keys = await listSigningKeys(h.database.db);
      assert.ok(keys.length >= 2, 'a root key and a signing key');
      needles = keys.flatMap((k) => {
        const { d } = JSON.parse(TEST_SECRETS.open(k.privateJwk, sealContext(SEALED.signingKey, k.kid))) as { d: string };
        return forms(`the private key d of ${k.kid}`, d, Buffer.from(d, 'base64url'));
      });
      needles.push(
        ...forms('the TOTP secret', seeded.totp.secret, base32Decode(seeded.totp.secret)),
        ...forms('the pending TOTP secret', seeded.pending.secret, base32Decode(seeded.pending.secret)),
        ...forms('the webhook secret', seeded.webhook.secret, Buffer.from(seeded.webhook.secret, 'utf8')),
      );
    });
    after(() => h?.close());

    test('the server signed a lease that verifies against its JWKS', async () => {
      const jwks = json(await h.request({ method: 'GET', url: '/.well-known/jwks.json' }));
      await compactVerify(lease, createLocalJWKSet(jwks));
    });

    test('no private key, TOTP secret or webhook secret is in any row, in any form', async () => {
      const dump = Buffer.from(await dumpEveryRow(h.database), 'utf8');
      for (const { name, needle } of needles) assert.equal(dump.indexOf(needle), -1, `${name} is not in the rows`);
    });

    if (dialect === 'sqlite') {
      test('nor in the bytes of the database file, its WAL or its shared memory', () => {
        const files = fs.readdirSync(h.dataDir!).filter((name) => name.startsWith('leasehold.sqlite'));
        assert.ok(files.includes('leasehold.sqlite-wal'), 'the WAL, where the latest writes are, is read too');
        for (const file of files) {
          const bytes = fs.readFileSync(path.join(h.dataDir!, file));
          for (const { name, needle } of needles) assert.equal(bytes.indexOf(needle), -1, `${name} is not in ${file}`);
        }
      });
    }

    test('the stored private keys cannot be imported as keys', async () => {
      for (const key of await listSigningKeys(h.database.db)) {
        assert.ok(SecretBox.isSealed(key.privateJwk));
        assert.throws(() => createPrivateKey({ key: JSON.parse(key.privateJwk), format: 'jwk' }), 'not a JWK');
        assert.throws(() => createPrivateKey(key.privateJwk), 'not a PEM key');
        assert.throws(() => createPrivateKey({ key: Buffer.from(key.privateJwk.split('.').at(-1)!, 'base64url'), format: 'der', type: 'pkcs8' }), 'not a DER key');
      }
    });

    test('with another master key, the copy opens nothing and signs nothing, and says why', async () => {
      const other = new SecretBox(randomBytes(32));
      const copy = dialect === 'sqlite' ? copySqlite(h.dataDir!) : null;
      const database = copy?.database ?? h.database;
      try {
        for (const key of await listSigningKeys(database.db)) {
          assert.throws(() => other.open(key.privateJwk, sealContext(SEALED.signingKey, key.kid)), (error: unknown) => error instanceof SecretBoxError && wrongKeyMessage.test(error.message));
        }
        await assert.rejects(createSigner(database, h.clock, other), (error: unknown) => error instanceof SecretBoxError && wrongKeyMessage.test(error.message));
      } finally {
        await copy?.remove();
      }
    });

    test('a lease signed with a key of the forger\'s own, under the server\'s key id, does not verify', async () => {
      const jwks = createLocalJWKSet(json(await h.request({ method: 'GET', url: '/.well-known/jwks.json' })));
      const { privateKey } = generateKeyPairSync('ed25519');
      const payload = new TextEncoder().encode(JSON.stringify({ ...decodePayload(lease), exp: 4_102_444_800 }));
      const forged = await new CompactSign(payload).setProtectedHeader(decodeProtectedHeader(lease) as { alg: string }).sign(privateKey);
      await assert.rejects(compactVerify(forged, jwks), { code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' });
    });
  });
}

function decodePayload(jws: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jws.split('.')[1], 'base64url').toString('utf8'));
}

/** The database file and its WAL copied elsewhere, as a backup or a stolen copy would be, and opened there. */
function copySqlite(dataDir: string): { database: LeaseholdDatabase; remove(): Promise<void> } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leasehold-copy-'));
  for (const name of ['leasehold.sqlite', 'leasehold.sqlite-wal']) fs.copyFileSync(path.join(dataDir, name), path.join(dir, name));
  const database = openDatabase({ dataDir: dir });
  return {
    database,
    async remove() {
      await database.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
