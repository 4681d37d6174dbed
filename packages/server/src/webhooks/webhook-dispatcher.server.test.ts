import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { newId, openDatabase } from '@leasehold/db';
import { configFromEnv } from '../config.ts';
import { generateToken, hashSecret, keyPrefix } from '../shared/secrets.ts';
import { startServer, type RunningServer } from '../start.ts';
import { DIALECTS } from '../testing/harness.ts';
import { openSharedDatabase, seedDesktopCustomer, type SharedDatabase } from '../testing/server-fixture.ts';
import { startReceiver, type Receiver } from '../testing/webhook-receiver.ts';

for (const dialect of DIALECTS) {
  describe(`webhook dispatcher in a running server (${dialect})`, () => {
    let shared: SharedDatabase;
    let server: RunningServer;
    let receiver: Receiver;
    const adminKey = generateToken('lh_admin');

    before(async () => {
      shared = await openSharedDatabase(dialect, { PORT: '0', LOG_LEVEL: 'silent', LEASEHOLD_WEBHOOK_INTERVAL_MS: '50', LEASEHOLD_WEBHOOK_ALLOW_PRIVATE: 'true' });
      await shared.database.db.insertInto('admin_api_keys').values({
        id: newId(), name: 'test', key_hash: hashSecret(adminKey), key_prefix: keyPrefix(adminKey), created_at: Date.now(), last_used_at: null, revoked_at: null,
      }).execute();
      receiver = await startReceiver();
      server = await startServer(configFromEnv(shared.env));
    });
    after(async () => {
      await receiver.close();
      await shared.cleanup();
    });

    test('the server sends deliveries on its own, including of events another process wrote, and stops cleanly', async () => {
      const response = await fetch(`${server.url}/v1/admin/webhooks`, {
        method: 'POST',
        headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ url: receiver.url, eventTypes: ['customer.created'] }),
      });
      assert.equal(response.status, 201);
      // Written through a connection of its own, as another server process or the CLI would.
      const other = openDatabase(configFromEnv(shared.env).database);
      const customer = await seedDesktopCustomer(other, 1, 'Dispatched Clinic').finally(() => other.close());
      for (let waited = 0; receiver.received.length === 0 && waited < 5000; waited += 25) await new Promise((resolve) => setTimeout(resolve, 25));
      assert.equal(receiver.received.length, 1, 'delivered within a few dispatcher intervals');
      assert.equal(JSON.parse(receiver.received[0].body).customerId, customer.id);
      await server.close();
    });
  });
}
