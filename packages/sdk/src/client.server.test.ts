import assert from 'node:assert/strict';
import { generateKeyPairSync, sign } from 'node:crypto';
import fs from 'node:fs';
import { after, afterEach, before, describe, test } from 'node:test';
import { DAY, MINUTE } from '@leasehold/core';
import { DIALECTS } from '@leasehold/server/testing';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { LeaseholdClient, type LeaseholdClientOptions } from './client.ts';
import { LeaseholdError } from './errors.ts';
import { hashComponents } from './fingerprint/components.ts';
import type { Jwks } from './lease-verifier.ts';
import { startServerUnderTest, type ServerUnderTest } from './testing/server-under-test.ts';
import { ManualClock, tempDataDir, TestMachine, unreachableUrl } from './testing/test-machine.ts';

const noNetwork: typeof fetch = async () => {
  throw new Error('the start-up check must not use the network');
};

for (const dialect of DIALECTS) {
  describe(`SDK against a server process (${dialect})`, () => {
    let server: ServerUnderTest;
    let offlineUrl: string;
    const cleanups: (() => void)[] = [];
    before(async () => {
      server = await startServerUnderTest(dialect);
      offlineUrl = await unreachableUrl();
    });
    after(() => server.stop());
    afterEach(() => cleanups.splice(0).forEach((f) => f()));

    /** A computer running the app: its own data folder, components and clock. */
    function computer(seed: string, clock = new ManualClock()) {
      const machine = new TestMachine(seed);
      const data = tempDataDir();
      cleanups.push(data.remove);
      const client = (options: Partial<LeaseholdClientOptions> = {}) => {
        const c = new LeaseholdClient({
          serverUrl: server.url, product: server.product, appVersion: '5.2.0', dataDir: data.dir, clock,
          collectComponents: machine.collect, hostName: `${seed}-pc`, platform: 'linux 6.8', ...options,
        });
        cleanups.push(() => void c.stop({ release: false }));
        return c;
      };
      return { machine, clock, dir: data.dir, client, offline: () => client({ serverUrl: offlineUrl, fetch: noNetwork }) };
    }

    test('ACTIVATE ONLINE keeps an owner-only lease that an independent JOSE library verifies', async () => {
      const { customer, pc } = { customer: await server.customer(), pc: computer('reception') };
      const client = pc.client();
      const outcome = await client.activate(customer.credentials.customerNumber, customer.credentials.registrationKey);
      assert.equal(outcome.activated, true);
      assert.equal(outcome.activated && outcome.status.status, 'licensed');

      const state = JSON.parse(fs.readFileSync(client.stateFile, 'utf8'));
      if (process.platform !== 'win32') assert.equal(fs.statSync(client.stateFile).mode & 0o777, 0o600);
      assert.equal(state.fingerprintSalt, server.fingerprintSalt, 'the salt came from the client configuration');
      assert.ok(state.keys.length >= 1, 'the server\'s keys are pinned');

      const { payload, protectedHeader } = await jwtVerify(state.lease, createRemoteJWKSet(new URL(`${server.url}/.well-known/jwks.json`)), {
        typ: 'leasehold-lease+jwt', algorithms: ['EdDSA'],
      });
      assert.equal(protectedHeader.alg, 'EdDSA');
      assert.equal(payload.prod, server.product);
      assert.equal(payload.sub, state.activationId);
      assert.deepEqual(payload.fp, hashComponents(pc.machine.components, server.fingerprintSalt));
      assert.equal(payload.tol, 2);

      const atStart = await pc.offline().status();
      assert.equal(atStart.status, 'licensed', 'the next start decides offline');
    });

    test('check-in when due renews the lease; unreachable, it is the offline status with the grace left and a retry', async () => {
      const customer = await server.customer();
      const pc = computer('checkin');
      await pc.client().activate(customer.credentials);
      pc.clock.advance(3 * DAY + MINUTE);
      const due = await pc.offline().status();
      assert.equal(due.status, 'check_in_due');

      const unreachable = await pc.client({ serverUrl: offlineUrl }).checkIn();
      assert.equal(unreachable.status, 'offline');
      assert.ok(unreachable.status === 'offline' && unreachable.usable);
      if (unreachable.status === 'offline') {
        assert.ok(Math.abs(unreachable.graceLeftMs - (11 * DAY - MINUTE)) < MINUTE, `grace left ${unreachable.graceLeftMs}`);
        assert.equal(unreachable.failures, 1);
        assert.ok(unreachable.nextAttemptAt! - pc.clock.now() >= 24_000 && unreachable.nextAttemptAt! - pc.clock.now() <= 36_000, 'first retry in about 30 s');
      }

      const renewed = await pc.client().start();
      assert.equal(renewed.status, 'licensed');
      if (renewed.status === 'licensed') assert.ok(renewed.lease.checkInDueAt > Date.now() + 3 * DAY - MINUTE, 'a fresh lease from the server');
    });

    test('1 and then 2 changed components: drift is seen at start, checked in at once and re-baselined; 3 is a mismatch naming them', async () => {
      const customer = await server.customer();
      const pc = computer('drift');
      await pc.client().activate(customer.credentials);

      pc.machine.change('disk_serial');
      const one = pc.client();
      const seen = await one.status();
      assert.equal(seen.status, 'drifted');
      assert.deepEqual(seen.status === 'drifted' && seen.changed, ['disk_serial']);
      const checked = await one.start();
      assert.equal(checked.status, 'licensed');
      assert.deepEqual(checked.status === 'licensed' && checked.drift?.changed, ['disk_serial']);
      assert.equal((await pc.offline().status()).status, 'licensed', 'the new disk is the baseline');

      pc.machine.change('cpu', 'mac');
      const two = pc.client();
      assert.deepEqual(await two.status().then((s) => s.status === 'drifted' && s.changed), ['cpu', 'mac']);
      assert.equal((await two.start()).status, 'licensed');

      pc.machine.change('machine_id', 'board_serial', 'os_install_id');
      const three = pc.client();
      const local = await three.status();
      assert.equal(local.status, 'fingerprint_mismatch');
      assert.deepEqual(local.status === 'fingerprint_mismatch' && local.changed, ['board_serial', 'machine_id', 'os_install_id']);
      const answered = await three.start();
      assert.equal(answered.status, 'fingerprint_mismatch');
      assert.equal(answered.usable, false);
      assert.deepEqual(answered.status === 'fingerprint_mismatch' && answered.changed, ['board_serial', 'machine_id', 'os_install_id'], 'the server names them too');
      assert.equal((await pc.offline().status()).status, 'fingerprint_mismatch', 'the refusal is remembered offline');
    });

    test('offline, the lease runs out on its expiry (controlled clock)', async () => {
      const customer = await server.customer();
      const pc = computer('expiry');
      await pc.client().activate(customer.credentials);
      pc.clock.advance(13 * DAY);
      const late = await pc.client({ serverUrl: offlineUrl }).checkIn();
      assert.equal(late.status, 'offline');
      // The server issued the lease a moment after this computer's clock was read: allow for that moment.
      assert.ok(late.status === 'offline' && late.graceLeftMs === late.lease.expiresAt - pc.clock.now() && Math.abs(late.graceLeftMs - DAY) < MINUTE);
      pc.clock.advance(DAY + 5 * MINUTE);
      const expired = await pc.offline().status();
      assert.equal(expired.status, 'lease_expired');
      assert.equal(expired.usable, false);
      const back = await pc.client().start();
      assert.equal(back.status, 'licensed', 'back online, the check-in renews it');
    });

    test('a tampered lease, and one signed by a key the app does not trust, are refused', async () => {
      const customer = await server.customer();
      const pc = computer('tamper');
      const client = pc.client();
      await client.activate(customer.credentials);
      const original = JSON.parse(fs.readFileSync(client.stateFile, 'utf8'));
      const [header, payload, signature] = original.lease.split('.');
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
      const write = (lease: string) => fs.writeFileSync(client.stateFile, JSON.stringify({ ...original, lease }));

      write(`${header}.${Buffer.from(JSON.stringify({ ...claims, exp: claims.exp + 365 * 86400 })).toString('base64url')}.${signature}`);
      assert.deepEqual(await pc.offline().status().then((s) => s.status === 'must_activate' && s.reason), 'lease_invalid');

      const forger = generateKeyPairSync('ed25519').privateKey;
      const forge = (kid: string) => {
        const h = Buffer.from(JSON.stringify({ alg: 'EdDSA', typ: 'leasehold-lease+jwt', kid })).toString('base64url');
        const p = Buffer.from(JSON.stringify({ ...claims, exp: claims.exp + 365 * 86400 })).toString('base64url');
        return `${h}.${p}.${sign(null, Buffer.from(`${h}.${p}`), forger).toString('base64url')}`;
      };
      write(forge('someone-elses-key'));
      assert.deepEqual(await pc.offline().status().then((s) => s.status === 'must_activate' && s.reason), 'lease_untrusted');
      write(forge(JSON.parse(Buffer.from(header, 'base64url').toString()).kid));
      assert.deepEqual(await pc.offline().status().then((s) => s.status === 'must_activate' && s.reason), 'lease_invalid', 'the right key id does not make the wrong key sign');

      write(original.lease);
      assert.equal((await pc.offline().status()).status, 'licensed');
    });

    test('a clock set back beyond the tolerance is caught; a small correction is not', async () => {
      const customer = await server.customer();
      const pc = computer('clock');
      await pc.client().activate(customer.credentials);
      pc.clock.advance(-2 * MINUTE);
      assert.equal((await pc.offline().status()).status, 'licensed');
      pc.clock.advance(-DAY);
      const rolled = await pc.offline().status();
      assert.equal(rolled.status, 'clock_rollback');
      assert.equal(rolled.usable, false);

      // The clock went forward ten days (seen and remembered), then back to stretch the lease.
      pc.clock.advance(DAY + 2 * MINUTE + 10 * DAY);
      assert.equal((await pc.offline().status()).status, 'check_in_due');
      pc.clock.advance(-9 * DAY);
      assert.equal((await pc.offline().status()).status, 'clock_rollback');
    });

    test('air-gapped: request file, response file from the server, import; a wrong response is refused', async () => {
      const customer = await server.customer(2);
      const jwks = (await (await fetch(`${server.url}/.well-known/jwks.json`)).json()) as Jwks;
      const site = computer('air-gapped');
      const vault = site.client({ serverUrl: undefined, fingerprintSalt: server.fingerprintSalt, trustedKeys: jwks });
      const portal = (request: string) => fetch(`${server.url}/v1/offline/activations`, {
        method: 'POST', body: request,
        headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from(`${customer.credentials.customerNumber}:${customer.credentials.registrationKey}`).toString('base64')}` },
      }).then((r) => r.json() as Promise<any>);

      const stale = await portal(await vault.createOfflineRequest());
      const answer = await portal(await vault.createOfflineRequest());
      assert.equal(answer.valid, true);
      await assert.rejects(vault.importOfflineResponse(JSON.stringify(stale.responseFile)), (e: LeaseholdError) => e.code === 'OFFLINE_FILE_INVALID');
      const other = site.client({ serverUrl: undefined, fingerprintSalt: server.fingerprintSalt, trustedKeys: jwks, collectComponents: new TestMachine('elsewhere').collect });
      await assert.rejects(other.importOfflineResponse(JSON.stringify(answer.responseFile)), /another computer/);
      const untrusting = site.client({ serverUrl: undefined, fingerprintSalt: server.fingerprintSalt, trustedKeys: [] });
      await assert.rejects(untrusting.importOfflineResponse(JSON.stringify(answer.responseFile)), (e: LeaseholdError) => e.code === 'NO_TRUSTED_KEYS');

      const imported = await vault.importOfflineResponse(JSON.stringify(answer.responseFile));
      assert.equal(imported.status, 'licensed');
      assert.ok(imported.status === 'licensed' && imported.lease.airGapped);
      assert.equal((await vault.start()).status, 'licensed', 'nothing to check in with, and no network needed');
      await assert.rejects(vault.importOfflineResponse(JSON.stringify(answer.responseFile)), /No activation request is waiting/);
    });

    test('no free seat: the computers holding them and the budget; resetting one moves the license, and that computer is told', async () => {
      const customer = await server.customer(1);
      const old = computer('old-pc');
      await old.client().activate(customer.credentials);
      const fresh = computer('new-pc');
      const client = fresh.client();
      const refused = await client.activate(customer.credentials);
      assert.equal(refused.activated, false);
      assert.ok(!refused.activated && refused.code === 'NO_FREE_SEAT');
      if (refused.activated || refused.code !== 'NO_FREE_SEAT') return;
      assert.deepEqual(refused.holders.map((h) => h.hostName), ['old-pc-pc']);
      assert.equal(refused.resetBudgets[0].budget.remaining, 3);

      const reset = await client.resetSeat(refused.holders[0].activationId, 'Replaced the reception computer');
      assert.equal(reset.budget.remaining, 2);
      assert.equal((await client.activate(customer.credentials)).activated, true);

      const told = await old.client().checkIn();
      assert.equal(told.status, 'reset_elsewhere');
      assert.equal(told.status === 'reset_elsewhere' && told.code, 'ACTIVATION_RELEASED');
      assert.equal((await old.offline().status()).status, 'reset_elsewhere', 'remembered at the next start, offline');
    });

    test('floating: heartbeats while running, the seat is given back on exit and taken again at the next start', async () => {
      const customer = await server.customer(1, await server.floatingPlan());
      const a = computer('float-a');
      const b = computer('float-b');
      const appA = a.client();
      await appA.activate(customer.credentials);
      const running = await appA.start();
      assert.ok(running.status === 'licensed' && running.lease.mode === 'floating');
      assert.ok(running.status === 'licensed' && running.lease.expiresAt - running.lease.issuedAt === 300_000);
      a.clock.advance(101_000);
      assert.equal((await appA.checkIn()).status, 'licensed', 'a heartbeat renews the seat');
      assert.ok(!(await b.client().activate(customer.credentials)).activated, 'held while A runs');

      await appA.stop();
      assert.equal((await a.offline().status()).status, 'must_activate');
      const appB = b.client();
      assert.equal((await appB.activate(customer.credentials)).activated, true, 'released on exit');
      const blocked = await a.client().start();
      assert.equal(blocked.status, 'refused');
      await appB.stop();
      assert.equal((await a.client().start()).status, 'licensed', 'A takes the seat again at its next start');
    });

    test('too few components is said so, naming the missing ones; wrong details are the server\'s INVALID_CREDENTIALS', async () => {
      const customer = await server.customer();
      const vm = computer('vm');
      vm.machine.components = { machine_id: 'abc123', cpu: 'AMD EPYC' };
      const outcome = await vm.client().activate(customer.credentials);
      assert.ok(!outcome.activated && outcome.code === 'TOO_FEW_COMPONENTS');
      if (!outcome.activated && outcome.code === 'TOO_FEW_COMPONENTS') {
        assert.equal(outcome.required, 3);
        assert.deepEqual(outcome.missing, ['system_uuid', 'board_serial', 'disk_serial', 'mac', 'os_install_id']);
      }
      await assert.rejects(computer('typo').client().activate(customer.credentials.customerNumber, 'WRONG-KEY'), (e: LeaseholdError) => e.code === 'INVALID_CREDENTIALS' && e.status === 401);
    });

    test('deactivate gives the seat back with the activation secret, without touching the reset budget', async () => {
      const customer = await server.customer(1);
      const pc = computer('leaving');
      const client = pc.client();
      await client.activate(customer.credentials);
      const stored = () => JSON.parse(fs.readFileSync(client.stateFile, 'utf8'));
      assert.match(stored().activationSecret, /^lh_act_/, 'the activation secret is kept with the lease');
      const after = await client.deactivate();
      assert.deepEqual(after.status === 'must_activate' && after.reason, 'deactivated');
      assert.equal(stored().activationSecret, undefined, 'forgotten with the activation');
      const next = await computer('arriving').client().activate(customer.credentials);
      assert.equal(next.activated, true);
    });

    test('deactivate must prove this is the computer: a wrong secret or components beyond the tolerance is RESET_REQUIRED and the seat stays; without a secret, components within the tolerance give it back', async () => {
      const customer = await server.customer(1);
      const pc = computer('proving');
      const client = pc.client();
      await client.activate(customer.credentials);
      const state = JSON.parse(fs.readFileSync(client.stateFile, 'utf8'));
      const original = { ...pc.machine.components };
      const refused = (e: unknown) => e instanceof LeaseholdError && e.code === 'RESET_REQUIRED' && e.status === 403 && /reset/i.test(e.message);

      fs.writeFileSync(client.stateFile, JSON.stringify({ ...state, activationSecret: 'lh_act_copied-from-another-computer' }));
      pc.machine.change('machine_id', 'board_serial', 'disk_serial');
      await assert.rejects(pc.client().deactivate(), refused, 'a wrong secret, and three of seven components changed (2 allowed)');
      const { activationSecret: _secret, ...withoutSecret } = state;
      fs.writeFileSync(client.stateFile, JSON.stringify(withoutSecret));
      await assert.rejects(pc.client().deactivate(), refused, 'no secret (an activation made before secrets), three components changed');
      assert.equal(JSON.parse(fs.readFileSync(client.stateFile, 'utf8')).activationId, state.activationId, 'a refused deactivation keeps the activation');
      const waiting = computer('waiting');
      assert.ok(!(await waiting.client().activate(customer.credentials)).activated, 'the seat is still held');

      pc.machine.components = { ...original };
      pc.machine.change('cpu', 'mac');
      const released = await pc.client().deactivate();
      assert.deepEqual(released.status === 'must_activate' && released.reason, 'deactivated', 'two changed components are within the tolerance');
      assert.equal((await waiting.client().activate(customer.credentials)).activated, true);
    });
  });
}
