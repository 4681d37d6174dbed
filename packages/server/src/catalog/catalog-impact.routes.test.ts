import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEMO } from '../demo/demo-catalog.ts';
import { adminClient } from '../testing/admin-client.ts';
import { seedCatalogWorld, type CatalogWorld } from '../testing/catalog-fixtures.ts';
import { DIALECTS, createHarness, json, type Harness } from '../testing/harness.ts';
import { assertProblem } from '../testing/security.ts';
import { accountClient } from '../testing/seat-fixtures.ts';
import { asStaff, signInStaff } from '../testing/staff-fixtures.ts';

const f = DEMO.engagement.features;
const withoutBooking = { slots: [{ feature: f.messages, quantity: 1 }, { feature: f.reminders, quantity: 1 }] };
const withoutReminders = { slots: [{ feature: f.messages, quantity: 1 }, { feature: f.booking, quantity: 1 }] };

for (const dialect of DIALECTS) {
  describe(`admin API: catalogue impact (${dialect})`, () => {
    let h: Harness;
    let admin: ReturnType<typeof adminClient>;
    let world: CatalogWorld;
    let policyId: string;
    before(async () => {
      h = await createHarness(dialect);
      admin = adminClient(h);
      world = await seedCatalogWorld(h, 'r');
      policyId = h.catalog.desktopPolicy.id;
    });
    after(() => h?.close());

    test('policy: lowering the tolerance names the computers that drifted beyond it, and changes nothing', async () => {
      const impact = await admin.ok('POST', `/v1/admin/policies/${policyId}/impact`, { fingerprintTolerance: 1 });
      assert.deepEqual(impact.subject, { type: 'policy', id: policyId, name: h.catalog.desktopPolicy.name });
      assert.deepEqual(impact.changes, [{ field: 'fingerprintTolerance', from: 2, to: 1 }]);
      assert.deepEqual(impact.usage, { plans: 1, customers: 4, licenses: 4, seats: 4, computers: 4 });
      const [tolerance] = impact.consequences;
      assert.equal(tolerance.code, 'TOLERANCE_LOWERED');
      assert.equal(tolerance.items[0].computer.hostName, 'ANNA-PC-r');
      assert.equal(tolerance.items[0].customer.number, world.anna.registration.customerNumber);
      assert.equal(impact.allowed, true);
      assert.equal((await admin.ok('GET', `/v1/admin/policies/${policyId}`)).fingerprintTolerance, 2);
    });

    test('plan: by code; a price rise names the licenses, which keep their price', async () => {
      const impact = await admin.ok('POST', `/v1/admin/plans/${DEMO.desktop.plan}/impact`, { priceCents: 3400 });
      const [price] = impact.consequences;
      assert.equal(price.code, 'PRICE_CHANGED');
      assert.equal(price.values.perLicenseMonthlyCents, 500);
      assert.equal(price.itemCount, 4);
      assert.match(price.message, /keep the price they were issued at, on their bills and in the client portal/);
    });

    test('feature and product: renaming tells how many customers see it', async () => {
      const feature = (await admin.ok('GET', `/v1/admin/features?product=${DEMO.engagement.product}`)).items.find((x: any) => x.code === f.booking);
      const renamed = await admin.ok('POST', `/v1/admin/features/${feature.id}/impact`, { name: { fr: 'Rendez-vous en ligne' } });
      assert.deepEqual({ code: renamed.consequences[0].code, customers: renamed.usage.customers, seats: renamed.usage.seats }, { code: 'RENAMED', customers: 2, seats: 1 });
      const product = await admin.ok('POST', `/v1/admin/products/${DEMO.desktop.product}/impact`, { name: 'Clinic Desktop 2' });
      assert.equal(product.usage.computers, 4);
    });

    const malformed: [string, string, unknown, string[]][] = [
      ['nothing to change', `/v1/admin/policies/:policy/impact`, {}, ['body']],
      ['a lease shorter than the check-in interval', `/v1/admin/policies/:policy/impact`, { leaseSeconds: 600 }, ['body.leaseSeconds']],
      ['a tolerance as large as the components needed', `/v1/admin/policies/:policy/impact`, { fingerprintTolerance: 3 }, ['body.fingerprintTolerance']],
      ['a fractional price and a bad currency', `/v1/admin/plans/${DEMO.desktop.plan}/impact`, { priceCents: 9.5, currency: 'dollars' }, ['body.priceCents', 'body.currency']],
      ['no slots', `/v1/admin/plans/${DEMO.engagement.plus}/impact`, { slots: [] }, ['body.slots']],
      ['a feature twice', `/v1/admin/plans/${DEMO.engagement.plus}/impact`, { slots: [{ feature: f.messages, quantity: 1 }, { feature: f.messages, quantity: 2 }] }, ['body.slots']],
      ['a product code', `/v1/admin/products/${DEMO.desktop.product}/impact`, { code: 'new' }, ['body', 'body.name']],
    ];
    for (const [name, url, body, fields] of malformed) {
      test(`malformed: ${name} → 400 VALIDATION_FAILED naming ${fields.join(', ')}`, async () => {
        const response = await admin.send('POST', url.replace(':policy', policyId), body);
        assertProblem(response, 400, 'VALIDATION_FAILED');
        assert.deepEqual(json(response).errors.map((e: any) => e.field).sort(), [...fields].sort());
      });
    }

    for (const [url, body] of [
      ['/v1/admin/policies/no-such-policy/impact', { resetLimit: 1 }], ['/v1/admin/plans/no-such-plan/impact', { priceCents: 1 }],
      ['/v1/admin/features/no-such-feature/impact', { name: { en: 'X' } }], ['/v1/admin/products/no-such-product/impact', { name: 'X' }],
      [`/v1/admin/plans/${DEMO.engagement.plus}/impact`, { slots: [{ feature: DEMO.desktop.feature, quantity: 1 }] }],
    ] as const) {
      test(`unknown: POST ${url} ${JSON.stringify(body)} → 404 NOT_FOUND`, async () => {
        assertProblem(await admin.send('POST', url, body), 404, 'NOT_FOUND');
      });
    }

    test('only an owner previews catalogue changes; support and read-only staff are refused', async () => {
      for (const role of ['support', 'read_only'] as const) {
        const staff = asStaff(h, await signInStaff(h, role));
        assertProblem(await staff('POST', `/v1/admin/policies/${policyId}/impact`, { resetLimit: 1 }), 403, 'FORBIDDEN', role);
      }
      const owner = asStaff(h, await signInStaff(h, 'owner'));
      assert.equal((await owner('POST', `/v1/admin/policies/${policyId}/impact`, { resetLimit: 1 })).statusCode, 200);
    });

    test('the PATCH refuses what the preview blocks: a slot in use (SLOTS_IN_USE) and mixed currencies, changing nothing', async () => {
      const preview = await admin.ok('POST', `/v1/admin/plans/${DEMO.engagement.plus}/impact`, withoutBooking);
      assert.equal(preview.allowed, false);
      const refused = await admin.send('PATCH', `/v1/admin/plans/${DEMO.engagement.plus}`, withoutBooking);
      assertProblem(refused, 409, 'SLOTS_IN_USE');
      assert.deepEqual(json(refused).consequences.map((c: any) => [c.code, c.items.map((i: any) => i.customer.id)]), [['SLOTS_OVER_CAPACITY', [world.bert.id]]]);
      assertProblem(await admin.send('PATCH', `/v1/admin/plans/${DEMO.desktop.plan}`, { currency: 'USD' }), 409, 'INVALID_STATE');
      assert.equal((await admin.ok('GET', `/v1/admin/plans/${DEMO.engagement.plus}`)).slots.length, 3);
      assert.equal((await admin.ok('GET', `/v1/admin/plans/${DEMO.desktop.plan}`)).currency, 'CAD');
      const events = await admin.ok('GET', '/v1/admin/events?type=plan.updated');
      assert.equal(events.items.length, 0);
    });

    test('the PATCH applies a slot change the preview allows: capacity changes at once, with its event', async () => {
      assert.deepEqual((await accountClient(h, world.eve).totals())[f.reminders], [1, 0, 1]);
      const plan = await admin.ok('PATCH', `/v1/admin/plans/${DEMO.engagement.plus}`, withoutReminders);
      assert.equal(plan.slots.length, 2);
      assert.equal((await accountClient(h, world.eve).totals())[f.reminders], undefined);
      const event = await admin.lastEvent('plan.updated', plan.id);
      assert.equal(event.data.changes.slots.from.length, 3);
      assert.equal(event.data.changes.slots.to.length, 2);
      const again = await admin.ok('POST', `/v1/admin/plans/${DEMO.engagement.plus}/impact`, withoutReminders);
      assert.deepEqual(again.consequences.map((c: any) => c.code), ['NO_CHANGE']);
    });
  });
}
