import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { newId } from '@leasehold/db';
import { insertAssignment } from '../assignments/assignment.repository.ts';
import { DEMO } from '../demo/demo-catalog.ts';
import { insertResource } from '../resources/resource.repository.ts';
import { adminClient } from '../testing/admin-client.ts';
import { DIALECTS, createHarness, fingerprint, json, type Harness } from '../testing/harness.ts';
import { assertProblem } from '../testing/security.ts';

const F = DEMO.engagement.features;

for (const dialect of DIALECTS) {
  describe(`admin API: licenses (${dialect})`, () => {
    let h: Harness;
    let admin: ReturnType<typeof adminClient>;
    before(async () => {
      h = await createHarness(dialect);
      admin = adminClient(h);
    });
    after(() => h.close());

    const newCustomer = async (name: string) => (await admin.create('/v1/admin/customers', { name })).customer.id as string;

    /** A provider or schedule holding a slot of `feature` on `licenseId`, as the seat API would make it. */
    const assign = async (customerId: string, licenseId: string, feature: string, name: string) => {
      const now = h.clock.now();
      const featureId = (await admin.ok('GET', `/v1/admin/features?product=${DEMO.engagement.product}`)).items.find((f: any) => f.code === feature).id;
      const resourceId = newId(now);
      await insertResource(h.database.db, { id: resourceId, customer_id: customerId, kind: feature === F.messages ? 'provider' : 'schedule', external_id: name, name, reachable: 1, synchronised: 1, missing: 0, last_reported_at: now, created_at: now, updated_at: now });
      const id = newId(now);
      await insertAssignment(h.database.db, { id, customer_id: customerId, license_id: licenseId, feature_id: featureId, resource_id: resourceId, created_at: now, released_at: null, release_reason: null, held_until: null });
      return id;
    };

    test('issue shows the key once and it works for the app; get shows the seats held; list pages per customer', async () => {
      const customerId = await newCustomer('Elm Clinic');
      const issued = await admin.create(`/v1/admin/customers/${customerId}/licenses`, { plan: DEMO.desktop.plan });
      assert.match(issued.key, /^LH-/);
      assert.equal(issued.license.plan.code, DEMO.desktop.plan);
      assert.equal(issued.license.status, 'active');
      assert.ok(issued.key.startsWith(issued.license.keyPrefix));
      const event = await admin.lastEvent('license.issued', issued.license.id);
      assert.equal(event.actor.type, 'admin_key');
      assert.equal(event.customerId, customerId);

      const activated = json(await h.request({
        method: 'POST', url: '/v1/activations', headers: { authorization: `License ${issued.key}` },
        payload: { product: DEMO.desktop.product, fingerprint: fingerprint('elm-pc'), hostName: 'elm-pc', platform: 'darwin 24.1', appVersion: '5.2.0' },
      }));
      assert.equal(activated.valid, true, 'the license key works for the app');
      const detail = await admin.ok('GET', `/v1/admin/licenses/${issued.license.id}`);
      assert.deepEqual(detail.seats.map((s: any) => [s.feature, s.slots, s.held]), [[DEMO.desktop.feature, 1, 1]]);
      assert.equal(JSON.stringify(detail).includes(issued.key), false, 'the key is never shown again');

      const later = new Date(h.clock.now() + 86_400_000).toISOString();
      await admin.create(`/v1/admin/customers/${customerId}/licenses`, { plan: DEMO.engagement.basic, startsAt: later });
      await admin.create(`/v1/admin/customers/${customerId}/licenses`, { plan: DEMO.engagement.plus });
      const first = await admin.ok('GET', `/v1/admin/customers/${customerId}/licenses?limit=2`);
      assert.equal(first.items.length, 2);
      const second = await admin.ok('GET', `/v1/admin/customers/${customerId}/licenses?limit=2&cursor=${first.nextCursor}`);
      assert.equal(second.items.length, 1);
      const all = [...first.items, ...second.items];
      assert.equal(new Set(all.map((l: any) => l.id)).size, 3);
      assert.equal(all.find((l: any) => l.plan.code === DEMO.engagement.basic).startsAt, later);
    });

    test('suspend, resume and cancel, each an event with its reason; a change that does not fit the status is a 409', async () => {
      const customerId = await newCustomer('Fir Clinic');
      const { license } = await admin.create(`/v1/admin/customers/${customerId}/licenses`, { plan: DEMO.engagement.plus });
      const seat = await assign(customerId, license.id, F.booking, 'Fir booking');
      assert.equal((await admin.ok('POST', `/v1/admin/licenses/${license.id}/suspend`, { reason: 'unpaid invoice' })).status, 'suspended');
      const suspended = await admin.lastEvent('license.suspended', license.id);
      assert.deepEqual([suspended.actor.type, suspended.data.reason], ['admin_key', 'unpaid invoice']);
      assertProblem(await admin.send('POST', `/v1/admin/licenses/${license.id}/suspend`), 409, 'INVALID_STATE');
      assert.equal((await admin.ok('POST', `/v1/admin/licenses/${license.id}/resume`)).status, 'active');
      assert.equal((await admin.lastEvent('license.resumed', license.id)).actor.type, 'admin_key');
      assert.equal((await admin.ok('GET', `/v1/admin/licenses/${license.id}`)).seats.find((s: any) => s.feature === F.booking).held, 1, 'suspension keeps the seats');

      assert.equal((await admin.ok('POST', `/v1/admin/licenses/${license.id}/cancel`, {})).status, 'cancelled');
      assert.equal((await admin.lastEvent('license.cancelled', license.id)).actor.type, 'admin_key');
      assert.deepEqual((await admin.ok('GET', `/v1/admin/licenses/${license.id}`)).seats.map((s: any) => s.held), [0, 0, 0], 'cancelling frees every seat');
      assertProblem(await admin.send('GET', `/v1/admin/activations/${seat}`), 404, 'NOT_FOUND', 'a schedule\'s seat is not a computer\'s activation');
      assertProblem(await admin.send('POST', `/v1/admin/licenses/${license.id}/resume`), 409, 'INVALID_STATE');
    });

    test('change plan to one with fewer slots than in use: 409 naming the seats to release; after a staff reset it goes through', async () => {
      const customerId = await newCustomer('Ginkgo Clinic');
      const { license } = await admin.create(`/v1/admin/customers/${customerId}/licenses`, { plan: DEMO.engagement.plus });
      await assign(customerId, license.id, F.messages, 'Dr. A');
      const booking = await assign(customerId, license.id, F.booking, 'Main booking schedule');

      const refused = await admin.send('POST', `/v1/admin/licenses/${license.id}/change-plan`, { plan: DEMO.engagement.basic });
      assertProblem(refused, 409, 'REMOVAL_NEEDS_CHOICE');
      const body = json(refused);
      assert.match(body.detail, /Release 1 of the 1 Online Booking seats first/);
      assert.deepEqual(body.release.map((r: any) => [r.feature, r.count]), [[F.booking, 1]]);
      assert.deepEqual(body.release[0].candidates.map((c: any) => [c.assignmentId, c.resourceName]), [[booking, 'Main booking schedule']]);
      assert.equal((await admin.ok('GET', `/v1/admin/licenses/${license.id}`)).plan.code, DEMO.engagement.plus, 'nothing changed');

      await admin.ok('POST', `/v1/admin/activations/${booking}/reset`, { reason: 'downgrading to Basic' });
      const changed = await admin.ok('POST', `/v1/admin/licenses/${license.id}/change-plan`, { plan: DEMO.engagement.basic });
      assert.equal(changed.plan.code, DEMO.engagement.basic);
      const event = await admin.lastEvent('license.plan_changed', license.id);
      assert.deepEqual([event.actor.type, event.data.from, event.data.to], ['admin_key', DEMO.engagement.plus, DEMO.engagement.basic]);

      assert.equal((await admin.ok('POST', `/v1/admin/licenses/${license.id}/change-plan`, { plan: DEMO.engagement.plus })).plan.code, DEMO.engagement.plus);
      assertProblem(await admin.send('POST', `/v1/admin/licenses/${license.id}/change-plan`, { plan: DEMO.engagement.plus }), 409, 'INVALID_STATE');
      assertProblem(await admin.send('POST', `/v1/admin/licenses/${license.id}/change-plan`, { plan: DEMO.desktop.plan }), 404, 'NOT_FOUND');
    });

    test('change plan when the pool has room elsewhere: the seat moves to another license', async () => {
      const customerId = await newCustomer('Hazel Clinic');
      const a = (await admin.create(`/v1/admin/customers/${customerId}/licenses`, { plan: DEMO.engagement.plus })).license;
      const b = (await admin.create(`/v1/admin/customers/${customerId}/licenses`, { plan: DEMO.engagement.plus })).license;
      const seat = await assign(customerId, a.id, F.booking, 'Hazel booking');
      await admin.ok('POST', `/v1/admin/licenses/${a.id}/change-plan`, { plan: DEMO.engagement.basic });
      const held = async (id: string) => (await admin.ok('GET', `/v1/admin/licenses/${id}`)).seats.find((s: any) => s.feature === F.booking)?.held ?? 0;
      assert.equal(await held(a.id), 0);
      assert.equal(await held(b.id), 1);
      const moved = await admin.lastEvent('assignment.moved', seat);
      assert.deepEqual([moved.data.fromLicenseId, moved.data.toLicenseId], [a.id, b.id]);
    });

    const malformed: [string, string, unknown, string[]][] = [
      ['issue without a plan', 'licenses', {}, ['body.plan']],
      ['issue with a start that is not a date-time', 'licenses', { plan: DEMO.desktop.plan, startsAt: 'tomorrow' }, ['body.startsAt']],
    ];
    for (const [name, path, body, fields] of malformed) {
      test(`malformed: ${name} → 400 VALIDATION_FAILED naming ${fields.join(', ')}`, async () => {
        const customerId = await newCustomer('Malformed');
        const response = await admin.send('POST', `/v1/admin/customers/${customerId}/${path}`, body);
        assertProblem(response, 400, 'VALIDATION_FAILED');
        assert.deepEqual(json(response).errors.map((e: any) => e.field), fields);
      });
    }
    test('malformed: change plan without a plan → 400 VALIDATION_FAILED naming body.plan', async () => {
      const response = await admin.send('POST', '/v1/admin/licenses/x/change-plan', { to: 'basic' });
      assertProblem(response, 400, 'VALIDATION_FAILED');
      assert.deepEqual(json(response).errors.map((e: any) => e.field), ['body.plan']);
    });

    const unknown: [string, string, unknown][] = [
      ['POST', '/v1/admin/customers/no-such-customer/licenses', { plan: DEMO.desktop.plan }],
      ['GET', '/v1/admin/customers/no-such-customer/licenses', undefined],
      ['GET', '/v1/admin/licenses/no-such-license', undefined],
      ['POST', '/v1/admin/licenses/no-such-license/suspend', undefined],
      ['POST', '/v1/admin/licenses/no-such-license/resume', undefined],
      ['POST', '/v1/admin/licenses/no-such-license/cancel', undefined],
      ['POST', '/v1/admin/licenses/no-such-license/change-plan', { plan: DEMO.engagement.basic }],
    ];
    for (const [method, url, body] of unknown) {
      test(`unknown: ${method} ${url} → 404 NOT_FOUND`, async () => {
        assertProblem(await admin.send(method as any, url, body), 404, 'NOT_FOUND');
      });
    }
    test('unknown: issuing a plan that does not exist → 404 NOT_FOUND', async () => {
      assertProblem(await admin.send('POST', `/v1/admin/customers/${await newCustomer('No plan')}/licenses`, { plan: 'no-such-plan' }), 404, 'NOT_FOUND');
    });
  });
}
