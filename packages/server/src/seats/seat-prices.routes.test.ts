import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEMO } from '../demo/demo-catalog.ts';
import { adminClient } from '../testing/admin-client.ts';
import { DIALECTS, createHarness, json, seedCustomer, type Harness } from '../testing/harness.ts';
import { accountClient } from '../testing/seat-fixtures.ts';

const { basic: BASIC, plus: PLUS } = DEMO.engagement;

for (const dialect of DIALECTS) {
  describe(`a license is billed at the price it took its plan at (${dialect})`, () => {
    let h: Harness;
    before(async () => {
      h = await createHarness(dialect);
    });
    after(() => h.close());

    test('after the catalogue price goes up, the portal shows and prices each license as it is billed; new licenses and upgrades take today\'s price', async () => {
      const admin = adminClient(h);
      const customer = await seedCustomer(h, [BASIC, PLUS], 'Clinique des Prix');
      const account = accountClient(h, customer);
      const [basicId, plusId] = customer.licenseIds;
      const basicPlan = await admin.ok('GET', `/v1/admin/plans/${BASIC}`);
      const plusPlan = await admin.ok('GET', `/v1/admin/plans/${PLUS}`);
      assert.deepEqual([basicPlan.priceCents, plusPlan.priceCents], [4900, 7900]);
      await admin.ok('PATCH', `/v1/admin/plans/${basicPlan.id}`, { priceCents: 5900 });
      await admin.ok('PATCH', `/v1/admin/plans/${plusPlan.id}`, { priceCents: 9900 });

      const licenses = json(await account.get('/v1/account/licenses')).items as any[];
      assert.deepEqual(licenses.map((l) => [l.plan.code, l.plan.priceCents]).sort(), [[BASIC, 4900], [PLUS, 7900]]);
      const bill = json(await account.get('/v1/account/bill'));
      assert.deepEqual(bill.totals, { month: 12800, year: 0 }, 'the bill is what the two licenses are billed at');
      assert.deepEqual(json(await account.get('/v1/account/plans')).items.filter((p: any) => p.code === BASIC).map((p: any) => p.priceCents), [5900], 'the catalogue shows today\'s price');

      // The admin console's customer view shows the same prices, and each pool's names in both languages.
      const detail = await admin.ok('GET', `/v1/admin/customers/${customer.id}`);
      assert.deepEqual(detail.licenses.map((l: any) => [l.plan.code, l.price]).sort(), [
        [BASIC, { priceCents: 4900, currency: 'CAD', period: 'month' }], [PLUS, { priceCents: 7900, currency: 'CAD', period: 'month' }],
      ]);
      assert.deepEqual(detail.pools.find((p: any) => p.feature === DEMO.engagement.features.messages).names, { en: 'Patient Messages', fr: 'Messages aux patients' });

      // Removing the Plus saves what it is billed at, not today's price.
      const removal = json(await account.post(`/v1/account/licenses/${plusId}/remove`, { dryRun: true }));
      assert.deepEqual(removal.priceChange.delta, { month: -7900, year: 0 });

      // A new Basic takes today's price, and is shown beside the old one at its own price.
      const added = json(await account.post('/v1/account/licenses', { plan: BASIC }));
      assert.deepEqual(added.priceChange.delta, { month: 5900, year: 0 });
      const lines = json(await account.get('/v1/account/bill')).lines as any[];
      assert.deepEqual(lines.map((l) => [l.planCode, l.quantity, l.unitCents]), [[BASIC, 1, 4900], [BASIC, 1, 5900], [PLUS, 1, 7900]]);

      // An upgrade is priced from what the Basic is billed at to today's Plus price.
      const upgrade = json(await account.post(`/v1/account/licenses/${basicId}/upgrade`, { toPlan: PLUS, dryRun: true }));
      assert.deepEqual(upgrade.priceChange.delta, { month: 9900 - 4900, year: 0 });

      // The admin console's plan-change preview starts from the same price.
      const preview = await admin.ok('GET', `/v1/admin/licenses/${basicId}/change-plan/preview?plan=${PLUS}`);
      assert.deepEqual([preview.from.priceCents, preview.to.priceCents, preview.priceChange.delta.month], [4900, 9900, 5000]);

      await account.post(`/v1/account/licenses/${basicId}/upgrade`, { toPlan: PLUS });
      const upgraded = (json(await account.get('/v1/account/licenses')).items as any[]).find((l) => l.id === basicId);
      assert.equal(upgraded.plan.priceCents, 9900, 'after the upgrade the license is billed at the Plus price of the day');
    });
  });
}
