import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { newId } from '@leasehold/db';
import { insertAssignment } from '../assignments/assignment.repository.ts';
import { DEMO } from '../demo/demo-catalog.ts';
import { insertResource } from '../resources/resource.repository.ts';
import { adminClient } from '../testing/admin-client.ts';
import { DIALECTS, createHarness, json, type Harness } from '../testing/harness.ts';
import { assertProblem } from '../testing/security.ts';
import { asStaff, signInStaff } from '../testing/staff-fixtures.ts';

const F = DEMO.engagement.features;

for (const dialect of DIALECTS) {
  describe(`admin API: plan change preview (${dialect})`, () => {
    let h: Harness;
    let admin: ReturnType<typeof adminClient>;
    before(async () => {
      h = await createHarness(dialect);
      admin = adminClient(h);
    });
    after(() => h.close());

    const newCustomer = async (name: string, plans: string[]) => {
      const customerId = (await admin.create('/v1/admin/customers', { name })).customer.id as string;
      const licenses = [];
      for (const plan of plans) licenses.push((await admin.create(`/v1/admin/customers/${customerId}/licenses`, { plan })).license.id as string);
      return { customerId, licenses };
    };
    const assign = async (customerId: string, licenseId: string, feature: string, name: string) => {
      const now = h.clock.now();
      const featureId = (await admin.ok('GET', `/v1/admin/features?product=${DEMO.engagement.product}`)).items.find((f: any) => f.code === feature).id;
      const resourceId = newId(now);
      await insertResource(h.database.db, { id: resourceId, customer_id: customerId, kind: 'schedule', external_id: name, name, reachable: 1, synchronised: 1, missing: 0, last_reported_at: now, created_at: now, updated_at: now });
      const id = newId(now);
      await insertAssignment(h.database.db, { id, customer_id: customerId, license_id: licenseId, feature_id: featureId, resource_id: resourceId, created_at: now, released_at: null, release_reason: null, held_until: null });
      return id;
    };
    const preview = (licenseId: string, plan: string) => admin.ok('GET', `/v1/admin/licenses/${licenseId}/change-plan/preview?plan=${plan}`);
    const seatRow = (body: any, feature: string) => {
      const s = body.seats.find((x: any) => x.feature === feature);
      return [s.slotsBefore, s.slotsAfter, s.capacityBefore, s.capacityAfter, s.assigned, s.shortfall];
    };

    test('Basic to Plus: the price difference and the booking slot it adds; nothing changes until saved', async () => {
      const { licenses: [basic] } = await newCustomer('Aspen Clinic', [DEMO.engagement.basic, DEMO.engagement.plus]);
      const body = await preview(basic, DEMO.engagement.plus);
      assert.deepEqual([body.from.code, body.to.code, body.to.priceCents, body.to.period], [DEMO.engagement.basic, DEMO.engagement.plus, 7900, 'month']);
      assert.deepEqual(body.priceChange, { currency: 'CAD', before: { month: 12800, year: 0 }, after: { month: 15800, year: 0 }, delta: { month: 3000, year: 0 } });
      assert.deepEqual(seatRow(body, F.booking), [0, 1, 1, 2, 0, 0]);
      assert.deepEqual(seatRow(body, F.messages), [1, 1, 2, 2, 0, 0]);
      assert.deepEqual(body.seats.find((s: any) => s.feature === F.booking).name, { en: 'Online Booking', fr: 'Réservation en ligne' });
      assert.deepEqual([body.canChange, body.release], [true, []]);
      assert.equal((await admin.ok('GET', `/v1/admin/licenses/${basic}`)).plan.code, DEMO.engagement.basic, 'a preview changes nothing');
      const events = await admin.ok('GET', `/v1/admin/events?type=license.plan_changed&subjectId=${basic}`);
      assert.equal(events.items.length, 0);
    });

    test('Plus to Basic with booking in use: the shortfall and the seats to remove, the same the change refuses with', async () => {
      const { customerId, licenses: [plus] } = await newCustomer('Birch Clinic', [DEMO.engagement.plus]);
      const booking = await assign(customerId, plus, F.booking, 'Main clinic');
      const body = await preview(plus, DEMO.engagement.basic);
      assert.equal(body.priceChange.delta.month, -3000);
      assert.deepEqual(seatRow(body, F.booking), [1, 0, 1, 0, 1, 1]);
      assert.equal(body.canChange, false);
      assert.deepEqual(body.release.map((r: any) => [r.feature, r.count, r.candidates.map((c: any) => [c.assignmentId, c.resourceName])]), [[F.booking, 1, [[booking, 'Main clinic']]]]);
      const refused = await admin.send('POST', `/v1/admin/licenses/${plus}/change-plan`, { plan: DEMO.engagement.basic });
      assertProblem(refused, 409, 'REMOVAL_NEEDS_CHOICE');
      assert.deepEqual(json(refused).release, body.release, 'the preview names what the change refuses');
    });

    test('a suspended license changes no pool: nothing to remove, no price difference now', async () => {
      const { customerId, licenses: [plus] } = await newCustomer('Cedar Clinic', [DEMO.engagement.plus]);
      await assign(customerId, plus, F.booking, 'Cedar booking');
      await admin.ok('POST', `/v1/admin/licenses/${plus}/suspend`, { reason: 'unpaid' });
      const body = await preview(plus, DEMO.engagement.basic);
      assert.deepEqual([body.canChange, body.priceChange.delta.month, body.license.status], [true, 0, 'suspended']);
    });

    test('support staff change plans; read-only staff preview but cannot change; the actor is the staff member', async () => {
      const { licenses: [basic] } = await newCustomer('Dogwood Clinic', [DEMO.engagement.basic]);
      const reader = asStaff(h, await signInStaff(h, 'read_only'));
      const support = await signInStaff(h, 'support');
      assert.equal((await reader('GET', `/v1/admin/licenses/${basic}/change-plan/preview?plan=${DEMO.engagement.plus}`)).statusCode, 200);
      assertProblem(await reader('POST', `/v1/admin/licenses/${basic}/change-plan`, { plan: DEMO.engagement.plus }), 403, 'FORBIDDEN');
      const changed = await asStaff(h, support)('POST', `/v1/admin/licenses/${basic}/change-plan`, { plan: DEMO.engagement.plus });
      assert.equal(changed.statusCode, 200, changed.body);
      assert.equal(json(changed).plan.code, DEMO.engagement.plus);
      const event = await admin.lastEvent('license.plan_changed', basic);
      assert.deepEqual([event.actor.type, event.actor.id, event.data.from, event.data.to], ['staff', support.staffId, DEMO.engagement.basic, DEMO.engagement.plus]);
      assertProblem(await asStaff(h, support)('POST', `/v1/admin/licenses/${basic}/cancel`, { reason: 'test' }), 403, 'FORBIDDEN', 'support cancels');
    });

    const refusals: [string, (ids: { plus: string }) => string, number, string][] = [
      ['the plan it is on', ({ plus }) => `/v1/admin/licenses/${plus}/change-plan/preview?plan=${DEMO.engagement.plus}`, 409, 'INVALID_STATE'],
      ['a plan of another product', ({ plus }) => `/v1/admin/licenses/${plus}/change-plan/preview?plan=${DEMO.desktop.plan}`, 404, 'NOT_FOUND'],
      ['a plan that does not exist', ({ plus }) => `/v1/admin/licenses/${plus}/change-plan/preview?plan=no-such-plan`, 404, 'NOT_FOUND'],
      ['an unknown license', () => `/v1/admin/licenses/no-such-license/change-plan/preview?plan=${DEMO.engagement.basic}`, 404, 'NOT_FOUND'],
      ['no plan named', ({ plus }) => `/v1/admin/licenses/${plus}/change-plan/preview`, 400, 'VALIDATION_FAILED'],
    ];
    for (const [name, url, status, code] of refusals) {
      test(`preview to ${name} → ${status} ${code}`, async () => {
        const { licenses: [plus] } = await newCustomer('Refused Clinic', [DEMO.engagement.plus]);
        assertProblem(await admin.send('GET', url({ plus })), status, code);
      });
    }
  });
}
