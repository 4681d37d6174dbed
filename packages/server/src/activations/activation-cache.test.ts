// Check-ins keep each activation's cached context current themselves instead of making every
// cached context read again: what validation answers from memory must be what the database holds.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DAY } from '@leasehold/core';
import { DEMO } from '../demo/demo-catalog.ts';
import { DIALECTS, createHarness, fingerprint, json, seedCustomer, type Harness, type TestCustomer } from '../testing/harness.ts';
import { authenticateMachineCached } from '../http/hooks.ts';
import { findMachineContext } from './activation.repository.ts';
import { ActivationService } from './activation.service.ts';

for (const dialect of DIALECTS) {
  describe(`cached activation contexts (${dialect})`, () => {
    let h: Harness;
    let customer: TestCustomer;
    before(async () => {
      h = await createHarness(dialect);
      customer = await seedCustomer(h, [DEMO.desktop.plan, DEMO.desktop.plan, DEMO.desktop.plan, DEMO.desktop.plan]);
    });
    after(() => h.close());

    const post = (url: string, payload: object) => h.request({ method: 'POST', url, payload, headers: { authorization: customer.basic } });
    const activate = async (seed: string) => json(await post('/v1/activations', {
      product: DEMO.desktop.product, fingerprint: fingerprint(seed), hostName: `${seed}-pc`, platform: 'linux 6.8', appVersion: '5.2.0',
    })).activation.id as string;

    /** What validation answers must match the row, field by field, after each step. */
    const agrees = async (id: string, seed: string) => {
      const answer = json(await post(`/v1/activations/${id}/validate`, { fingerprint: fingerprint(seed) }));
      const stored = await findMachineContext(h.database.db, h.dialect, id);
      assert.equal(answer.valid, true, JSON.stringify(answer));
      assert.deepEqual(
        { appVersion: answer.activation.appVersion, lastCheckInAt: answer.activation.lastCheckInAt, leaseExpiresAt: answer.activation.leaseExpiresAt },
        { appVersion: stored!.activation.appVersion, lastCheckInAt: new Date(stored!.activation.lastCheckInAt).toISOString(), leaseExpiresAt: new Date(stored!.activation.leaseExpiresAt).toISOString() },
      );
    };

    test('a repeated validation is answered from memory only while the data is current and only to its owner', async () => {
      const owner = await seedCustomer(h, [DEMO.desktop.plan], 'Memory Clinic');
      const presented = fingerprint('from-memory');
      const id = json(await h.request({
        method: 'POST', url: '/v1/activations', headers: { authorization: owner.basic },
        payload: { product: DEMO.desktop.product, fingerprint: presented, hostName: 'from-memory-pc', platform: 'linux 6.8', appVersion: '5.2.0' },
      })).activation.id as string;
      // A service of its own, so that what it remembers is what it read here.
      const service = new ActivationService(h.deps);
      const principal = await authenticateMachineCached(h.deps, owner.basic);
      assert.equal(service.validateIfCached(principal, id, presented), undefined, 'nothing is remembered before a read');
      const read = await service.validate(principal, id, presented);
      const known = service.validateIfCached(principal, id, presented);
      if (dialect === 'postgres') {
        // No change marker on PostgreSQL: every validation reads.
        assert.equal(known, undefined);
        return;
      }
      assert.equal(known, read);
      assert.equal(known!.code, 'VALID');
      assert.equal(service.validateIfCached(principal, id, fingerprint('another computer'))!.code, 'FINGERPRINT_MISMATCH');
      assert.equal(service.validateIfCached(await authenticateMachineCached(h.deps, customer.basic), id, presented), undefined, 'another customer is never answered from memory');
      await h.request({ method: 'POST', url: `/v1/admin/customers/${owner.id}/suspend`, headers: { authorization: `Bearer ${h.adminKey}` }, payload: {} });
      assert.equal(service.validateIfCached(principal, id, presented), undefined, 'a suspension is a write: the next validation reads');
      assert.equal((await service.validate(await authenticateMachineCached(h.deps, owner.basic), id, presented)).code, 'CUSTOMER_SUSPENDED');
    });

    test('validation after check-ins of two computers, interleaved and concurrent, answers what the database holds', async () => {
      const front = await activate('front');
      const back = await activate('back');
      for (let round = 1; round <= 3; round++) {
        h.clock.advance(DAY);
        await Promise.all([
          post(`/v1/activations/${front}/check-in`, { fingerprint: fingerprint('front'), appVersion: `5.2.${round}` }),
          post(`/v1/activations/${front}/check-in`, { fingerprint: fingerprint('front'), appVersion: `5.2.${round}` }),
          post(`/v1/activations/${back}/check-in`, { fingerprint: fingerprint('back'), appVersion: `6.0.${round}` }),
        ]);
        await agrees(front, 'front');
        await agrees(back, 'back');
      }
    });

    test('a change to the license after cached check-ins is seen by the next validation', async () => {
      const id = await activate('lab');
      await post(`/v1/activations/${id}/check-in`, { fingerprint: fingerprint('lab') });
      await agrees(id, 'lab');
      const { licenseId } = json(await post(`/v1/activations/${id}/validate`, { fingerprint: fingerprint('lab') })).activation;
      const suspended = await h.request({ method: 'POST', url: `/v1/admin/licenses/${licenseId}/suspend`, headers: { authorization: `Bearer ${h.adminKey}` }, payload: { reason: 'unpaid' } });
      assert.equal(suspended.statusCode, 200, suspended.body);
      const answer = json(await post(`/v1/activations/${id}/validate`, { fingerprint: fingerprint('lab') }));
      assert.equal(answer.code, 'LICENSE_SUSPENDED');
    });

    test('a validation that sees drift says so and changes nothing; the unchanged computer\'s answer stays the same', async () => {
      const id = await activate('desk');
      const drifted = fingerprint('desk', { mac: 'f'.repeat(64) });
      const first = json(await post(`/v1/activations/${id}/validate`, { fingerprint: drifted }));
      assert.deepEqual(first.drift, { changed: ['mac'], added: [] });
      assert.match(first.detail, /1 hardware components changed \(mac\).*the next check-in makes them the new baseline/);
      assert.deepEqual(json(await post(`/v1/activations/${id}/validate`, { fingerprint: drifted })).drift, first.drift, 'validation did not re-baseline');
      const same = (await post(`/v1/activations/${id}/validate`, { fingerprint: fingerprint('desk') })).body;
      assert.equal((await post(`/v1/activations/${id}/validate`, {})).body, same);
      assert.equal(JSON.parse(same).drift, null);
    });
  });
}
