import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DAY } from '@leasehold/core';
import { DEMO } from '../demo/demo-catalog.ts';
import { adminClient } from '../testing/admin-client.ts';
import { DIALECTS, createHarness, fingerprint, json, seedCustomer, type Harness, type TestCustomer } from '../testing/harness.ts';
import { assertProblem } from '../testing/security.ts';

for (const dialect of DIALECTS) {
  describe(`admin API: activations, resources, integration keys, events (${dialect})`, () => {
    let h: Harness;
    let admin: ReturnType<typeof adminClient>;
    before(async () => {
      h = await createHarness(dialect);
      admin = adminClient(h);
    });
    after(() => h.close());

    const machine = (c: TestCustomer, url: string, payload: object) => h.request({ method: 'POST', url, payload, headers: { authorization: c.basic } });
    const activate = async (c: TestCustomer, seed: string) => {
      const answer = json(await machine(c, '/v1/activations', { product: DEMO.desktop.product, fingerprint: fingerprint(seed), hostName: `${seed}-pc`, platform: 'win32 10.0.22631', appVersion: '5.2.0' }));
      assert.equal(answer.valid, true);
      return answer.activation.id as string;
    };

    test('a customer\'s computers with host name, platform, version, check-in, lease end, license and drift history', async () => {
      const c = await seedCustomer(h, [DEMO.desktop.plan, DEMO.desktop.plan], 'Ivy Clinic');
      const reception = await activate(c, 'ivy-reception');
      await activate(c, 'ivy-office');
      h.clock.advance(DAY);
      await machine(c, `/v1/activations/${reception}/check-in`, { fingerprint: fingerprint('ivy-reception', { mac: 'a'.repeat(64) }), appVersion: '5.3.0' });
      h.clock.advance(DAY);
      await machine(c, `/v1/activations/${reception}/check-in`, { fingerprint: fingerprint('ivy-reception', { mac: 'a'.repeat(64), disk_serial: 'b'.repeat(64) }) });

      const list = await admin.ok('GET', `/v1/admin/customers/${c.id}/activations`);
      assert.deepEqual(list.items.map((a: any) => a.hostName).sort(), ['ivy-office-pc', 'ivy-reception-pc']);
      const item = list.items.find((a: any) => a.id === reception);
      assert.equal(item.appVersion, '5.3.0');
      assert.equal(item.platform, 'win32 10.0.22631');
      assert.equal(item.feature, DEMO.desktop.feature);
      assert.ok(c.licenseIds.includes(item.licenseId));
      assert.equal(item.lastCheckInAt, new Date(h.clock.now()).toISOString());
      assert.equal(item.leaseExpiresAt, new Date(h.clock.now() + 14 * DAY).toISOString());
      assert.equal(item.releasedAt, null);
      assert.deepEqual(item.drift.map((d: any) => d.changed), [['disk_serial'], ['mac']], 'newest first');
      assert.deepEqual(await admin.ok('GET', `/v1/admin/activations/${reception}`), item);

      const first = await admin.ok('GET', `/v1/admin/customers/${c.id}/activations?limit=1`);
      const second = await admin.ok('GET', `/v1/admin/customers/${c.id}/activations?limit=1&cursor=${first.nextCursor}`);
      assert.notEqual(first.items[0].id, second.items[0].id);
      assert.equal((await admin.ok('GET', `/v1/admin/customers/${c.id}/activations?limit=1&cursor=${second.items[0].id}`)).items.length, 0);
    });

    test('staff reset frees the seat with a reason, is not counted against the budget, and is an event by the admin key', async () => {
      const c = await seedCustomer(h, [DEMO.desktop.plan], 'Juniper Clinic');
      const old = await activate(c, 'juniper-old');
      assert.equal(json(await machine(c, '/v1/activations', { product: DEMO.desktop.product, fingerprint: fingerprint('juniper-new'), hostName: 'new', platform: 'p', appVersion: 'v' })).code, 'NO_FREE_SEAT');

      const reset = await admin.ok('POST', `/v1/admin/activations/${old}/reset`, { reason: 'Customer called: reception PC replaced' });
      assert.equal(reset.assignmentId, old);
      assert.equal(reset.budget.remaining, 3, 'a staff reset is not counted');
      const event = await admin.lastEvent('activation.reset', old);
      assert.deepEqual([event.actor.type, event.data.reason, event.data.counted], ['admin_key', 'Customer called: reception PC replaced', false]);
      assert.equal(json(await machine(c, '/v1/activations', { product: DEMO.desktop.product, fingerprint: fingerprint('juniper-new'), hostName: 'new', platform: 'p', appVersion: 'v' })).valid, true);

      assert.deepEqual((await admin.ok('GET', `/v1/admin/customers/${c.id}/activations`)).items.map((a: any) => a.hostName), ['new']);
      const withReleased = await admin.ok('GET', `/v1/admin/customers/${c.id}/activations?includeReleased=true`);
      assert.equal(withReleased.items.find((a: any) => a.id === old).releaseReason, 'reset');
      assertProblem(await admin.send('POST', `/v1/admin/activations/${old}/reset`, { reason: 'again' }), 409, 'INVALID_STATE');
      const noReason = await admin.send('POST', `/v1/admin/activations/${old}/reset`, { reason: ' ' });
      assertProblem(noReason, 400, 'VALIDATION_FAILED');
      assert.deepEqual(json(noReason).errors.map((e: any) => e.field), ['body.reason']);
    });

    test('integration keys: shown once, work for the connector, listed without the key, revoked at once', async () => {
      const c = await seedCustomer(h, [DEMO.engagement.plus], 'Kale Clinic');
      const created = await admin.create(`/v1/admin/customers/${c.id}/integration-keys`, { name: 'EMR bridge' });
      assert.match(created.key, /^lh_int_/);
      assert.ok(created.key.startsWith(created.keyPrefix));
      assert.equal(created.revokedAt, null);
      assert.equal((await admin.lastEvent('integration_key.created', created.id)).actor.type, 'admin_key');
      const row = await h.database.db.selectFrom('integration_keys').select('key_hash').where('id', '=', created.id).executeTakeFirstOrThrow();
      assert.notEqual(row.key_hash, created.key, 'stored hashed');

      const bridge = { authorization: `Bearer ${created.key}` };
      const report = await h.request({
        method: 'PUT', url: '/v1/integration/resources', headers: bridge,
        payload: { resources: [
          { kind: 'schedule', externalId: 's-1', name: 'Main schedule', reachable: true, synchronised: false },
          { kind: 'provider', externalId: 'p-1', name: 'Dr. Example', reachable: false, synchronised: false },
        ] },
      });
      assert.equal(report.statusCode, 200, report.body);
      const resources = await admin.ok('GET', `/v1/admin/customers/${c.id}/resources`);
      assert.deepEqual(Object.fromEntries(resources.items.map((r: any) => [r.name, r.health])), { 'Main schedule': 'not_synchronised', 'Dr. Example': 'unreachable' });
      assert.deepEqual((await admin.ok('GET', `/v1/admin/customers/${c.id}/resources?kind=provider`)).items.map((r: any) => r.name), ['Dr. Example']);

      const listed = await admin.ok('GET', `/v1/admin/customers/${c.id}/integration-keys`);
      assert.deepEqual(listed.items.map((k: any) => [k.id, k.name, k.key]), [[created.id, 'EMR bridge', undefined]]);
      const revoked = await admin.ok('POST', `/v1/admin/integration-keys/${created.id}/revoke`);
      assert.ok(revoked.revokedAt);
      assert.equal((await admin.lastEvent('integration_key.revoked', created.id)).actor.type, 'admin_key');
      assertProblem(await h.request({ method: 'GET', url: '/v1/integration/resources', headers: bridge }), 401, 'INVALID_CREDENTIALS', 'a revoked key');
      assert.equal((await admin.ok('POST', `/v1/admin/integration-keys/${created.id}/revoke`)).revokedAt, revoked.revokedAt, 'revoking again changes nothing');
    });

    test('events filter by customer, type (exact or prefix), actor, subject and time, and page newest first', async () => {
      const c = await seedCustomer(h, [DEMO.desktop.plan], 'Larch Clinic');
      const start = h.clock.now();
      h.clock.advance(1000);
      const id = await activate(c, 'larch');
      h.clock.advance(1000);
      await admin.ok('POST', `/v1/admin/activations/${id}/reset`, { reason: 'moving' });
      h.clock.advance(1000);
      await admin.ok('POST', `/v1/admin/customers/${c.id}/suspend`);

      const mine = (await admin.ok('GET', `/v1/admin/events?customerId=${c.id}`)).items;
      assert.deepEqual(mine.map((e: any) => e.type).slice(0, 3), ['customer.suspended', 'activation.reset', 'activation.created']);
      assert.ok(mine.every((e: any) => e.customerId === c.id));
      const types = async (query: string) => (await admin.ok('GET', `/v1/admin/events?customerId=${c.id}&${query}`)).items.map((e: any) => e.type);
      assert.deepEqual(await types('type=activation.*'), ['activation.reset', 'activation.created']);
      assert.deepEqual(await types('type=activation.'), ['activation.reset', 'activation.created']);
      assert.deepEqual(await types('type=activation.reset'), ['activation.reset']);
      assert.deepEqual(await types('actorType=admin_key'), ['customer.suspended', 'activation.reset']);
      assert.deepEqual(await types(`subjectId=${id}`), ['activation.reset', 'activation.created']);
      assert.deepEqual(await types(`from=${new Date(start + 1500).toISOString()}`), ['customer.suspended', 'activation.reset']);
      assert.deepEqual(await types(`from=${new Date(start + 500).toISOString()}&to=${new Date(start + 1500).toISOString()}`), ['activation.created']);

      const paged: string[] = [];
      let cursor: string | null = null;
      do {
        const page: any = await admin.ok('GET', `/v1/admin/events?customerId=${c.id}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        paged.push(...page.items.map((e: any) => e.id));
        cursor = page.nextCursor;
      } while (cursor && paged.length < 100);
      assert.deepEqual(paged, mine.map((e: any) => e.id));

      const bad = await admin.send('GET', '/v1/admin/events?from=yesterday&actorType=robot&limit=abc');
      assertProblem(bad, 400, 'VALIDATION_FAILED');
      assert.deepEqual(json(bad).errors.map((e: any) => e.field).sort(), ['querystring.actorType', 'querystring.from', 'querystring.limit']);
    });

    const unknown: [string, string, unknown][] = [
      ['GET', '/v1/admin/customers/no-such-customer/activations', undefined],
      ['GET', '/v1/admin/activations/no-such-activation', undefined],
      ['POST', '/v1/admin/activations/no-such-activation/reset', { reason: 'testing' }],
      ['GET', '/v1/admin/customers/no-such-customer/resources', undefined],
      ['POST', '/v1/admin/customers/no-such-customer/integration-keys', { name: 'bridge' }],
      ['GET', '/v1/admin/customers/no-such-customer/integration-keys', undefined],
      ['POST', '/v1/admin/integration-keys/no-such-key/revoke', undefined],
    ];
    for (const [method, url, body] of unknown) {
      test(`unknown: ${method} ${url} → 404 NOT_FOUND`, async () => {
        assertProblem(await admin.send(method as any, url, body), 404, 'NOT_FOUND');
      });
    }

    test('malformed: an integration key without a name, activations with a bad flag → 400 VALIDATION_FAILED', async () => {
      const c = await seedCustomer(h, [], 'Malformed Clinic');
      const noName = await admin.send('POST', `/v1/admin/customers/${c.id}/integration-keys`, { name: '' });
      assertProblem(noName, 400, 'VALIDATION_FAILED');
      assert.deepEqual(json(noName).errors.map((e: any) => e.field), ['body.name']);
      const flag = await admin.send('GET', `/v1/admin/customers/${c.id}/activations?includeReleased=yes`);
      assertProblem(flag, 400, 'VALIDATION_FAILED');
      assert.deepEqual(json(flag).errors.map((e: any) => e.field), ['querystring.includeReleased']);
    });
  });
}
