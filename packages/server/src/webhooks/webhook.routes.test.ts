import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEMO } from '../demo/demo-catalog.ts';
import { insertEvent, SYSTEM_ACTOR } from '../events/event.repository.ts';
import type { EventType } from '../events/event-types.ts';
import { adminClient } from '../testing/admin-client.ts';
import { DIALECTS, createHarness, json, seedCustomer, type Harness } from '../testing/harness.ts';
import { assertProblem } from '../testing/security.ts';

const URL = 'https://hooks.example.test/leasehold';

for (const dialect of DIALECTS) {
  describe(`webhook endpoints: admin API (${dialect})`, () => {
    let h: Harness;
    let admin: ReturnType<typeof adminClient>;
    // Made-up types as well as real ones: the patterns are what is tested, not the catalogue.
    const emit = (type: string) =>
      h.database.transaction((trx) => insertEvent(trx, { customerId: null, type: type as EventType, actor: SYSTEM_ACTOR, subjectType: 'test', subjectId: type }, h.clock.now()));
    const deliveredTypes = async (endpointId: string) =>
      (await admin.ok('GET', `/v1/admin/webhooks/${endpointId}/deliveries?limit=200`)).items.map((d: any) => d.eventType).sort();

    before(async () => {
      // One test points an endpoint at a closed port on 127.0.0.1: this operator allows private destinations.
      h = await createHarness(dialect, { config: { webhookAllowPrivate: true } });
      admin = adminClient(h);
    });
    after(() => h.close());

    test('create shows the secret once; get, list, update, disable and delete', async () => {
      const created = await admin.create('/v1/admin/webhooks', { url: URL, description: 'ERP', eventTypes: ['license.*', 'license.*', 'customer.created'] });
      assert.match(created.secret, /^whsec_[A-Za-z0-9_-]{43}$/);
      assert.deepEqual([created.enabled, created.eventTypes, created.disabledAt], [true, ['license.*', 'customer.created'], null]);
      const got = await admin.ok('GET', `/v1/admin/webhooks/${created.id}`);
      assert.equal(got.secret, undefined, 'the secret is shown only when created');
      assert.ok(!JSON.stringify(await admin.ok('GET', '/v1/admin/webhooks')).includes(created.secret));
      assert.equal((await admin.lastEvent('webhook_endpoint.created', created.id)).data.url, URL);

      h.clock.advance(1000);
      const updated = await admin.ok('PATCH', `/v1/admin/webhooks/${created.id}`, { url: `${URL}/v2`, eventTypes: ['*'], description: null });
      assert.deepEqual([updated.url, updated.eventTypes, updated.description], [`${URL}/v2`, ['*'], null]);
      assert.notEqual(updated.updatedAt, created.updatedAt);
      assert.deepEqual((await admin.lastEvent('webhook_endpoint.updated', created.id)).data.changes, { url: `${URL}/v2`, description: null, eventTypes: ['*'] });

      const disabled = await admin.ok('POST', `/v1/admin/webhooks/${created.id}/disable`);
      assert.deepEqual([disabled.enabled, disabled.disabledAt], [false, new Date(h.clock.now()).toISOString()]);
      const disabledEvent = await admin.lastEvent('webhook_endpoint.disabled', created.id);
      h.clock.advance(1000);
      assert.equal((await admin.ok('POST', `/v1/admin/webhooks/${created.id}/disable`)).disabledAt, disabled.disabledAt, 'disabling twice changes nothing');
      assert.equal((await admin.lastEvent('webhook_endpoint.disabled', created.id)).id, disabledEvent.id, 'and writes no second event');
      const enabled = await admin.ok('PATCH', `/v1/admin/webhooks/${created.id}`, { enabled: true });
      assert.deepEqual([enabled.enabled, enabled.disabledAt], [true, null]);

      await emit('customer.noted');
      // Subscribed to `*` again, it hears of changes to itself too, except the one that disabled it.
      assert.deepEqual(await deliveredTypes(created.id), ['customer.noted', 'webhook_endpoint.updated', 'webhook_endpoint.updated']);
      assert.deepEqual(await admin.ok('DELETE', `/v1/admin/webhooks/${created.id}`), { deleted: true, id: created.id });
      assertProblem(await admin.send('GET', `/v1/admin/webhooks/${created.id}`), 404, 'NOT_FOUND', 'a deleted endpoint');
      assertProblem(await admin.send('GET', `/v1/admin/webhooks/${created.id}/deliveries`), 404, 'NOT_FOUND', 'deliveries of a deleted endpoint');
      assert.equal((await h.database.db.selectFrom('webhook_deliveries').select('id').where('endpoint_id', '=', created.id).execute()).length, 0);
      assert.equal((await admin.lastEvent('webhook_endpoint.deleted', created.id)).actor.type, 'admin_key');
    });

    const badBodies: [string, unknown][] = [
      ['no event types', { url: URL, eventTypes: [] }],
      ['a pattern with a trailing dot', { url: URL, eventTypes: ['activation.'] }],
      ['a wildcard in the middle', { url: URL, eventTypes: ['activation.*.reset'] }],
      ['upper case', { url: URL, eventTypes: ['Activation.Reset'] }],
      ['an ftp URL', { url: 'ftp://hooks.example.test/x', eventTypes: ['*'] }],
      ['no URL', { eventTypes: ['*'] }],
      ['not a URL', { url: 'hooks.example.test', eventTypes: ['*'] }],
    ];
    for (const [what, body] of badBodies) {
      test(`create refuses ${what} with 400`, async () => {
        assertProblem(await admin.send('POST', '/v1/admin/webhooks', body), 400, 'VALIDATION_FAILED', what);
      });
    }

    test('update refuses an empty change and unknown ids', async () => {
      const created = await admin.create('/v1/admin/webhooks', { url: URL, eventTypes: ['*'], enabled: false });
      assert.equal(created.enabled, false);
      assertProblem(await admin.send('PATCH', `/v1/admin/webhooks/${created.id}`, {}), 400, 'VALIDATION_FAILED', 'an empty change');
      assertProblem(await admin.send('PATCH', '/v1/admin/webhooks/nope', { enabled: true }), 404, 'NOT_FOUND', 'an unknown endpoint');
      assertProblem(await admin.send('POST', `/v1/admin/webhooks/${created.id}/deliveries/nope/retry`), 409, 'INVALID_STATE', 'a retry on a disabled endpoint');
      await admin.ok('PATCH', `/v1/admin/webhooks/${created.id}`, { enabled: true });
      assertProblem(await admin.send('POST', `/v1/admin/webhooks/${created.id}/deliveries/nope/retry`), 404, 'NOT_FOUND', 'an unknown delivery');
      await admin.ok('DELETE', `/v1/admin/webhooks/${created.id}`);
    });

    test('each endpoint gets the event types it subscribes to, from the first event after it is created', async () => {
      await emit('warm.cache'); // this process has now cached "no subscriptions"
      const subscriptions: [string[], string[]][] = [
        [['activation.reset'], ['activation.reset', 'activation.reset']],
        [['activation.*'], ['activation.created', 'activation.reset', 'activation.reset']],
        [['license.issued', 'customer.created'], ['customer.created', 'license.issued']],
        [['license.*', 'customer.*'], ['customer.created', 'license.issued']],
        // `*` hears of the two endpoints created after it, too.
        [['*'], ['activation.created', 'activation.reset', 'activation.reset', 'customer.created', 'license.issued', 'other.thing', 'webhook_endpoint.created', 'webhook_endpoint.created']],
        [['activation'], []],
        [['activation.reset.more'], []],
      ];
      const endpoints = [];
      for (const [eventTypes] of subscriptions) endpoints.push(await admin.create('/v1/admin/webhooks', { url: URL, eventTypes }));

      await seedCustomer(h, [DEMO.desktop.plan], 'Filter Clinic');
      for (const type of ['activation.created', 'activation.reset', 'activation.reset', 'other.thing']) await emit(type);

      for (const [i, [eventTypes, expected]] of subscriptions.entries()) {
        assert.deepEqual(await deliveredTypes(endpoints[i].id), expected, `subscribed to ${eventTypes.join(', ')}`);
      }
      for (const endpoint of endpoints) await admin.ok('DELETE', `/v1/admin/webhooks/${endpoint.id}`);
      await emit('activation.reset');
      assert.equal((await h.database.db.selectFrom('webhook_deliveries').select('id').execute()).length, 0, 'deleted endpoints get nothing more');
    });

    test('deliveries list newest first, filter by status and page with a cursor', async () => {
      const endpoint = await admin.create('/v1/admin/webhooks', { url: 'http://127.0.0.1:9/unreachable', eventTypes: ['paging.*'] });
      for (let i = 0; i < 3; i++) await emit(`paging.n${i}`);
      const first = await admin.ok('GET', `/v1/admin/webhooks/${endpoint.id}/deliveries?limit=2`);
      assert.deepEqual(first.items.map((d: any) => d.eventType), ['paging.n2', 'paging.n1']);
      const rest = await admin.ok('GET', `/v1/admin/webhooks/${endpoint.id}/deliveries?limit=2&cursor=${first.nextCursor}`);
      assert.deepEqual([rest.items.map((d: any) => d.eventType), rest.nextCursor], [['paging.n0'], null]);
      assert.equal((await admin.ok('GET', `/v1/admin/webhooks/${endpoint.id}/deliveries?status=delivered`)).items.length, 0);
      assert.equal((await admin.ok('GET', `/v1/admin/webhooks/${endpoint.id}/deliveries?status=pending`)).items.length, 3);
      assertProblem(await admin.send('GET', `/v1/admin/webhooks/${endpoint.id}/deliveries?status=lost`), 400, 'VALIDATION_FAILED', 'an unknown status');
      const outcome = json(await admin.send('POST', `/v1/admin/webhooks/${endpoint.id}/test`));
      assert.deepEqual([outcome.status, outcome.attempts, outcome.lastStatusCode], ['pending', 1, null], 'a test to an endpoint that does not answer waits for a retry');
      assert.match(outcome.lastError, /The request failed/);
      await admin.ok('DELETE', `/v1/admin/webhooks/${endpoint.id}`);
    });
  });
}
