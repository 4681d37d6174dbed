import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { EventType } from '../events/event-types.ts';
import { insertEvent, SYSTEM_ACTOR } from '../events/event.repository.ts';
import { adminClient } from '../testing/admin-client.ts';
import { DIALECTS, createHarness, type Harness } from '../testing/harness.ts';
import { startReceiver, type Receiver } from '../testing/webhook-receiver.ts';
import { startWebhookDispatcher, WebhookDispatcher } from './webhook-dispatcher.ts';

const DAY = 86_400_000;

for (const dialect of DIALECTS) {
  describe(`webhook deliveries: retention (${dialect})`, () => {
    let h: Harness;
    let admin: ReturnType<typeof adminClient>;
    let up: Receiver;
    let down: Receiver;
    // A made-up type per test, so each test's endpoints get only their own events.
    const emit = (type: string) =>
      h.database.transaction((trx) => insertEvent(trx, { customerId: null, type: type as EventType, actor: SYSTEM_ACTOR, subjectType: 'test', subjectId: type }, h.clock.now()));
    const statuses = async (endpointId: string) => {
      const { items } = await admin.ok('GET', `/v1/admin/webhooks/${endpointId}/deliveries?limit=200`);
      return items.map((d: any) => `${d.eventType}:${d.status}`).sort();
    };
    // The receivers listen on 127.0.0.1: this operator allows private destinations.
    const dispatcher = () => new WebhookDispatcher(h.deps, { random: () => 0.5, timeoutMs: 5_000, allowPrivateDestinations: true });

    before(async () => {
      h = await createHarness(dialect, { config: { webhookAllowPrivate: true } });
      admin = adminClient(h);
      up = await startReceiver();
      down = await startReceiver(() => 500);
    });
    after(async () => {
      await up.close();
      await down.close();
      await h.close();
    });

    test('delivered deliveries older than the retention are deleted; failed, waiting and newer ones are kept', async () => {
      const ok = await admin.create('/v1/admin/webhooks', { url: up.url, eventTypes: ['keep.*'] });
      const failing = await admin.create('/v1/admin/webhooks', { url: down.url, eventTypes: ['keep.*'] });
      await emit('keep.old');
      await dispatcher().dispatchOnce();
      assert.deepEqual(await statuses(ok.id), ['keep.old:delivered']);
      assert.deepEqual(await statuses(failing.id), ['keep.old:pending'], 'the failing endpoint keeps retrying');

      h.clock.advance(30 * DAY - 1);
      assert.equal(await dispatcher().pruneDelivered(30 * DAY), 0, 'not before the retention has passed');
      h.clock.advance(1);
      await emit('keep.new');
      await dispatcher().dispatchOnce();
      assert.deepEqual(await statuses(ok.id), ['keep.new:delivered', 'keep.old:delivered']);

      h.clock.advance(1);
      assert.equal(await dispatcher().pruneDelivered(30 * DAY), 1);
      assert.deepEqual(await statuses(ok.id), ['keep.new:delivered'], 'only the delivery of 30 days ago is gone');
      assert.deepEqual(await statuses(failing.id), ['keep.new:pending', 'keep.old:pending'], 'deliveries not delivered are kept, however old');
      const events = await h.database.db.selectFrom('events').select('type').where('type', 'in', ['keep.old', 'keep.new']).execute();
      assert.equal(events.length, 2, 'the events stay in the audit log');
      await admin.send('POST', `/v1/admin/webhooks/${failing.id}/disable`);
    });

    test('the dispatcher loop prunes when it starts, and not with a retention of 0', async () => {
      const endpoint = await admin.create('/v1/admin/webhooks', { url: up.url, eventTypes: ['loop.*'] });
      await emit('loop.old');
      await dispatcher().dispatchOnce();
      h.clock.advance(8 * DAY);

      const waitForPass = async (retentionDays: number) => {
        const loop = startWebhookDispatcher(h.deps, { intervalMs: 10, retentionDays, allowPrivateDestinations: true });
        try {
          // A pass sends the new delivery; pruning runs before it in the same pass.
          await emit(`loop.pass${retentionDays}`);
          for (let i = 0; i < 200 && (await statuses(endpoint.id)).includes(`loop.pass${retentionDays}:pending`); i++) await new Promise((r) => setTimeout(r, 10));
        } finally {
          await loop.stop();
        }
      };
      await waitForPass(0);
      assert.deepEqual(await statuses(endpoint.id), ['loop.old:delivered', 'loop.pass0:delivered'], 'a retention of 0 keeps everything');
      await waitForPass(7);
      assert.deepEqual(await statuses(endpoint.id), ['loop.pass0:delivered', 'loop.pass7:delivered'], 'the 8-day-old delivery is pruned');
    });
  });
}
