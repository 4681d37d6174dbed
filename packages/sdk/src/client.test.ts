import assert from 'node:assert/strict';
import fs from 'node:fs';
import { afterEach, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { DAY, HOUR, MINUTE, type LeaseClaims } from '@leasehold/core';
import { LeaseholdClient, type LeaseholdClientOptions } from './client.ts';
import { LeaseholdError } from './errors.ts';
import type { LicenseStatus } from './status.ts';
import { ManualClock, tempDataDir, TestMachine } from './testing/test-machine.ts';
import { leaseClaimsAt, TestSigner } from './testing/test-signer.ts';

// The client against a scripted server (no process): what a real server cannot be made to do on cue.

function scriptedServer(options: { serverOffsetMs?: number; claims?: Partial<LeaseClaims> } = {}) {
  const server = {
    published: [new TestSigner()],
    signWith: null as TestSigner | null,
    answer: 'ok' as 'ok' | 'unavailable' | 'html',
    calls: [] as string[],
    fetch: (async (input: string | URL | Request, init?: RequestInit) => {
      const url = new URL(String(input));
      server.calls.push(`${init?.method ?? 'GET'} ${url.pathname}`);
      const now = Date.now() + (options.serverOffsetMs ?? 0);
      const headers = { 'content-type': 'application/json', date: new Date(now).toUTCString() };
      const reply = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers });
      if (server.answer === 'unavailable') return reply(503, { type: 'x', title: 'Service unavailable', status: 503, code: 'NOT_READY', detail: 'The database does not answer.' });
      if (server.answer === 'html') return new Response('<html>Sign in to the hotel Wi-Fi</html>', { status: 200, headers: { 'content-type': 'text/html' } });
      if (url.pathname.endsWith('/client-config')) return reply(200, { product: 'clinic-desktop', fingerprintSalt: 'salt', jwksUrl: '' });
      if (url.pathname === '/.well-known/jwks.json') return reply(200, { keys: server.published.map((s) => s.jwk) });
      const body = JSON.parse(String(init?.body));
      const lease = (server.signWith ?? server.published[0]).sign(leaseClaimsAt(now, body.fingerprint, options.claims));
      return reply(200, { valid: true, code: 'VALID', detail: 'The license is valid on this computer.', lease, reactivated: false, drift: null });
    }) as typeof fetch,
  };
  return server;
}

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((f) => f()));

function appWith(server: ReturnType<typeof scriptedServer>, options: Partial<LeaseholdClientOptions> = {}) {
  const data = tempDataDir();
  cleanups.push(data.remove);
  const client = new LeaseholdClient({
    serverUrl: 'http://leasehold.test', product: 'clinic-desktop', appVersion: '5.2.0', dataDir: data.dir, fetch: server.fetch,
    collectComponents: new TestMachine('unit').collect, random: () => 0.5, ...options,
  });
  cleanups.push(() => void client.stop({ release: false }));
  return client;
}

const stateOf = (client: LeaseholdClient) => JSON.parse(fs.readFileSync(client.stateFile, 'utf8'));

test('key rotation is followed: a lease signed by a newly published key is accepted, and the old key stays pinned', async () => {
  const server = scriptedServer();
  const client = appWith(server);
  await client.activate('100001', 'KEY');
  const rotated = new TestSigner();
  server.published.unshift(rotated);
  server.signWith = rotated;
  assert.equal((await client.checkIn()).status, 'licensed');
  assert.deepEqual(stateOf(client).keys.map((k: { kid: string }) => k.kid).sort(), server.published.map((s) => s.kid).sort());
  assert.equal(server.calls.filter((c) => c === 'GET /.well-known/jwks.json').length, 2, 'the keys were read at the activation and again at the check-in, which found the new key id');
});

test('a lease signed by a key the server does not publish is refused, and the lease in hand kept', async () => {
  const server = scriptedServer();
  const client = appWith(server);
  await client.activate('100001', 'KEY');
  const before = stateOf(client).lease;
  server.signWith = new TestSigner();
  await assert.rejects(client.checkIn(), (e: LeaseholdError) => e.code === 'LEASE_UNTRUSTED');
  assert.equal(stateOf(client).lease, before);
  assert.equal((await client.status()).status, 'licensed');
});

test('a clock that is simply wrong is not a rollback: the server\'s time from the last contact is used', async () => {
  const server = scriptedServer();
  const slow = new ManualClock(Date.now() - 2 * HOUR);
  const client = appWith(server, { clock: slow });
  const outcome = await client.activate('100001', 'KEY');
  assert.equal(outcome.activated && outcome.status.status, 'licensed');
  assert.ok(Math.abs(stateOf(client).skewMs - 2 * HOUR) < 5_000);
  slow.advance(-DAY);
  assert.equal((await client.status()).status, 'clock_rollback', 'set back from there, it is');
});

test('a server answering 503 is offline too: the retries back off, doubling', async () => {
  const server = scriptedServer();
  const clock = new ManualClock();
  const client = appWith(server, { clock });
  await client.activate('100001', 'KEY');
  clock.advance(3 * DAY + MINUTE);
  server.answer = 'unavailable';
  let status: LicenseStatus = await client.checkIn();
  status = await client.checkIn();
  status = await client.checkIn();
  assert.equal(status.status, 'offline');
  if (status.status === 'offline') {
    assert.equal(status.failures, 3);
    assert.equal(status.nextAttemptAt! - clock.now(), 120_000);
  }
  server.answer = 'ok';
  assert.equal((await client.checkIn()).status, 'licensed');
  assert.equal(stateOf(client).failures, 0);
});

test('a captive portal\'s page instead of the server is INVALID_RESPONSE, not a crash', async () => {
  const server = scriptedServer();
  server.answer = 'html';
  await assert.rejects(appWith(server, { fingerprintSalt: 'salt' }).activate('100001', 'KEY'), (e: LeaseholdError) => e.code === 'INVALID_RESPONSE');
});

test('status changes are published once each', async () => {
  const server = scriptedServer();
  const clock = new ManualClock();
  const client = appWith(server, { clock });
  const seen: string[] = [];
  client.onStatus((s) => seen.push(s.status));
  await client.status();
  await client.activate('100001', 'KEY');
  await client.status();
  clock.advance(3 * DAY + MINUTE);
  await client.status();
  await client.status();
  assert.deepEqual(seen, ['must_activate', 'licensed', 'check_in_due']);
});

test('while running, the check-in happens on the lease\'s schedule without being asked', async () => {
  const server = scriptedServer({ claims: { chk: Math.floor(Date.now() / 1000) + 1 } });
  const client = appWith(server);
  await client.activate('100001', 'KEY');
  await client.start();
  for (let waited = 0; waited < 5_000 && !server.calls.some((c) => c.endsWith('/check-in')); waited += 100) await sleep(100);
  assert.ok(server.calls.some((c) => c.endsWith('/check-in')), `calls: ${server.calls.join(', ')}`);
  await client.stop();
});
