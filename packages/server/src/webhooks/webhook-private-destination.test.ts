import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { adminClient } from '../testing/admin-client.ts';
import { DIALECTS, createHarness, type Harness } from '../testing/harness.ts';
import { startReceiver, type Receiver } from '../testing/webhook-receiver.ts';
import { updateEndpoint } from './webhook.repository.ts';

const ALLOWANCE = /LEASEHOLD_WEBHOOK_ALLOW_PRIVATE=true/;

for (const dialect of DIALECTS) {
  describe(`webhooks to private addresses (${dialect})`, () => {
    // `closed` is as the operator leaves it by default; `open` has LEASEHOLD_WEBHOOK_ALLOW_PRIVATE=true.
    let closed: Harness;
    let open: Harness;
    let receiver: Receiver;
    const port = () => new URL(receiver.url).port;

    before(async () => {
      closed = await createHarness(dialect);
      open = await createHarness(dialect, { config: { webhookAllowPrivate: true } });
      receiver = await startReceiver();
    });
    after(async () => {
      await receiver?.close();
      await closed?.close();
      await open?.close();
    });

    const sendTest = async (h: Harness, endpointId: string) => adminClient(h).ok('POST', `/v1/admin/webhooks/${endpointId}/test`);

    test('an endpoint URL naming a private address is refused at creation and on update, with a field error', async () => {
      const admin = adminClient(closed);
      for (const url of ['http://127.0.0.1:8080/hook', 'http://2130706433/', 'http://0x7f.1/', 'http://[::ffff:127.0.0.1]/', 'http://0/', 'https://10.1.2.3/hook', 'http://[fd00::1]/', 'http://169.254.169.254/latest']) {
        const response = await admin.send('POST', '/v1/admin/webhooks', { url, eventTypes: ['*'] });
        assert.equal(response.statusCode, 400, url);
        const problem = JSON.parse(response.body);
        assert.equal(problem.code, 'VALIDATION_FAILED');
        assert.deepEqual([problem.errors[0].field, problem.errors[0].code], ['body.url', 'PRIVATE_DESTINATION']);
        assert.match(problem.errors[0].message, /address, not a public one/);
        assert.match(problem.errors[0].message, ALLOWANCE);
      }
      const endpoint = await admin.create('/v1/admin/webhooks', { url: 'https://hooks.example.test/leasehold', eventTypes: ['*'], enabled: false });
      const update = await admin.send('PATCH', `/v1/admin/webhooks/${endpoint.id}`, { url: 'http://192.168.1.20/hook' });
      assert.equal(update.statusCode, 400);
      assert.match(JSON.parse(update.body).errors[0].message, /192\.168\.1\.20 is a private address/);
      assert.equal((await admin.ok('GET', `/v1/admin/webhooks/${endpoint.id}`)).url, 'https://hooks.example.test/leasehold');
      await admin.ok('DELETE', `/v1/admin/webhooks/${endpoint.id}`);
    });

    test('a host name that resolves to 127.0.0.1 is refused when connecting: a failed attempt that says why, and the receiver gets nothing', async () => {
      const endpoint = await adminClient(closed).create('/v1/admin/webhooks', { url: `http://localhost:${port()}/hooks`, eventTypes: ['webhook.none'] });
      const before = receiver.received.length;
      const delivery = await sendTest(closed, endpoint.id);
      assert.deepEqual([delivery.status, delivery.attempts, delivery.lastStatusCode], ['pending', 1, null]);
      assert.match(delivery.lastError, /^Not sent: localhost resolves to (127\.0\.0\.1|::1), which is a loopback address, not a public one/);
      assert.match(delivery.lastError, ALLOWANCE);
      assert.equal(receiver.received.length, before, 'nothing reached the receiver');
    });

    test('an endpoint kept from when private addresses were allowed is refused at connect time, in every literal form', async () => {
      const admin = adminClient(closed);
      const endpoint = await admin.create('/v1/admin/webhooks', { url: 'https://hooks.example.test/leasehold', eventTypes: ['webhook.none'] });
      const before = receiver.received.length;
      for (const url of [receiver.url, `http://2130706433:${port()}/hooks`, `http://0x7f.1:${port()}/hooks`, `http://[::ffff:127.0.0.1]:${port()}/hooks`]) {
        await closed.database.transaction((trx) => updateEndpoint(trx, endpoint.id, { url }));
        const delivery = await sendTest(closed, endpoint.id);
        assert.deepEqual([delivery.status, delivery.lastStatusCode], ['pending', null], url);
        assert.match(delivery.lastError, /^Not sent: (127\.0\.0\.1|::ffff:7f00:1) is a loopback address/, url);
        assert.match(delivery.lastError, ALLOWANCE);
      }
      assert.equal(receiver.received.length, before, 'nothing reached the receiver');
    });

    test('with LEASEHOLD_WEBHOOK_ALLOW_PRIVATE=true a receiver on loopback gets its deliveries, by address or by name', async () => {
      const admin = adminClient(open);
      for (const url of [receiver.url, `http://localhost:${port()}/hooks`]) {
        const endpoint = await admin.create('/v1/admin/webhooks', { url, eventTypes: ['webhook.none'] });
        const before = receiver.received.length;
        const delivery = await sendTest(open, endpoint.id);
        assert.deepEqual([delivery.status, delivery.lastStatusCode, delivery.lastError], ['delivered', 200, null], url);
        assert.equal(receiver.received.length, before + 1);
      }
    });

    test('a failed delivery keeps its status and a short reason, never the body the receiver answered', async () => {
      const failing = await startReceiver(() => 500);
      try {
        const endpoint = await adminClient(open).create('/v1/admin/webhooks', { url: failing.url, eventTypes: ['webhook.none'] });
        const delivery = await sendTest(open, endpoint.id);
        assert.equal(failing.received.length, 1, 'the receiver answered, with "receiver says 500" in its body');
        assert.deepEqual([delivery.status, delivery.lastStatusCode, delivery.lastError], ['pending', 500, 'HTTP 500 Internal Server Error']);
        const stored = await open.database.db.selectFrom('webhook_deliveries').selectAll().where('id', '=', delivery.id).executeTakeFirstOrThrow();
        assert.doesNotMatch(JSON.stringify(stored), /receiver says/);
      } finally {
        await failing.close();
      }
    });
  });
}
