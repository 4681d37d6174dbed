import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DAY } from '@leasehold/core';
import { createPlan } from '../catalog/catalog.service.ts';
import { DEMO } from '../demo/demo-catalog.ts';
import { SYSTEM_ACTOR } from '../events/event.repository.ts';
// The migration itself, run again on a database with activations to check its backfill.
import * as componentsMigration from '../../../db/src/migrations/007-activation-components.ts';
import { DIALECTS, createHarness, fingerprint, json, seedCustomer, type Harness, type TestCustomer } from '../testing/harness.ts';

const SEATS = 60;
const changed = (seed: string, ...names: string[]) => Object.fromEntries(names.map((n) => [n, `${seed}:${n}-replaced`.padEnd(64, 'x')]));
const activateBody = (seed: string, overrides: Record<string, string> = {}) => ({
  product: DEMO.desktop.product, fingerprint: fingerprint(seed, overrides), hostName: `${seed}-pc`, platform: 'linux 6.8', appVersion: '5.2.0',
});

// The desktop policy tolerates 2 changed components of 5; re-activation finds the computer by its component index.
for (const dialect of DIALECTS) {
  describe(`re-activation among many computers (${dialect})`, () => {
    let h: Harness;
    let c: TestCustomer;
    const ids = new Map<string, string>();
    const post = (url: string, payload: object) => h.request({ method: 'POST', url, payload, headers: { authorization: c.basic } });
    const activate = async (seed: string, overrides: Record<string, string> = {}) => json(await post('/v1/activations', activateBody(seed, overrides)));
    const openSeats = async () => (await h.database.db.selectFrom('assignments').select('id').where('customer_id', '=', c.id).where('released_at', 'is', null).execute()).length;

    before(async () => {
      h = await createHarness(dialect);
      const plan = await h.database.transaction((trx) => createPlan(trx, h.catalog.desktop.id, {
        code: `many-${dialect}`, name: { en: 'Many computers' }, policyId: h.catalog.desktopPolicy.id, priceCents: 0, currency: 'CAD', period: 'year',
        slots: [{ feature: DEMO.desktop.feature, quantity: SEATS }],
      }, SYSTEM_ACTOR, h.clock.now()));
      c = await seedCustomer(h, [plan.code]);
      for (let i = 0; i < SEATS - 5; i++) {
        const answer = await activate(`pc-${i}`);
        assert.equal(answer.reactivated, false);
        ids.set(`pc-${i}`, answer.activation.id);
      }
    });
    after(() => h.close());

    test('the same computer gets its own seat back, and every activation has its components indexed', async () => {
      const again = await activate('pc-30');
      assert.equal(again.reactivated, true);
      assert.equal(again.activation.id, ids.get('pc-30'));
      assert.equal(await openSeats(), SEATS - 5);
      const rows = await h.database.db.selectFrom('activation_components').select(['assignment_id', 'name', 'hash']).where('customer_id', '=', c.id).execute();
      assert.equal(rows.length, (SEATS - 5) * 5);
      assert.deepEqual(Object.fromEntries(rows.filter((r) => r.assignment_id === ids.get('pc-30')).map((r) => [r.name, r.hash])), fingerprint('pc-30'));
    });

    test('a computer with components changed within tolerance is recognised and its drift recorded', async () => {
      const drifted = await activate('pc-40', changed('pc-40', 'disk_serial', 'mac'));
      assert.equal(drifted.reactivated, true);
      assert.equal(drifted.activation.id, ids.get('pc-40'));
      assert.deepEqual(drifted.drift.changed, ['disk_serial', 'mac']);
      const events = await h.database.db.selectFrom('events').select('type').where('subject_id', '=', ids.get('pc-40')!).where('type', '=', 'activation.drifted').execute();
      assert.equal(events.length, 1);
      const beyond = await activate('pc-41', changed('pc-41', 'disk_serial', 'mac', 'cpu'));
      assert.equal(beyond.reactivated, false, 'three changed components are another computer');
      ids.set('pc-41-other', beyond.activation.id);
    });

    test('the index follows the re-baselined fingerprint, from activation and from check-in', async () => {
      // pc-40 was re-baselined with disk_serial and mac replaced; two more changes are within tolerance of the new baseline only.
      const fromActivation = await activate('pc-40', changed('pc-40', 'disk_serial', 'mac', 'cpu', 'board_serial'));
      assert.equal(fromActivation.activation.id, ids.get('pc-40'));
      assert.deepEqual(fromActivation.drift.changed, ['board_serial', 'cpu']);
      // Now it shares no component with the fingerprint it was first activated with.
      const allNew = await activate('pc-40', changed('pc-40', 'disk_serial', 'mac', 'cpu', 'board_serial', 'machine_id'));
      assert.equal(allNew.activation.id, ids.get('pc-40'));
      assert.deepEqual(allNew.drift.changed, ['machine_id']);

      h.clock.advance(DAY);
      const checkIn = json(await post(`/v1/activations/${ids.get('pc-20')}/check-in`, { fingerprint: fingerprint('pc-20', changed('pc-20', 'machine_id', 'cpu')) }));
      assert.equal(checkIn.valid, true);
      const stored = await h.database.db.selectFrom('activation_components').select(['name', 'hash']).where('assignment_id', '=', ids.get('pc-20')!).execute();
      assert.deepEqual(Object.fromEntries(stored.map((r) => [r.name, r.hash])), fingerprint('pc-20', changed('pc-20', 'machine_id', 'cpu')));
      const moved = await activate('pc-20', changed('pc-20', 'machine_id', 'cpu', 'mac', 'disk_serial'));
      assert.equal(moved.reactivated, true);
      assert.equal(moved.activation.id, ids.get('pc-20'));
    });

    test('a released activation is never matched', async () => {
      const off = await h.request({ method: 'DELETE', url: `/v1/activations/${ids.get('pc-50')}`, headers: { authorization: c.basic }, payload: { fingerprint: fingerprint('pc-50') } });
      assert.equal(json(off).released, true);
      const back = await activate('pc-50');
      assert.equal(back.reactivated, false);
      assert.notEqual(back.activation.id, ids.get('pc-50'));
    });

    test('NO_FREE_SEAT lists the 50 most recently seen holders and gives the total', async () => {
      for (let i = 0; (await openSeats()) < SEATS; i++) assert.equal((await activate(`filler-${i}`)).valid, true);
      h.clock.advance(DAY);
      assert.equal(json(await post(`/v1/activations/${ids.get('pc-3')}/check-in`, { fingerprint: fingerprint('pc-3') })).valid, true);
      const refused = await activate('one-too-many');
      assert.equal(refused.code, 'NO_FREE_SEAT');
      assert.equal(refused.holdersTotal, SEATS);
      assert.equal(refused.holders.length, 50);
      assert.equal(refused.holders[0].activationId, ids.get('pc-3'), 'the most recently seen first');
      assert.match(refused.detail, new RegExp(`All ${SEATS} licenses`));
      assert.equal(refused.resetBudgets.length, 1);
      assert.equal(refused.resetBudgets[0].budget.remaining, 3);
    });

    test('the migration fills the index from the fingerprints of open activations only', async () => {
      const db = h.database.db;
      const open = await db.selectFrom('assignments').select('id').where('customer_id', '=', c.id).where('released_at', 'is', null).execute();
      const expected = (await db.selectFrom('activation_components').select(['assignment_id', 'name', 'hash']).execute())
        .filter((r) => open.some((o) => o.id === r.assignment_id));
      await componentsMigration.down(db);
      await componentsMigration.up(db);
      const backfilled = await db.selectFrom('activation_components').select(['assignment_id', 'name', 'hash']).execute();
      const key = (r: { assignment_id: string; name: string }) => `${r.assignment_id}/${r.name}`;
      assert.deepEqual(backfilled.map(key).sort(), expected.map(key).sort());
      assert.deepEqual(backfilled.find((r) => r.assignment_id === ids.get('pc-20') && r.name === 'cpu')?.hash, fingerprint('pc-20', changed('pc-20', 'cpu')).cpu);
      assert.equal((await activate('pc-40', changed('pc-40', 'disk_serial', 'mac', 'cpu', 'board_serial', 'machine_id'))).activation.id, ids.get('pc-40'));
    });
  });
}
