import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEMO } from '../demo/demo-catalog.ts';
import { DIALECTS, createHarness, json, seedCustomer, type Harness } from '../testing/harness.ts';
import { accountClient, bridgeFor, providers } from '../testing/seat-fixtures.ts';

for (const dialect of DIALECTS) {
  describe(`seat management under concurrent requests (${dialect})`, () => {
    let h: Harness;
    before(async () => {
      h = await createHarness(dialect);
    });
    after(() => h.close());

    test('50 simultaneous assignments for 5 free slots leave exactly 5 assigned', async () => {
      const basics = Array.from({ length: 5 }, () => DEMO.engagement.basic);
      const customer = await seedCustomer(h, basics);
      const account = accountClient(h, customer);
      const names = Array.from({ length: 50 }, (_, i) => `Dr ${String(i).padStart(2, '0')}`);
      const ids = await (await bridgeFor(h, customer.id)).ids(providers(...names));

      const responses = await Promise.all(
        names.map((name) => account.post('/v1/account/assignments', { feature: DEMO.engagement.features.messages, resourceId: ids[name] })),
      );
      const statuses = responses.map((r) => (r.statusCode === 201 ? 'assigned' : json(r).code));
      assert.equal(statuses.filter((s) => s === 'assigned').length, 5);
      assert.equal(statuses.filter((s) => s === 'NO_FREE_SEAT').length, 45, statuses.join(','));

      assert.deepEqual((await account.totals())[DEMO.engagement.features.messages], [5, 5, 0]);
      const held = await h.database.db.selectFrom('assignments').select(['license_id']).where('customer_id', '=', customer.id).where('released_at', 'is', null).execute();
      assert.equal(held.length, 5);
      assert.equal(new Set(held.map((r) => r.license_id)).size, 5, 'one slot of each license');
    });
  });
}
