import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DAY } from '@leasehold/core';
import { DEMO } from '../demo/demo-catalog.ts';
import { DIALECTS, createHarness, fingerprint, json, seedCustomer, type Harness, type TestCustomer } from '../testing/harness.ts';
import { assertProblem } from '../testing/security.ts';
import { hashSecret } from '../shared/secrets.ts';

/** Components that differ from `seed`'s in the first `count` of them (the demo desktop policy tolerates 2). */
const changed = (seed: string, count: number) =>
  fingerprint(seed, Object.fromEntries(['machine_id', 'board_serial', 'disk_serial', 'cpu', 'mac'].slice(0, count).map((n) => [n, `${n}-replaced`.padEnd(64, '0')])));

for (const dialect of DIALECTS) {
  describe(`deactivation: only the computer itself gives its seat back (${dialect})`, () => {
    let h: Harness;
    before(async () => {
      h = await createHarness(dialect);
    });
    after(() => h.close());

    const send = (method: 'POST' | 'DELETE', url: string, customer: TestCustomer, payload?: object) =>
      h.request({ method, url, headers: { authorization: customer.basic }, ...(payload ? { payload } : {}) });
    const activate = async (customer: TestCustomer, seed: string) =>
      json(await send('POST', '/v1/activations', customer, { product: DEMO.desktop.product, fingerprint: fingerprint(seed), hostName: `${seed}-pc`, platform: 'win32 10.0.22631', appVersion: '5.2.0' }));
    const deactivate = (customer: TestCustomer, activationId: string, proof?: object) => send('DELETE', `/v1/activations/${activationId}`, customer, proof);
    const events = (activationId: string, type: string) =>
      h.database.db.selectFrom('events').select('data').where('subject_id', '=', activationId).where('type', '=', type).execute();

    test('budget spent and seats taken: a script with the registration details cannot release another computer (RESET_REQUIRED); the seat stays held, the new computer gets NO_FREE_SEAT, the budget is unchanged', async () => {
      const customer = await seedCustomer(h, [DEMO.desktop.plan]);
      for (const seed of ['first', 'second', 'third']) {
        const moved = await activate(customer, seed);
        assert.equal(moved.valid, true);
        const reset = await send('POST', `/v1/activations/${moved.activation.id}/reset`, customer, { reason: 'Moved to another computer' });
        assert.equal(reset.statusCode, 200, reset.body);
        h.clock.advance(DAY);
      }
      const holder = await activate(customer, 'holder');
      assert.equal(holder.valid, true);
      const before = await activate(customer, 'newcomer');
      assert.equal(before.code, 'NO_FREE_SEAT');
      assert.deepEqual(before.resetBudgets[0].budget, { ...before.resetBudgets[0].budget, limit: 3, used: 3, remaining: 0 });

      // The script runs on the new computer: it knows the holder's id (NO_FREE_SEAT names it) and its own components, not the holder's.
      const holderId = before.holders[0].activationId;
      assert.equal(holderId, holder.activation.id);
      for (const proof of [undefined, {}, { fingerprint: fingerprint('newcomer') }, { activationSecret: 'lh_act_guessed' }]) {
        assertProblem(await deactivate(customer, holderId, proof), 403, 'RESET_REQUIRED', `DELETE with ${JSON.stringify(proof)}`);
      }
      const refusal = json(await deactivate(customer, holderId));
      assert.match(refusal.detail, /reset/i, 'the refusal says that freeing another computer is a reset');

      const still = json(await send('POST', `/v1/activations/${holderId}/validate`, customer, { fingerprint: fingerprint('holder') }));
      assert.equal(still.valid, true, 'the holder keeps its seat');
      const after = await activate(customer, 'newcomer');
      assert.equal(after.code, 'NO_FREE_SEAT', 'the new computer is still refused');
      assert.deepEqual(after.resetBudgets, before.resetBudgets, 'the reset budget is unchanged');
      assert.equal((await h.database.db.selectFrom('resets').select('id').where('license_id', '=', customer.licenseIds[0]).execute()).length, 3);
      assert.deepEqual(await events(holderId, 'activation.deactivated'), []);
      const fourth = await send('POST', `/v1/activations/${holderId}/reset`, customer, { reason: 'One more' });
      assertProblem(fourth, 409, 'RESET_BUDGET_EXHAUSTED', 'a reset beyond the budget');
    });

    test('the computer gives its seat back with the secret its activation answered with; a wrong secret is refused; re-activating gives a new one', async () => {
      const customer = await seedCustomer(h, [DEMO.desktop.plan]);
      const first = await activate(customer, 'leaving');
      assert.match(first.activationSecret, /^lh_act_[A-Za-z0-9_-]{43}$/);
      const row = await h.database.db.selectFrom('activations').select('secret_hash').where('assignment_id', '=', first.activation.id).executeTakeFirstOrThrow();
      assert.equal(row.secret_hash, hashSecret(first.activationSecret), 'only the hash is kept');
      const checkedIn = json(await send('POST', `/v1/activations/${first.activation.id}/check-in`, customer, { fingerprint: fingerprint('leaving') }));
      assert.equal(checkedIn.activationSecret, undefined, 'a check-in does not repeat it');

      const again = await activate(customer, 'leaving');
      assert.equal(again.reactivated, true);
      assert.notEqual(again.activationSecret, first.activationSecret);
      assertProblem(await deactivate(customer, first.activation.id, { activationSecret: first.activationSecret }), 403, 'RESET_REQUIRED', 'the replaced secret');
      assertProblem(await deactivate(customer, first.activation.id, { activationSecret: `${again.activationSecret}x` }), 403, 'RESET_REQUIRED', 'a wrong secret');

      const off = await deactivate(customer, first.activation.id, { activationSecret: again.activationSecret });
      assert.equal(off.statusCode, 200, off.body);
      assert.deepEqual(json(off), { released: true, activationId: first.activation.id });
      assert.equal(JSON.parse((await events(first.activation.id, 'activation.deactivated'))[0].data).provenBy, 'secret');
      assert.equal((await activate(customer, 'arriving')).valid, true, 'the seat is free');
      assert.equal((await h.database.db.selectFrom('resets').select('id').where('license_id', '=', customer.licenseIds[0]).execute()).length, 0, 'not a reset');
    });

    test('an activation made before secrets (none stored) proves itself by its components: within the tolerance it is released, beyond it RESET_REQUIRED', async () => {
      const customer = await seedCustomer(h, [DEMO.desktop.plan]);
      const old = await activate(customer, 'older');
      await h.database.db.updateTable('activations').set({ secret_hash: null }).where('assignment_id', '=', old.activation.id).execute();
      assertProblem(await deactivate(customer, old.activation.id, { activationSecret: old.activationSecret }), 403, 'RESET_REQUIRED', 'a secret the activation does not have');
      assertProblem(await deactivate(customer, old.activation.id, { fingerprint: changed('older', 3) }), 403, 'RESET_REQUIRED', '3 changed components');
      const refused = json(await deactivate(customer, old.activation.id, { fingerprint: changed('older', 3) }));
      assert.equal(refused.mismatched, undefined, 'the refusal does not say which components differ');

      const off = await deactivate(customer, old.activation.id, { fingerprint: changed('older', 2) });
      assert.equal(off.statusCode, 200, off.body);
      assert.equal(JSON.parse((await events(old.activation.id, 'activation.deactivated'))[0].data).provenBy, 'fingerprint');
    });

    test('an air-gapped activation gets no secret: its response file goes through people, and the portal releases it', async () => {
      const customer = await seedCustomer(h, [DEMO.desktop.plan]);
      const answer = json(await send('POST', '/v1/offline/activations', customer, {
        type: 'leasehold-offline-request', version: 1, nonce: 'deactivation-test-nonce-01', createdAt: '2026-01-15T12:00:00.000Z',
        product: DEMO.desktop.product, fingerprint: fingerprint('vault'), hostName: 'vault-pc', platform: 'linux 6.8', appVersion: '5.2.0',
      }));
      assert.equal(answer.valid, true);
      assert.equal(answer.activationSecret, undefined);
      const row = await h.database.db.selectFrom('activations').select('secret_hash').where('assignment_id', '=', answer.activation.id).executeTakeFirstOrThrow();
      assert.equal(row.secret_hash, null);
    });
  });
}
