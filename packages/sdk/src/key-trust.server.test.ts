import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { trustedKeysDocument, retireSigningKey, rotateSigningKey } from '@leasehold/server';
import { createHarness, DIALECTS, seedCustomer, TEST_SECRETS, type Harness } from '@leasehold/server/testing';
import { LeaseholdClient } from './client.ts';
import { tempDataDir, TestMachine } from './testing/test-machine.ts';

// The SDK and the server's keys together, in process: the server's clock is moved so its signer
// looks at the keys again, as a running server does once a minute.

const CLI = { type: 'system', id: 'cli' } as const;

/** fetch, answered by the in-process server. */
function fetchFrom(h: Harness): typeof fetch {
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(String(input));
    const response = await h.request({
      method: (init?.method ?? 'GET') as 'GET', url: `${url.pathname}${url.search}`,
      headers: Object.fromEntries(new Headers(init?.headers).entries()), payload: init?.body as string | undefined,
    });
    return new Response(response.body || null, { status: response.statusCode, headers: { 'content-type': String(response.headers['content-type'] ?? 'application/json'), date: new Date(h.clock.now()).toUTCString() } });
  }) as typeof fetch;
}

for (const dialect of DIALECTS) {
  describe(`vendor keys, SDK and server (${dialect})`, () => {
    let h: Harness;
    before(async () => {
      h = await createHarness(dialect);
    });
    after(() => h?.close());

    const machine = new TestMachine('keys');

    function app(trustedKeys: object, dataDir: string, fetchImpl = fetchFrom(h)) {
      return new LeaseholdClient({
        serverUrl: 'http://leasehold.test', product: h.catalog.desktop.code, appVersion: '5.2.0', dataDir, clock: h.clock,
        fetch: fetchImpl, collectComponents: machine.collect, trustedKeys: trustedKeys as never,
      });
    }

    test('built with the root key alone, the app follows a rotation and drops a retired key\'s lease at its next contact', async () => {
      const customer = await seedCustomer(h, [h.catalog.desktopPlan.code]);
      const { roots } = await trustedKeysDocument(h.database.db);
      const data = tempDataDir();
      after(data.remove);
      const client = app({ roots }, data.dir);
      const first = await client.activate(customer.registration.customerNumber, customer.registration.registrationKey);
      assert.equal(first.activated && first.status.status, 'licensed');
      const backup = fs.readFileSync(client.stateFile, 'utf8');
      const firstKid = JSON.parse(Buffer.from(JSON.parse(backup).lease.split('.')[0], 'base64url').toString()).kid;

      await rotateSigningKey(h.database, h.clock, TEST_SECRETS, CLI);
      h.clock.advance(61_000);
      h.deps.signer.sign({});
      for (let i = 0; i < 100 && signingKid(h) === firstKid; i++) await new Promise((resolve) => setTimeout(resolve, 10));
      assert.equal((await client.checkIn()).status, 'licensed', 'a lease signed by the new key, which the root certified');

      await retireSigningKey(h.database, h.clock, TEST_SECRETS, firstKid, CLI);
      // A running server publishes the retirement when it next looks at its keys, within a minute.
      h.clock.advance(61_000);
      await h.deps.signer.jwks();
      for (let i = 0; i < 100 && (await h.deps.signer.jwks()).keys.some((k) => k.kid === firstKid); i++) await new Promise((resolve) => setTimeout(resolve, 10));
      // The state file put back from a backup taken when the retired key signed its lease; the
      // server answers the key list but not the check-in.
      fs.writeFileSync(client.stateFile, backup);
      const cutOff = app({ roots }, data.dir, (async (input: string | URL | Request, init?: RequestInit) => {
        if (String(input).endsWith('/check-in')) throw new TypeError('fetch failed');
        return fetchFrom(h)(input, init);
      }) as typeof fetch);
      assert.equal(cutOff.evaluate(null).status, 'licensed', 'offline, the backup\'s lease still counts until the app hears of the retirement');
      const status = await cutOff.checkIn();
      assert.equal(status.status, 'must_activate');
      assert.equal(status.status === 'must_activate' && status.reason, 'key_retired');
      assert.equal((await client.checkIn()).status, 'licensed', 'with the server reachable, a check-in takes a lease of the key in use');
    });
  });
}

function signingKid(h: Harness): string {
  return JSON.parse(Buffer.from(h.deps.signer.sign({}).split('.')[0], 'base64url').toString()).kid;
}
