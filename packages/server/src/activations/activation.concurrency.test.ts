import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { listMachineActivations, listOpenAssignments } from '../assignments/assignment.repository.ts';
import { DIALECTS } from '../testing/harness.ts';
import { activateBody, openSharedDatabase, postJson, seedDesktopCustomer, type SharedDatabase } from '../testing/server-fixture.ts';
import { spawnServer, type ServerChild } from '../testing/spawn.ts';

// Assigned never exceeds capacity under simultaneous requests to two server processes sharing one database.
for (const dialect of DIALECTS) {
  describe(`seat enforcement across two server processes (${dialect})`, () => {
    let shared: SharedDatabase;
    let servers: ServerChild[] = [];
    before(async () => {
      shared = await openSharedDatabase(dialect);
      // Started together, as a rolling deploy would: both find the schema migrated and race to create the first signing key.
      servers = await Promise.all([spawnServer(shared.env), spawnServer(shared.env)]);
    });
    after(async () => {
      for (const server of servers) server.kill('SIGTERM');
      await Promise.all(servers.map((s) => s.exited));
      await shared?.cleanup();
    });

    const featureId = () => shared.catalog.desktopPlan.slots[0].featureId;

    test('200 simultaneous activations of different computers against 10 seats: exactly 10 granted', async () => {
      const customer = await seedDesktopCustomer(shared.database, 10);
      const answers = await Promise.all(
        Array.from({ length: 200 }, (_, i) => postJson(`${servers[i % 2].url}/v1/activations`, activateBody(`machine-${i}`), customer.basic)),
      );

      assert.deepEqual([...new Set(answers.map((a) => a.status))], [200], 'every request is answered 200: "no free seat" is an answer');
      const granted = answers.filter((a) => a.body.code === 'VALID');
      const refused = answers.filter((a) => a.body.code === 'NO_FREE_SEAT');
      assert.equal(granted.length, 10);
      assert.equal(refused.length, 190);
      assert.equal(new Set(granted.map((a) => a.body.activation.licenseId)).size, 10, 'each license gives its one seat once');
      assert.ok(granted.every((a) => a.body.reactivated === false && typeof a.body.lease === 'string'));

      const open = await listOpenAssignments(shared.database.db, customer.id, featureId());
      assert.equal(open.length, 10);
      assert.deepEqual(open.map((a) => a.id).sort(), granted.map((a) => a.body.activation.id).sort());
      const created = await shared.database.db.selectFrom('events').select('subject_id').where('customer_id', '=', customer.id).where('type', '=', 'activation.created').execute();
      assert.equal(created.length, 10, 'one event per granted seat, none for refusals');
    });

    test('the same computer activating 40 times at once through both processes holds one seat', async () => {
      const customer = await seedDesktopCustomer(shared.database, 3);
      const answers = await Promise.all(
        Array.from({ length: 40 }, (_, i) => postJson(`${servers[i % 2].url}/v1/activations`, activateBody('one-computer'), customer.basic)),
      );
      assert.ok(answers.every((a) => a.status === 200 && a.body.code === 'VALID'));
      assert.equal(new Set(answers.map((a) => a.body.activation.id)).size, 1);
      assert.equal(answers.filter((a) => a.body.reactivated === false).length, 1, 'one activation created the seat, the others got it back');
      assert.equal((await listMachineActivations(shared.database.db, customer.id, featureId())).length, 1);
    });
  });
}
