import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import os from 'node:os';
import { after, before, describe, test } from 'node:test';
import { openDatabase } from '@leasehold/db';
import { sql } from 'kysely';
import { DEMO } from '../demo/demo-catalog.ts';
import { insertEvent, SYSTEM_ACTOR } from '../events/event.repository.ts';
import type { EventType } from '../events/event-types.ts';
import { adminClient } from '../testing/admin-client.ts';
import { DIALECTS, createHarness, seedCustomer, type Harness } from '../testing/harness.ts';
import { startReceiver, type Receiver } from '../testing/webhook-receiver.ts';
import { WebhookDispatcher } from './webhook-dispatcher.ts';
import { MAX_ATTEMPTS } from './webhook-retry.ts';

// Made-up types (retry.check, burst.one, …) that only the endpoint of each test subscribes to.
const emit = (h: Harness, type: string, data: Record<string, unknown> = {}) =>
  h.database.transaction((trx) => insertEvent(trx, { customerId: null, type: type as EventType, actor: SYSTEM_ACTOR, subjectType: 'test', subjectId: 'webhook-test', data }, h.clock.now()));

for (const dialect of DIALECTS) {
  describe(`webhook deliveries (${dialect})`, () => {
    let h: Harness;
    let admin: ReturnType<typeof adminClient>;
    const receivers: Receiver[] = [];
    const receiver = async (...args: Parameters<typeof startReceiver>) => {
      const r = await startReceiver(...args);
      receivers.push(r);
      return r;
    };
    // The middle of the jitter range: waits are exactly the schedule's steps.
    // Every receiver here listens on 127.0.0.1: this operator allows private destinations.
    const dispatcher = () => new WebhookDispatcher(h.deps, { random: () => 0.5, timeoutMs: 5_000, allowPrivateDestinations: true });
    const deliveries = async (endpointId: string) => (await admin.ok('GET', `/v1/admin/webhooks/${endpointId}/deliveries?limit=200`)).items;

    before(async () => {
      h = await createHarness(dialect, { config: { webhookAllowPrivate: true } });
      admin = adminClient(h);
    });
    after(async () => {
      for (const r of receivers) await r.close();
      await h.close();
    });

    test('a delivery is POSTed as signed JSON that a receiver verifies with the secret', async () => {
      const r = await receiver();
      const endpoint = await admin.create('/v1/admin/webhooks', { url: r.url, eventTypes: ['customer.created'] });
      const customer = await seedCustomer(h, [DEMO.desktop.plan], 'Signed Clinic');

      assert.deepEqual(await dispatcher().dispatchOnce(), { attempted: 1, delivered: 1, retrying: 0, failed: 0 });
      assert.equal(r.received.length, 1);
      const [{ headers, body }] = r.received;
      assert.equal(headers['content-type'], 'application/json');
      const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(headers['leasehold-signature']));
      assert.ok(match, `signature header: ${headers['leasehold-signature']}`);
      assert.equal(Number(match[1]), Math.floor(h.clock.now() / 1000), 't is the send time in unix seconds');
      const expected = createHmac('sha256', endpoint.secret).update(`${match[1]}.${body}`).digest('hex');
      assert.equal(match[2], expected, 'v1 is the HMAC-SHA256 of "<t>.<raw body>" with the endpoint secret');
      const wrong = createHmac('sha256', 'whsec_not-the-secret').update(`${match[1]}.${body}`).digest('hex');
      assert.notEqual(match[2], wrong);

      const payload = JSON.parse(body);
      assert.deepEqual(Object.keys(payload).sort(), ['actor', 'createdAt', 'customerId', 'data', 'id', 'type']);
      assert.equal(payload.type, 'customer.created');
      assert.equal(payload.customerId, customer.id);
      assert.equal(payload.data.name, 'Signed Clinic');
      assert.deepEqual(payload.actor, { type: 'system', id: null });
      assert.equal(payload.createdAt, new Date(h.clock.now()).toISOString());

      const [delivery] = await deliveries(endpoint.id);
      assert.equal(headers['leasehold-delivery-id'], delivery.id);
      assert.equal(headers['idempotency-key'], delivery.id);
      assert.equal(delivery.eventId, payload.id);
      assert.deepEqual([delivery.status, delivery.attempts, delivery.lastStatusCode, delivery.lastError, delivery.nextAttemptAt], ['delivered', 1, 200, null, null]);
    });

    test('a receiver that fails twice is retried with backoff, under the same id, and ends delivered after 3 attempts', async () => {
      const r = await receiver((_req, i) => (i < 2 ? [500, 503][i] : 200));
      const endpoint = await admin.create('/v1/admin/webhooks', { url: r.url, eventTypes: ['retry.check'] });
      await emit(h, 'retry.check');
      const d = dispatcher();
      const state = async () => (await deliveries(endpoint.id))[0];

      assert.equal((await d.dispatchOnce()).retrying, 1);
      let delivery = await state();
      assert.deepEqual([delivery.status, delivery.attempts, delivery.lastStatusCode], ['pending', 1, 500]);
      assert.equal(delivery.lastError, 'HTTP 500 Internal Server Error', 'the status and its reason, not the receiver\'s body');
      assert.equal(delivery.nextAttemptAt, new Date(h.clock.now() + 30_000).toISOString(), 'first retry 30 s later');

      assert.equal((await d.dispatchOnce()).attempted, 0, 'not before it is due');
      h.clock.advance(30_000);
      assert.equal((await d.dispatchOnce()).retrying, 1);
      delivery = await state();
      assert.deepEqual([delivery.status, delivery.attempts, delivery.lastStatusCode], ['pending', 2, 503]);
      assert.equal(delivery.nextAttemptAt, new Date(h.clock.now() + 120_000).toISOString(), 'second retry 2 min later');

      h.clock.advance(120_000);
      assert.equal((await d.dispatchOnce()).delivered, 1);
      delivery = await state();
      assert.deepEqual([delivery.status, delivery.attempts, delivery.lastStatusCode, delivery.lastError], ['delivered', 3, 200, null]);

      h.clock.advance(7 * 86_400_000);
      assert.equal((await d.dispatchOnce()).attempted, 0, 'a delivered delivery is never sent again');
      assert.equal(r.received.length, 3);
      assert.deepEqual(new Set(r.received.map((x) => x.headers['idempotency-key'])), new Set([delivery.id]));
      const retry = await admin.send('POST', `/v1/admin/webhooks/${endpoint.id}/deliveries/${delivery.id}/retry`);
      assert.equal(retry.statusCode, 409, 'retrying a delivered delivery is refused');
      assert.equal(r.received.length, 3);
    });

    test(`after ${MAX_ATTEMPTS} failed attempts a delivery is failed; retry now sends it again`, async () => {
      let up = false;
      const r = await receiver(() => (up ? 204 : 500));
      const endpoint = await admin.create('/v1/admin/webhooks', { url: r.url, eventTypes: ['failing.check'] });
      await emit(h, 'failing.check');
      const d = dispatcher();
      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
        assert.equal((await d.dispatchOnce()).attempted, 1, `attempt ${attempt}`);
        h.clock.advance(2 * 86_400_000);
      }
      const [failed] = await deliveries(endpoint.id);
      assert.deepEqual([failed.status, failed.attempts, failed.nextAttemptAt], ['failed', MAX_ATTEMPTS, null]);
      assert.equal((await d.dispatchOnce()).attempted, 0, 'a failed delivery waits for a person');

      up = true;
      const retried = await admin.ok('POST', `/v1/admin/webhooks/${endpoint.id}/deliveries/${failed.id}/retry`);
      assert.deepEqual([retried.id, retried.status, retried.attempts, retried.lastStatusCode], [failed.id, 'delivered', MAX_ATTEMPTS + 1, 204]);
      assert.equal(r.received.at(-1)!.headers['idempotency-key'], failed.id);
      assert.equal((await admin.lastEvent('webhook_delivery.retried', failed.id)).data.previousStatus, 'failed');
    });

    test('two dispatchers on the same database at once never send a delivery twice', async () => {
      const r = await receiver(async () => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        return 200;
      });
      const endpoint = await admin.create('/v1/admin/webhooks', { url: r.url, eventTypes: ['burst.*'] });
      for (let i = 0; i < 40; i++) await emit(h, 'burst.one', { i });
      // The second dispatcher has its own connection, as another server process would.
      const other = openDatabase(h.databaseUrl ? { databaseUrl: h.databaseUrl, dataDir: os.tmpdir(), poolSize: 3 } : { dataDir: h.dataDir!, sqliteSynchronous: 'normal' });
      try {
        // Connected before the race, so neither claim waits for a new connection.
        await sql`select 1`.execute(other.db);
        const first = new WebhookDispatcher(h.deps, { batchSize: 15, allowPrivateDestinations: true });
        const second = new WebhookDispatcher({ database: other, clock: h.clock, secrets: h.deps.secrets }, { batchSize: 15, allowPrivateDestinations: true });
        let sent = 0;
        for (let pass = 0; pass < 5; pass++) {
          const [a, b] = await Promise.all([first.dispatchOnce(), second.dispatchOnce()]);
          sent += a.attempted + b.attempted;
        }
        assert.equal(sent, 40);
      } finally {
        await other.close();
      }
      const ids = r.received.map((x) => String(x.headers['leasehold-delivery-id']));
      assert.equal(ids.length, 40);
      assert.equal(new Set(ids).size, 40, 'each delivery id arrived once');
      const listed = await deliveries(endpoint.id);
      assert.deepEqual([listed.length, listed.every((x: any) => x.status === 'delivered' && x.attempts === 1)], [40, true]);
    });

    test('the event and its deliveries are written in one transaction: a failing one leaves neither', async () => {
      const r = await receiver();
      const endpoint = await admin.create('/v1/admin/webhooks', { url: r.url, eventTypes: ['outbox.check'] });
      const events = () => h.database.db.selectFrom('events').select('id').where('type', '=', 'outbox.check').execute();
      await assert.rejects(h.database.transaction(async (trx) => {
        await insertEvent(trx, { customerId: null, type: 'outbox.check' as EventType, actor: SYSTEM_ACTOR, subjectType: 'test', subjectId: 'rolled-back' }, h.clock.now());
        const pending = await trx.selectFrom('webhook_deliveries').select('id').where('endpoint_id', '=', endpoint.id).execute();
        assert.equal(pending.length, 1, 'the delivery is written with the event');
        throw new Error('the change fails after its event was written');
      }), /the change fails/);
      assert.equal((await events()).length, 0);
      assert.deepEqual(await deliveries(endpoint.id), []);

      const eventId = await emit(h, 'outbox.check');
      assert.deepEqual((await deliveries(endpoint.id)).map((x: any) => x.eventId), [eventId]);
      await dispatcher().dispatchOnce();
      assert.equal(r.received.length, 1);
    });

    test('a test delivery reaches only its endpoint at once; a disabled endpoint gets nothing', async () => {
      const r = await receiver();
      const all = await receiver();
      const endpoint = await admin.create('/v1/admin/webhooks', { url: r.url, eventTypes: ['customer.*'] });
      const everything = await admin.create('/v1/admin/webhooks', { url: all.url, eventTypes: ['*'] });

      const delivery = await admin.ok('POST', `/v1/admin/webhooks/${endpoint.id}/test`);
      assert.deepEqual([delivery.eventType, delivery.status, delivery.attempts, delivery.lastStatusCode], ['webhook.test', 'delivered', 1, 200]);
      assert.equal(JSON.parse(r.received[0].body).type, 'webhook.test');
      assert.equal((await deliveries(everything.id)).filter((x: any) => x.eventType === 'webhook.test').length, 0, 'a `*` endpoint does not get others\' tests');

      await emit(h, 'customer.noted');
      const waiting = await deliveries(endpoint.id);
      assert.equal(waiting[0].status, 'pending');
      const disabled = await admin.ok('POST', `/v1/admin/webhooks/${endpoint.id}/disable`);
      assert.equal(disabled.enabled, false);
      assert.equal((await deliveries(endpoint.id))[0].status, 'cancelled', 'waiting deliveries are cancelled');
      await emit(h, 'customer.noted');
      await seedCustomer(h, [], 'Unheard Clinic');
      assert.equal((await deliveries(endpoint.id)).length, 2, 'no new deliveries while disabled');
      await dispatcher().dispatchOnce();
      assert.equal(r.received.length, 1, 'only the test delivery ever arrived');
      assert.equal((await admin.send('POST', `/v1/admin/webhooks/${endpoint.id}/test`)).statusCode, 409);
      await admin.send('POST', `/v1/admin/webhooks/${everything.id}/disable`);
    });
  });
}
