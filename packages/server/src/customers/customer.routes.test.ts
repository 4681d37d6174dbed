import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { newId } from '@leasehold/db';
import { insertAssignment } from '../assignments/assignment.repository.ts';
import { DEMO } from '../demo/demo-catalog.ts';
import { insertResource } from '../resources/resource.repository.ts';
import { adminClient } from '../testing/admin-client.ts';
import { DIALECTS, createHarness, fingerprint, json, type Harness } from '../testing/harness.ts';
import { assertProblem } from '../testing/security.ts';

const basic = (registration: { customerNumber: string; registrationKey: string }) =>
  `Basic ${Buffer.from(`${registration.customerNumber}:${registration.registrationKey}`).toString('base64')}`;

for (const dialect of DIALECTS) {
  describe(`admin API: customers (${dialect})`, () => {
    let h: Harness;
    let admin: ReturnType<typeof adminClient>;
    before(async () => {
      h = await createHarness(dialect);
      admin = adminClient(h);
    });
    after(() => h.close());

    const activate = (registration: any, seed: string) =>
      h.request({
        method: 'POST', url: '/v1/activations', headers: { authorization: basic(registration) },
        payload: { product: DEMO.desktop.product, fingerprint: fingerprint(seed), hostName: seed, platform: 'win32 10.0.22631', appVersion: '5.2.0' },
      });

    test('create gives registration details once; they work for the app; get shows licenses, pools and resources with health', async () => {
      const created = await admin.create('/v1/admin/customers', {
        name: 'Maple Clinic', contactName: 'Front desk', contactEmail: 'Desk@Maple.test', locale: 'fr',
        address: { line1: '1 Main St', city: 'Ottawa', region: 'ON', postalCode: 'K1A 0A1', country: 'CA' },
      });
      assert.match(created.customer.number, /^\d{6,}$/);
      assert.equal(created.registration.customerNumber, created.customer.number);
      assert.match(created.registration.registrationKey, /^[0-9A-Z]{5}(-[0-9A-Z]{5}){3}$/);
      assert.equal(created.customer.contactEmail, 'desk@maple.test');
      assert.equal(created.customer.status, 'active');
      assert.equal((await admin.lastEvent('customer.created', created.customer.id)).actor.type, 'admin_key');
      const id = created.customer.id;

      await admin.create(`/v1/admin/customers/${id}/licenses`, { plan: DEMO.desktop.plan });
      await admin.create(`/v1/admin/customers/${id}/licenses`, { plan: DEMO.engagement.plus });
      assert.equal(json(await activate(created.registration, 'maple-reception')).valid, true, 'the registration details work for the app');

      const now = h.clock.now();
      const schedule = { id: newId(now), customer_id: id, kind: 'schedule', external_id: 'emr-7', name: 'Dr. Example schedule', reachable: 0, synchronised: 0, missing: 0, last_reported_at: now, created_at: now, updated_at: now };
      await insertResource(h.database.db, schedule);
      const detail = await admin.ok('GET', `/v1/admin/customers/${id}`);
      const plus = detail.licenses.find((l: any) => l.plan.code === DEMO.engagement.plus);
      const booking = detail.pools.find((p: any) => p.feature === DEMO.engagement.features.booking);
      await insertAssignment(h.database.db, { id: newId(now), customer_id: id, license_id: plus.id, feature_id: booking.featureId, resource_id: schedule.id, created_at: now, released_at: null, release_reason: null, held_until: null });

      const after = await admin.ok('GET', `/v1/admin/customers/${id}`);
      assert.equal(after.number, created.customer.number);
      assert.equal(after.licenses.length, 2);
      const pools = Object.fromEntries(after.pools.map((p: any) => [p.feature, [p.capacity, p.assigned, p.unassigned]]));
      assert.deepEqual(pools, {
        [DEMO.desktop.feature]: [1, 1, 0],
        [DEMO.engagement.features.messages]: [1, 0, 1],
        [DEMO.engagement.features.reminders]: [1, 0, 1],
        [DEMO.engagement.features.booking]: [1, 1, 0],
      });
      const health = Object.fromEntries(after.resources.map((r: any) => [r.name, r.health]));
      assert.deepEqual(health, { 'maple-reception': 'ok', 'Dr. Example schedule': 'unreachable' });
      assert.equal(after.resources.find((r: any) => r.kind === 'schedule').seats[0].feature, DEMO.engagement.features.booking);
    });

    test('update contact and address: fields left out keep their value, null clears one, the event names the changes', async () => {
      const { customer } = await admin.create('/v1/admin/customers', { name: 'Birch Clinic', phone: '555-0100', address: { city: 'Halifax', country: 'ca' } });
      const updated = await admin.ok('PATCH', `/v1/admin/customers/${customer.id}`, { contactEmail: 'office@birch.test', phone: null, address: { line1: '2 Shore Rd' } });
      assert.equal(updated.contactEmail, 'office@birch.test');
      assert.equal(updated.phone, null);
      assert.deepEqual(updated.address, { line1: '2 Shore Rd', line2: null, city: 'Halifax', region: null, postalCode: null, country: 'CA' });
      assert.equal(updated.name, 'Birch Clinic');
      const event = await admin.lastEvent('customer.updated', customer.id);
      assert.deepEqual(Object.keys(event.data.changes).sort(), ['address', 'contactEmail', 'phone']);
      assert.equal(event.actor.type, 'admin_key');
      assert.equal(event.customerId, customer.id);
    });

    test('suspend refuses the app with CUSTOMER_SUSPENDED; resume lets it in again; each is an event', async () => {
      const { customer, registration } = await admin.create('/v1/admin/customers', { name: 'Cedar Clinic' });
      await admin.create(`/v1/admin/customers/${customer.id}/licenses`, { plan: DEMO.desktop.plan });
      assert.equal((await admin.ok('POST', `/v1/admin/customers/${customer.id}/suspend`)).status, 'suspended');
      assert.equal((await admin.lastEvent('customer.suspended', customer.id)).actor.type, 'admin_key');
      const refused = json(await activate(registration, 'cedar-pc'));
      assert.equal(refused.valid, false);
      assert.equal(refused.code, 'CUSTOMER_SUSPENDED');
      assert.equal((await admin.ok('POST', `/v1/admin/customers/${customer.id}/resume`)).status, 'active');
      assert.equal((await admin.lastEvent('customer.resumed', customer.id)).actor.type, 'admin_key');
      assert.equal(json(await activate(registration, 'cedar-pc')).valid, true);
    });

    test('re-issued registration details replace the old ones at once', async () => {
      const { customer, registration } = await admin.create('/v1/admin/customers', { name: 'Dogwood Clinic' });
      await admin.create(`/v1/admin/customers/${customer.id}/licenses`, { plan: DEMO.desktop.plan });
      const fresh = await admin.ok('POST', `/v1/admin/customers/${customer.id}/reissue-registration`);
      assert.equal(fresh.customerNumber, customer.number);
      assert.notEqual(fresh.registrationKey, registration.registrationKey);
      assertProblem(await activate(registration, 'dogwood-pc'), 401, 'INVALID_CREDENTIALS', 'the old key');
      assert.equal(json(await activate(fresh, 'dogwood-pc')).valid, true);
      assert.equal((await admin.lastEvent('customer.registration_reissued', customer.id)).actor.type, 'admin_key');
    });

    test('find by number, name, contact email or a computer\'s host name, case-insensitive', async () => {
      const { customer, registration } = await admin.create('/v1/admin/customers', { number: 'QX-7781', name: 'Juniper Family Health', contactEmail: 'admin@juniper-health.test' });
      await admin.create(`/v1/admin/customers/${customer.id}/licenses`, { plan: DEMO.desktop.plan });
      const activation = json(await activate(registration, 'JUNIPER-FRONT-01')).activation;
      await h.request({
        method: 'POST', url: `/v1/activations/${activation.id}/check-in`, headers: { authorization: basic(registration) },
        payload: { fingerprint: fingerprint('JUNIPER-FRONT-01'), hostName: 'JUNIPER-RENAMED-02' },
      });
      await admin.create('/v1/admin/customers', { name: 'Unrelated Clinic' });
      for (const q of ['qx-7781', 'juniper family', 'ADMIN@JUNIPER', 'juniper-front', 'front-01', 'renamed-02']) {
        const found = await admin.ok('GET', `/v1/admin/customers?q=${encodeURIComponent(q)}`);
        assert.deepEqual(found.items.map((c: any) => c.id), [customer.id], `q=${q}`);
      }
      assert.deepEqual((await admin.ok('GET', '/v1/admin/customers?q=no-such-clinic-anywhere')).items, []);
    });

    test('the customer list pages with limit and cursor, each customer once', async () => {
      for (const n of [1, 2, 3, 4, 5]) await admin.create('/v1/admin/customers', { name: `Paging Clinic ${n}` });
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: any = await admin.ok('GET', `/v1/admin/customers?q=paging%20clinic&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        assert.ok(page.items.length <= 2);
        seen.push(...page.items.map((c: any) => c.name));
        cursor = page.nextCursor;
      } while (cursor && seen.length < 20);
      // Ids order customers by creation time; within one millisecond (the test clock stands still) any order is fine.
      assert.deepEqual(seen.sort(), [1, 2, 3, 4, 5].map((n) => `Paging Clinic ${n}`));
    });

    test('customers created at the same time get different numbers', async () => {
      const created = await Promise.all([1, 2, 3, 4].map((n) => admin.create('/v1/admin/customers', { name: `Simultaneous ${n}` })));
      assert.equal(new Set(created.map((c) => c.customer.number)).size, 4);
      assertProblem(await admin.send('POST', '/v1/admin/customers', { number: created[0].customer.number, name: 'Copy' }), 409, 'ALREADY_EXISTS');
    });

    const malformed: [string, string, string, unknown, string[]][] = [
      ['create without a name', 'POST', '/v1/admin/customers', { contactEmail: 'a@b.test' }, ['body.name']],
      ['create with a bad email and country', 'POST', '/v1/admin/customers', { name: 'X', contactEmail: 'not-an-email', address: { country: 'Canada' } }, ['body.contactEmail', 'body.address.country']],
      ['create with an unknown locale', 'POST', '/v1/admin/customers', { name: 'X', locale: 'de' }, ['body.locale']],
      ['the number cannot change', 'PATCH', '/v1/admin/customers/x', { number: '5' }, ['body', 'body']],
      ['an empty change', 'PATCH', '/v1/admin/customers/x', {}, ['body']],
      ['a search page too large', 'GET', '/v1/admin/customers?limit=1000', undefined, ['querystring.limit']],
    ];
    for (const [name, method, url, body, fields] of malformed) {
      test(`malformed: ${name} → 400 VALIDATION_FAILED naming ${fields.join(', ')}`, async () => {
        const response = await admin.send(method as any, url, body);
        assertProblem(response, 400, 'VALIDATION_FAILED');
        assert.deepEqual(json(response).errors.map((e: any) => e.field).sort(), [...fields].sort());
      });
    }

    const unknown: [string, string, unknown][] = [
      ['GET', '/v1/admin/customers/no-such-customer', undefined],
      ['PATCH', '/v1/admin/customers/no-such-customer', { name: 'x' }],
      ['POST', '/v1/admin/customers/no-such-customer/suspend', undefined],
      ['POST', '/v1/admin/customers/no-such-customer/resume', undefined],
      ['POST', '/v1/admin/customers/no-such-customer/reissue-registration', undefined],
    ];
    for (const [method, url, body] of unknown) {
      test(`unknown: ${method} ${url} → 404 NOT_FOUND`, async () => {
        assertProblem(await admin.send(method as any, url, body), 404, 'NOT_FOUND');
      });
    }
  });
}
