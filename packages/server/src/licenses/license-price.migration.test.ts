import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import * as migration from '@leasehold/db/migrations/009-license-prices.ts';
import { DEMO } from '../demo/demo-catalog.ts';
import { adminClient } from '../testing/admin-client.ts';
import { DIALECTS, createHarness, seedCustomer, type Harness } from '../testing/harness.ts';

for (const dialect of DIALECTS) {
  describe(`migration 009: licenses keep the price they are billed at (${dialect})`, () => {
    let h: Harness;
    before(async () => {
      h = await createHarness(dialect);
    });
    after(() => h.close());

    const prices = async (ids: string[]) => {
      const rows = await h.database.db.selectFrom('licenses').select(['id', 'price_cents', 'currency', 'period']).where('id', 'in', ids).execute();
      return ids.map((id) => rows.find((r) => r.id === id)).map((r) => [Number(r!.price_cents), r!.currency, r!.period]);
    };

    test('fills each license from its latest issue or plan-change event, or today\'s plan price where the event recorded none', async () => {
      const admin = adminClient(h);
      const customer = await seedCustomer(h, [DEMO.engagement.basic, DEMO.engagement.basic, DEMO.engagement.plus], 'Clinique Migrée');
      const [recorded, unrecorded, plus] = customer.licenseIds;
      const basicPlan = await admin.ok('GET', `/v1/admin/plans/${DEMO.engagement.basic}`);
      await admin.ok('PATCH', `/v1/admin/plans/${basicPlan.id}`, { priceCents: 5900 });
      // The Plus license moved to Basic after the price change: it is billed at the new price.
      await admin.ok('POST', `/v1/admin/licenses/${plus}/change-plan`, { plan: DEMO.engagement.basic });
      // An event from before events recorded prices.
      const event = await h.database.db.selectFrom('events').select(['id', 'data']).where('subject_id', '=', unrecorded).where('type', '=', 'license.issued').executeTakeFirstOrThrow();
      const { priceCents: _, currency: __, period: ___, ...older } = JSON.parse(event.data);
      await h.database.db.updateTable('events').set({ data: JSON.stringify(older) }).where('id', '=', event.id).execute();
      const expected = [[4900, 'CAD', 'month'], [5900, 'CAD', 'month'], [5900, 'CAD', 'month']];

      await migration.down(h.database.db);
      await migration.up(h.database.db);
      assert.deepEqual(await prices([recorded, unrecorded, plus]), expected);
    });
  });
}
