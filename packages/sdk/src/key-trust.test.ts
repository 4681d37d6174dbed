import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, test } from 'node:test';
import { LeaseholdClient, type LeaseholdClientOptions } from './client.ts';
import type { LeaseholdError } from './errors.ts';
import type { StoredJwk } from './key-trust.ts';
import { tempDataDir, TestMachine } from './testing/test-machine.ts';
import { leaseClaimsAt, TestSigner } from './testing/test-signer.ts';

// What the computer's own user can do to the SDK: edit its state file, point it at a server of
// their own (a hosts entry), or keep using a key the vendor withdrew. Each ends not licensed.

/** The vendor: a root key built into the app, and a server publishing certified signing keys. */
function vendor() {
  const root = new TestSigner();
  const signing = new TestSigner();
  const server = {
    root,
    signing,
    published: [root.certify(signing)] as StoredJwk[],
    retired: root.retire([], 0),
    signWith: signing,
    checkIn: 'ok' as 'ok' | 'unavailable',
    calls: [] as string[],
    fetch: (async (input: string | URL | Request, init?: RequestInit) => {
      const url = new URL(String(input));
      server.calls.push(`${init?.method ?? 'GET'} ${url.pathname}`);
      const headers = { 'content-type': 'application/json', date: new Date().toUTCString() };
      const reply = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers });
      if (url.pathname.endsWith('/client-config')) return reply(200, { product: 'clinic-desktop', fingerprintSalt: 'salt', jwksUrl: '' });
      if (url.pathname === '/.well-known/jwks.json') return reply(200, { keys: server.published, leasehold_root: root.jwk, leasehold_retired: server.retired });
      if (url.pathname.endsWith('/check-in') && server.checkIn === 'unavailable') {
        return reply(503, { type: 'x', title: 'Service unavailable', status: 503, code: 'NOT_READY', detail: 'The database does not answer.' });
      }
      const body = JSON.parse(String(init?.body));
      return reply(200, { valid: true, code: 'VALID', detail: 'The license is valid on this computer.', lease: server.signWith.sign(leaseClaimsAt(Date.now(), body.fingerprint)), reactivated: false, drift: null });
    }) as typeof fetch,
  };
  return server;
}

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((f) => f()));

function appOf(server: ReturnType<typeof vendor>, options: Partial<LeaseholdClientOptions> = {}) {
  const data = tempDataDir();
  cleanups.push(data.remove);
  return new LeaseholdClient({
    serverUrl: 'http://leasehold.test', product: 'clinic-desktop', appVersion: '5.2.0', dataDir: data.dir, fetch: server.fetch,
    collectComponents: new TestMachine('unit').collect, random: () => 0.5, trustedKeys: { roots: [server.root.jwk] }, ...options,
  });
}

const readState = (client: LeaseholdClient) => JSON.parse(fs.readFileSync(client.stateFile, 'utf8'));
const writeState = (client: LeaseholdClient, state: object) => fs.writeFileSync(client.stateFile, JSON.stringify(state));

test('built with the root key: a signing key the root certified is followed, and licenses', async () => {
  const server = vendor();
  const client = appOf(server);
  const outcome = await client.activate('100001', 'KEY');
  assert.equal(outcome.activated && outcome.status.status, 'licensed');
  const rotated = new TestSigner();
  server.published.unshift(server.root.certify(rotated));
  server.signWith = rotated;
  assert.equal((await client.checkIn()).status, 'licensed');
});

test('a forged state file (a key of the user\'s own and a lease it signed, even with a certificate) is not licensed', async () => {
  const server = vendor();
  const client = appOf(server);
  await client.activate('100001', 'KEY');
  const forger = new TestSigner();
  const forgersRoot = new TestSigner();
  const state = readState(client);
  const claims = leaseClaimsAt(Date.now(), JSON.parse(Buffer.from(state.lease.split('.')[1], 'base64url').toString()).fp, { exp: Math.floor(Date.now() / 1000) + 3650 * 86400 });
  for (const key of [forger.jwk, forgersRoot.certify(forger)]) {
    writeState(client, { ...state, keys: [...state.keys, key], lease: forger.sign(claims) });
    const status = client.evaluate(null);
    assert.equal(status.status, 'must_activate');
    assert.equal(status.usable, false);
    assert.equal(status.status === 'must_activate' && status.reason, 'lease_untrusted');
  }
});

test('a server of the user\'s own (a hosts entry) cannot add its key: its lease is refused and nothing of it is kept', async () => {
  const real = vendor();
  const client = appOf(real);
  await client.activate('100001', 'KEY');
  for (const certifiedBy of [null, new TestSigner()]) {
    const fake = vendor();
    const fakeKey = new TestSigner();
    fake.published = [certifiedBy ? certifiedBy.certify(fakeKey) : fakeKey.jwk];
    fake.signWith = fakeKey;
    const fooled = appOf(fake, { trustedKeys: { roots: [real.root.jwk] } });
    await assert.rejects(fooled.activate('100001', 'KEY'), (e: LeaseholdError) => e.code === 'LEASE_UNTRUSTED');
    assert.ok(!fs.existsSync(fooled.stateFile) || readState(fooled).keys.length === 0, 'the fake server\'s keys were not kept');
    assert.equal(fooled.evaluate(null).usable, false);
  }
});

test('a key certified by another root is not trusted, though its certificate is well formed', async () => {
  const server = vendor();
  const client = appOf(server);
  await client.activate('100001', 'KEY');
  const otherRoot = new TestSigner();
  const stranger = new TestSigner();
  server.published.unshift(otherRoot.certify(stranger));
  server.signWith = stranger;
  await assert.rejects(client.checkIn(), (e: LeaseholdError) => e.code === 'LEASE_UNTRUSTED');
  assert.ok(!readState(client).keys.some((k: StoredJwk) => k.kid === stranger.kid));
});

test('a retired key: its lease stops counting at the next contact with the server, even when the check-in fails', async () => {
  const server = vendor();
  const client = appOf(server);
  await client.activate('100001', 'KEY');
  assert.equal((await client.status()).status, 'licensed');
  const successor = new TestSigner();
  server.published = [server.root.certify(successor)];
  server.retired = server.root.retire([server.signing.kid]);
  server.signWith = successor;
  server.checkIn = 'unavailable';
  const status = await client.checkIn();
  assert.equal(status.status, 'must_activate');
  assert.equal(status.status === 'must_activate' && status.reason, 'key_retired');
  assert.equal(status.usable, false);
  assert.match(status.detail, /withdrawn/);
  server.checkIn = 'ok';
  assert.equal((await client.start()).status, 'licensed', 'at the next start a check-in takes a lease of the successor');
  await client.stop({ release: false });
});

test('a list of retired keys signed by anyone but the root, or older than the one kept, changes nothing', async () => {
  const server = vendor();
  const client = appOf(server);
  await client.activate('100001', 'KEY');
  server.retired = new TestSigner().retire([server.signing.kid]);
  assert.equal((await client.checkIn()).status, 'licensed');
  const kept = server.root.retire(['some-old-key'], 2_000_000_000);
  server.retired = kept;
  await client.checkIn();
  server.retired = server.root.retire([], 1_000_000_000);
  await client.checkIn();
  assert.equal(readState(client).retiredKeys, kept);
});

test('a retired built-in signing key counts no more either, once the root\'s list arrives', async () => {
  const server = vendor();
  const client = appOf(server, { trustedKeys: { roots: [server.root.jwk], keys: [server.signing.jwk] } });
  await client.activate('100001', 'KEY');
  server.retired = server.root.retire([server.signing.kid]);
  server.checkIn = 'unavailable';
  assert.equal((await client.checkIn()).usable, false);
});

test('a state file\'s lease is checked against the built-in keys only: editing keys into it does nothing for a key the root never certified', async () => {
  const server = vendor();
  const client = appOf(server, { trustedKeys: [server.signing.jwk] });
  await client.activate('100001', 'KEY');
  assert.equal(client.evaluate(null).status, 'licensed', 'signing keys built in as a plain JWKS still work');
  const state = readState(client);
  const forger = new TestSigner();
  writeState(client, { ...state, keys: [forger.jwk], lease: forger.sign(leaseClaimsAt(Date.now(), {})) });
  assert.equal(client.evaluate(null).usable, false);
});

test('an app built without trustedKeys says once per process that it is for development only', async () => {
  const warnings: Error[] = [];
  const listener = (warning: Error) => warnings.push(warning);
  process.on('warning', listener);
  try {
    const server = vendor();
    appOf(server, { trustedKeys: undefined });
    appOf(server, { trustedKeys: undefined });
    appOf(server, { trustedKeys: { keys: [] } });
    for (let i = 0; i < 10 && warnings.length === 0; i++) await new Promise((resolve) => setImmediate(resolve));
    const ours = warnings.filter((w) => (w as NodeJS.ErrnoException).code === 'LEASEHOLD_NO_TRUSTED_KEYS');
    assert.equal(ours.length, 1);
    assert.match(ours[0].message, /trustedKeys/);
    assert.match(ours[0].message, /leasehold keys trusted/);
  } finally {
    process.off('warning', listener);
  }
});

test('a state file copied to another computer with its salt taken out is not licensed there: the components are always compared', async () => {
  const server = vendor();
  const licensed = appOf(server);
  await licensed.activate('100001', 'KEY');
  const { fingerprintSalt, ...withoutSalt } = readState(licensed);
  assert.equal(fingerprintSalt, 'salt');
  const elsewhere = appOf(server, { collectComponents: new TestMachine('another computer').collect });
  fs.mkdirSync(path.dirname(elsewhere.stateFile), { recursive: true });
  fs.writeFileSync(elsewhere.stateFile, JSON.stringify(withoutSalt));
  const status = await elsewhere.status();
  assert.equal(status.usable, false);
  assert.equal(status.status === 'must_activate' && status.reason, 'lease_invalid');
});
