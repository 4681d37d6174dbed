import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setCustomerStatus } from '../customers/customer.service.ts';
import { DEMO } from '../demo/demo-catalog.ts';
import { SYSTEM_ACTOR } from '../events/event.repository.ts';
import { DIALECTS, createHarness, json, seedCustomer, type Harness } from '../testing/harness.ts';
import { accountClient, bridgeFor, providers, schedules } from '../testing/seat-fixtures.ts';

const { basic: BASIC, plus: PLUS } = DEMO.engagement;
const { reminders: REMINDERS } = DEMO.engagement.features;

for (const dialect of DIALECTS) {
  describe(`integration API: resources and their health (${dialect})`, () => {
    let h: Harness;
    before(async () => {
      h = await createHarness(dialect);
    });
    after(() => h.close());

    test('reports create, update and, with a full sync, mark missing; each health change is an event', async () => {
      const customer = await seedCustomer(h, [PLUS]);
      const bridge = await bridgeFor(h, customer.id);
      const account = accountClient(h, customer);
      const rooms = schedules('Room 1', 'Room 2', 'Room 3');

      const first = json(await bridge.report([...rooms, ...providers('Dr Roy')]));
      assert.deepEqual([first.created, first.updated, first.unchanged, first.missing], [4, 0, 0, 0]);
      assert.ok(first.resources.every((r: any) => r.health === 'ok'));
      const room1 = first.resources.find((r: any) => r.name === 'Room 1').id;
      assert.equal((await account.post('/v1/account/assignments', { feature: REMINDERS, resourceId: room1 })).statusCode, 201);

      // Yellow: reachable, not synchronised. Red: no longer reachable. A rename alone keeps the health.
      const states: [Partial<(typeof rooms)[number]> & { reachable: boolean; synchronised: boolean }, string][] = [
        [{ reachable: true, synchronised: false }, 'not_synchronised'],
        [{ reachable: false, synchronised: false }, 'unreachable'],
        [{ reachable: true, synchronised: true, name: 'Room 1 (east)' }, 'ok'],
      ];
      for (const [state, health] of states) {
        h.clock.advance(60_000);
        const answer = json(await bridge.report([{ ...rooms[0], ...state }]));
        assert.deepEqual([answer.created, answer.updated, answer.resources[0].health], [0, 1, health]);
        const row = json(await account.get('/v1/account/pools')).items.find((p: any) => p.feature.code === REMINDERS).rows[0];
        assert.equal(row.resource.health, health, 'the activation table shows the warning');
      }
      assert.equal(json(await bridge.report([{ ...rooms[0], name: 'Room 1 (east)' }])).unchanged, 1);

      h.clock.advance(60_000);
      const full = json(await bridge.report([{ ...rooms[0], name: 'Room 1 (east)' }, rooms[1]], { fullSync: true }));
      assert.deepEqual([full.created, full.updated, full.unchanged, full.missing], [0, 0, 2, 1]);
      assert.deepEqual(full.markedMissing.map((r: any) => [r.name, r.health]), [['Room 3', 'missing']]);
      const listed = json(await h.request({ method: 'GET', url: '/v1/integration/resources', headers: { authorization: `Bearer ${bridge.key}` } })).items;
      assert.deepEqual(
        listed.map((r: any) => [r.name, r.health]).sort(),
        [['Dr Roy', 'ok'], ['Room 1 (east)', 'ok'], ['Room 2', 'ok'], ['Room 3', 'missing']],
        'a full sync of schedules leaves providers alone',
      );
      const room3 = listed.find((r: any) => r.name === 'Room 3').id;
      assert.equal(json(await account.post('/v1/account/assignments', { feature: REMINDERS, resourceId: room3 })).code, 'INVALID_STATE');

      h.clock.advance(60_000);
      const back = json(await bridge.report([rooms[2]]));
      assert.deepEqual([back.updated, back.resources[0].health], [1, 'ok']);

      const events = json(await account.get('/v1/account/events?limit=200')).items;
      const changes = events.filter((e: any) => e.type === 'resource.health_changed').map((e: any) => `${e.data.name}:${e.data.from}>${e.data.to}`).reverse();
      assert.deepEqual(changes, [
        'Room 1:ok>not_synchronised', 'Room 1:not_synchronised>unreachable', 'Room 1 (east):unreachable>ok', 'Room 3:ok>missing', 'Room 3:missing>ok',
      ]);
      assert.equal(events.filter((e: any) => e.type === 'resource.reported').length, 4);
      assert.ok(events.filter((e: any) => e.type.startsWith('resource.')).every((e: any) => e.actor.type === 'integration'));
    });

    test('a full sync may name the kinds it covers, so an empty list marks them all missing', async () => {
      const customer = await seedCustomer(h, [BASIC]);
      const bridge = await bridgeFor(h, customer.id);
      await bridge.report([...schedules('A', 'B'), ...providers('Dr X')]);
      const answer = json(await bridge.report([], { fullSync: true, kinds: ['schedule'] }));
      assert.equal(answer.missing, 2);
      assert.equal(json(await bridge.report([], { fullSync: true })).missing, 0, 'no kinds reported, none covered');
    });

    test('refuses bad batches with VALIDATION_FAILED: too many, repeated, machines', async () => {
      const customer = await seedCustomer(h, [BASIC]);
      const bridge = await bridgeFor(h, customer.id);
      const many = Array.from({ length: 1001 }, (_, i) => ({ kind: 'schedule', externalId: `s-${i}`, name: `Schedule number ${i} of a large clinic` }));
      const cases: [string, object[], RegExp][] = [
        ['1001 resources', many, /at most 1000 resources/],
        ['a repeated resource', [...schedules('A'), ...schedules('A')], /repeats schedule\/sched-A/],
        ['a machine', [{ kind: 'machine', externalId: 'pc', name: 'PC' }], /computers report themselves/],
      ];
      for (const [name, resources, detail] of cases) {
        const response = await bridge.report(resources as any);
        assert.equal(response.statusCode, 400, name);
        assert.equal(json(response).code, 'VALIDATION_FAILED', name);
        assert.match(json(response).detail, detail, name);
      }
      const thousand = await bridge.report(many.slice(0, 1000));
      assert.equal(thousand.statusCode, 200);
      assert.equal(json(thousand).created, 1000);
    });

    test('keys: none, unknown, revoked, and one customer\'s key never sees another\'s resources', async () => {
      const one = await seedCustomer(h, [BASIC]);
      const two = await seedCustomer(h, [BASIC]);
      const bridgeOne = await bridgeFor(h, one.id);
      const bridgeTwo = await bridgeFor(h, two.id);
      await bridgeOne.report(providers('Dr Mine'));
      await bridgeTwo.report(providers('Dr Mine'));
      const list = (authorization?: string) => h.request({ method: 'GET', url: '/v1/integration/resources', headers: authorization ? { authorization } : {} });
      assert.equal((await list()).statusCode, 401);
      assert.equal(json(await list('Bearer lh_int_unknown')).code, 'INVALID_CREDENTIALS');
      assert.equal((await list(one.basic)).statusCode, 401, 'registration details are not an integration key');
      const mine = json(await list(`Bearer ${bridgeOne.key}`)).items;
      assert.equal(mine.length, 1);
      assert.notEqual(mine[0].id, json(await list(`Bearer ${bridgeTwo.key}`)).items[0].id);
      await h.database.transaction((trx) => setCustomerStatus(trx, two.id, 'suspended', SYSTEM_ACTOR, h.clock.now()));
      assert.equal(json(await bridgeTwo.report(providers('Dr Mine'))).code, 'CUSTOMER_SUSPENDED');
      assert.equal((await list(`Bearer ${bridgeTwo.key}`)).statusCode, 200, 'a suspended customer\'s bridge still reads');
      await h.database.db.updateTable('integration_keys').set({ revoked_at: h.clock.now() }).where('customer_id', '=', one.id).execute();
      assert.equal((await list(`Bearer ${bridgeOne.key}`)).statusCode, 401);
    });
  });
}
