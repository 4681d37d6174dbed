import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createPublicKey, verify } from 'node:crypto';
import { DAY } from '@leasehold/core';
import { DEMO } from '../demo/demo-catalog.ts';
import { DIALECTS, createHarness, fingerprint, json, seedCustomer, type Harness, type TestCustomer } from '../testing/harness.ts';

const activateBody = (seed: string, overrides: Record<string, string> = {}) => ({
  product: DEMO.desktop.product,
  fingerprint: fingerprint(seed, overrides),
  hostName: `${seed}-pc`,
  platform: 'win32 10.0.22631',
  appVersion: '5.2.0',
});

for (const dialect of DIALECTS) {
  describe(`machine API (${dialect})`, () => {
    let h: Harness;
    let customer: TestCustomer;
    before(async () => {
      h = await createHarness(dialect);
      customer = await seedCustomer(h, [DEMO.desktop.plan, DEMO.desktop.plan]);
    });
    after(() => h.close());

    const post = (url: string, payload: object, auth = customer.basic) => h.request({ method: 'POST', url, payload, headers: { authorization: auth } });

    test('activates, re-activates the same computer without a second seat, and refuses a third computer naming the holders', async () => {
      const first = json(await post('/v1/activations', activateBody('reception')));
      assert.equal(first.valid, true);
      assert.equal(first.code, 'VALID');
      assert.equal(first.reactivated, false);
      assert.ok(customer.licenseIds.includes(first.activation.licenseId));

      const again = json(await post('/v1/activations', activateBody('reception', { mac: 'f'.repeat(64) })));
      assert.equal(again.activation.id, first.activation.id);
      assert.equal(again.reactivated, true);

      const second = json(await post('/v1/activations', activateBody('office')));
      assert.equal(second.valid, true);
      assert.notEqual(second.activation.licenseId, first.activation.licenseId);

      const third = await post('/v1/activations', activateBody('laptop'));
      assert.equal(third.statusCode, 200);
      const refused = json(third);
      assert.equal(refused.code, 'NO_FREE_SEAT');
      assert.deepEqual(refused.holders.map((x: any) => x.hostName).sort(), ['office-pc', 'reception-pc']);
      assert.equal(refused.resetBudgets[0].budget.remaining, 3);
    });

    test('check-in tolerates 2 changed components, re-baselines, and names 3 as a mismatch', async () => {
      const c = await seedCustomer(h, [DEMO.desktop.plan]);
      const act = json(await post('/v1/activations', activateBody('drift'), c.basic));
      h.clock.advance(3 * DAY);
      const twoChanged = json(await post(`/v1/activations/${act.activation.id}/check-in`, { fingerprint: fingerprint('drift', { disk_serial: 'a'.repeat(64), mac: 'b'.repeat(64) }) }, c.basic));
      assert.equal(twoChanged.valid, true);
      assert.deepEqual(twoChanged.drift.changed, ['disk_serial', 'mac']);
      // The new values are the baseline: one more change is within tolerance again.
      const next = json(await post(`/v1/activations/${act.activation.id}/check-in`, { fingerprint: fingerprint('drift', { disk_serial: 'a'.repeat(64), mac: 'b'.repeat(64), cpu: 'c'.repeat(64) }) }, c.basic));
      assert.equal(next.valid, true);
      assert.deepEqual(next.drift.changed, ['cpu']);
      const three = json(await post(`/v1/activations/${act.activation.id}/check-in`, { fingerprint: fingerprint('other') }, c.basic));
      assert.equal(three.valid, false);
      assert.equal(three.code, 'FINGERPRINT_MISMATCH');
      assert.equal(three.mismatched.length, 5);
      assert.equal(three.lease, undefined);
    });

    test('the lease is a JWS signed by a published key and names the activation', async () => {
      const c = await seedCustomer(h, [DEMO.desktop.plan]);
      const act = json(await post('/v1/activations', activateBody('signed'), c.basic));
      const [header, payload, signature] = act.lease.split('.');
      const jwks = json(await h.request({ method: 'GET', url: '/.well-known/jwks.json' }));
      const kid = JSON.parse(Buffer.from(header, 'base64url').toString()).kid;
      const jwk = jwks.keys.find((k: any) => k.kid === kid);
      assert.ok(jwk, 'the signing key is published');
      assert.equal(jwks.keys.some((k: any) => 'd' in k), false, 'no private part is published');
      const ok = verify(null, Buffer.from(`${header}.${payload}`), createPublicKey({ key: jwk, format: 'jwk' }), Buffer.from(signature, 'base64url'));
      assert.equal(ok, true);
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
      assert.equal(claims.sub, act.activation.id);
      assert.equal(claims.exp - claims.iat, 14 * 86400);
      assert.equal(claims.chk - claims.iat, 3 * 86400);
    });

    test('reset from the app frees another computer\'s seat within the budget, and the released one is told so', async () => {
      const c = await seedCustomer(h, [DEMO.desktop.plan]);
      const old = json(await post('/v1/activations', activateBody('old-pc'), c.basic));
      const refused = json(await post('/v1/activations', activateBody('new-pc'), c.basic));
      assert.equal(refused.code, 'NO_FREE_SEAT');
      const reset = json(await post(`/v1/activations/${refused.holders[0].activationId}/reset`, { reason: 'Replaced the reception computer' }, c.basic));
      assert.equal(reset.budget.remaining, 2);
      assert.equal(json(await post('/v1/activations', activateBody('new-pc'), c.basic)).valid, true);
      const gone = json(await post(`/v1/activations/${old.activation.id}/check-in`, { fingerprint: fingerprint('old-pc') }, c.basic));
      assert.equal(gone.code, 'ACTIVATION_RELEASED');
    });
  });
}
