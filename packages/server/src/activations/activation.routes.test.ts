import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createPublicKey, verify } from 'node:crypto';
import { DAY } from '@leasehold/core';
import { createPlan, createPolicy } from '../catalog/catalog.service.ts';
import { DEMO } from '../demo/demo-catalog.ts';
import { SYSTEM_ACTOR } from '../events/event.repository.ts';
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

    test('validate changes nothing; deactivate frees the seat without touching the reset budget', async () => {
      const c = await seedCustomer(h, [DEMO.desktop.plan]);
      const act = json(await post('/v1/activations', activateBody('readonly'), c.basic));
      h.clock.advance(DAY);
      const checked = json(await post(`/v1/activations/${act.activation.id}/validate`, { fingerprint: fingerprint('readonly', { cpu: 'd'.repeat(64) }) }, c.basic));
      assert.equal(checked.valid, true);
      assert.deepEqual(checked.drift.changed, ['cpu']);
      assert.equal(checked.activation.lastCheckInAt, act.activation.lastCheckInAt, 'validate wrote no check-in');
      const drifts = await h.database.db.selectFrom('events').select('id').where('subject_id', '=', act.activation.id).where('type', '=', 'activation.drifted').execute();
      assert.equal(drifts.length, 0, 'validate recorded no drift');

      const off = await h.request({ method: 'DELETE', url: `/v1/activations/${act.activation.id}`, headers: { authorization: c.basic }, payload: { activationSecret: act.activationSecret } });
      assert.equal(json(off).released, true);
      const next = json(await post('/v1/activations', activateBody('another'), c.basic));
      assert.equal(next.valid, true, 'the seat was free again');
      const resets = await h.database.db.selectFrom('resets').select('id').where('license_id', '=', c.licenseIds[0]).execute();
      assert.equal(resets.length, 0);
    });

    test('a license key limits the caller to that license', async () => {
      const c = await seedCustomer(h, [DEMO.desktop.plan, DEMO.desktop.plan]);
      const byKey = `License ${c.licenseKeys[1]}`;
      const act = json(await post('/v1/activations', activateBody('keyed'), byKey));
      assert.equal(act.activation.licenseId, c.licenseIds[1]);
      const other = json(await post('/v1/activations', activateBody('by-details'), c.basic));
      assert.equal(other.activation.licenseId, c.licenseIds[0]);
      const foreign = await post(`/v1/activations/${other.activation.id}/check-in`, { fingerprint: fingerprint('by-details') }, byKey);
      assert.equal(foreign.statusCode, 404);
      const full = json(await post('/v1/activations', activateBody('third'), byKey));
      assert.equal(full.code, 'NO_FREE_SEAT');
      assert.deepEqual(full.holders.map((x: any) => x.hostName), ['keyed-pc']);
    });

    test('a floating seat whose heartbeats stop is free again after the window, with no job', async () => {
      const product = h.catalog.desktop;
      const now = h.clock.now();
      const plan = await h.database.transaction(async (trx) => {
        const policy = await createPolicy(trx, product.id, {
          name: 'floating', mode: 'floating', checkInIntervalSeconds: 3600, leaseSeconds: 3600, fingerprintTolerance: 2, minComponents: 3,
          resetLimit: 3, resetWindowSeconds: 365 * 86400, heartbeatSeconds: 300, termDays: null,
        }, SYSTEM_ACTOR, now);
        return createPlan(trx, product.id, { code: `floating-${dialect}`, name: { en: 'Floating' }, policyId: policy.id, priceCents: 1000, currency: 'CAD', period: 'month', slots: [{ feature: DEMO.desktop.feature, quantity: 1 }] }, SYSTEM_ACTOR, now);
      });
      const c = await seedCustomer(h, [plan.code]);
      const a = json(await post('/v1/activations', activateBody('float-a'), c.basic));
      assert.equal(a.valid, true);
      const claims = JSON.parse(Buffer.from(a.lease.split('.')[1], 'base64url').toString());
      assert.equal(claims.exp - claims.iat, 300, 'a floating lease lasts one heartbeat window');
      h.clock.advance(200_000);
      assert.equal(json(await post(`/v1/activations/${a.activation.id}/heartbeat`, { fingerprint: fingerprint('float-a') }, c.basic)).valid, true);
      assert.equal(json(await post('/v1/activations', activateBody('float-b'), c.basic)).code, 'NO_FREE_SEAT');
      h.clock.advance(301_000);
      const b = json(await post('/v1/activations', activateBody('float-b'), c.basic));
      assert.equal(b.valid, true, 'the lapsed seat was taken by another computer');
      const late = json(await post(`/v1/activations/${a.activation.id}/heartbeat`, { fingerprint: fingerprint('float-a') }, c.basic));
      assert.equal(late.code, 'SEAT_LAPSED');
      const released = await h.request({ method: 'DELETE', url: `/v1/activations/${b.activation.id}`, headers: { authorization: c.basic }, payload: { activationSecret: b.activationSecret } });
      assert.equal(released.statusCode, 200, released.body);
      const back = json(await post(`/v1/activations/${a.activation.id}/heartbeat`, { fingerprint: fingerprint('float-a') }, c.basic));
      assert.equal(back.valid, true, 'a lapsed seat is taken again when one is free');
    });

    test('drift and mismatch are events naming the components', async () => {
      const c = await seedCustomer(h, [DEMO.desktop.plan]);
      const act = json(await post('/v1/activations', activateBody('history'), c.basic));
      await post(`/v1/activations/${act.activation.id}/check-in`, { fingerprint: fingerprint('history', { board_serial: 'e'.repeat(64) }) }, c.basic);
      await post(`/v1/activations/${act.activation.id}/check-in`, { fingerprint: fingerprint('elsewhere') }, c.basic);
      const events = await h.database.db.selectFrom('events').selectAll().where('subject_id', '=', act.activation.id).orderBy('id').execute();
      const drift = events.find((e) => e.type === 'activation.drifted');
      assert.deepEqual(JSON.parse(drift!.data).changed, ['board_serial']);
      const refused = events.find((e) => e.type === 'activation.check_in_refused');
      assert.equal(JSON.parse(refused!.data).code, 'FINGERPRINT_MISMATCH');
      assert.ok(events.every((e) => e.actor_type), 'every event has an actor');
    });
  });
}
