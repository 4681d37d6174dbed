import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SYSTEM_ACTOR } from '../events/event.repository.ts';
import { setCustomerStatus } from '../customers/customer.service.ts';
import { DEMO } from '../demo/demo-catalog.ts';
import { DIALECTS, createHarness, json, seedCustomer, type Harness } from '../testing/harness.ts';
import { assertProblem } from '../testing/security.ts';
import { accountClient, bridgeFor, providers, schedules } from '../testing/seat-fixtures.ts';

const { basic: BASIC, plus: PLUS } = DEMO.engagement;
const { messages: MESSAGES, reminders: REMINDERS, booking: BOOKING } = DEMO.engagement.features;

for (const dialect of DIALECTS) {
  describe(`seat management: licenses, assignments and totals of seed 002 (${dialect})`, () => {
    let h: Harness;
    before(async () => {
      h = await createHarness(dialect);
    });
    after(() => h.close());

    test('add Basic and Plus, assign providers and schedules, upgrade Basic to Plus, and see totals and the bill after each step', async () => {
      const customer = await seedCustomer(h, [], 'Clinique du Parc');
      const account = accountClient(h, customer);
      const bridge = await bridgeFor(h, customer.id);
      const ids = await bridge.ids([...providers('Dr Tremblay', 'Dr Roy'), ...schedules('Room 1', 'Room 2')]);

      const dry = await account.post('/v1/account/licenses', { plan: BASIC, dryRun: true });
      assert.equal(dry.statusCode, 200);
      assert.deepEqual(json(dry).priceChange, { currency: 'CAD', before: { month: 0, year: 0 }, after: { month: 4900, year: 0 }, delta: { month: 4900, year: 0 } });
      assert.equal(json(await account.get('/v1/account/licenses')).items.length, 0, 'a dry run adds nothing');

      const basic = await account.post('/v1/account/licenses', { plan: BASIC });
      assert.equal(basic.statusCode, 201);
      assert.match(json(basic).key, /^LH-/);
      assert.deepEqual(await account.totals(), { [MESSAGES]: [1, 0, 1], [REMINDERS]: [1, 0, 1] });

      const plus = json(await account.post('/v1/account/licenses', { plan: PLUS }));
      assert.deepEqual(plus.priceChange.delta, { month: 7900, year: 0 });
      assert.equal(plus.priceChange.after.month, 12800);
      assert.deepEqual(await account.totals(), { [BOOKING]: [1, 0, 1], [MESSAGES]: [2, 0, 2], [REMINDERS]: [2, 0, 2] });

      const assign = (feature: string, resourceId: string) => account.post('/v1/account/assignments', { feature, resourceId });
      const first = await assign(MESSAGES, ids['Dr Tremblay']);
      assert.equal(first.statusCode, 201);
      assert.deepEqual(json(first).pool, { capacity: 2, assigned: 1, unassigned: 1 });
      assert.equal(json(first).assignment.resource.name, 'Dr Tremblay');
      assert.equal(json(await assign(REMINDERS, ids['Room 1'])).pool.assigned, 1);
      assert.equal(json(await assign(BOOKING, ids['Room 1'])).pool.assigned, 1, 'one schedule may hold reminders and booking');
      // Licenses outnumber assignments: one provider and one schedule are "unassigned" (Allocate [1]).
      assert.deepEqual(await account.totals(), { [BOOKING]: [1, 1, 0], [MESSAGES]: [2, 1, 1], [REMINDERS]: [2, 1, 1] });

      const refusals: [string, string, number, string][] = [
        [REMINDERS, ids['Dr Roy'], 409, 'SEAT_KIND_MISMATCH'],
        [MESSAGES, ids['Dr Tremblay'], 409, 'ALREADY_ASSIGNED'],
        [BOOKING, ids['Room 2'], 409, 'NO_FREE_SEAT'],
        [MESSAGES, 'no-such-resource', 404, 'NOT_FOUND'],
        ['no-such-feature', ids['Dr Roy'], 404, 'NOT_FOUND'],
        [DEMO.desktop.feature, ids['Dr Roy'], 409, 'SEAT_KIND_MISMATCH'],
      ];
      for (const [feature, resourceId, status, code] of refusals) {
        const response = await assign(feature, resourceId);
        assert.equal(response.statusCode, status, `${feature} ${code}`);
        assert.equal(json(response).code, code);
      }
      const full = json(await assign(BOOKING, ids['Room 2']));
      assert.match(full.detail, /All 1 Online Booking slots are assigned/);
      assert.deepEqual([full.capacity, full.assigned], [1, 1]);

      const basicId = json(basic).license.id;
      assert.equal(json(await account.post(`/v1/account/licenses/${plus.license.id}/upgrade`, { toPlan: BASIC })).code, 'UPGRADE_NOT_ALLOWED');
      const dryUpgrade = json(await account.post(`/v1/account/licenses/${basicId}/upgrade`, { toPlan: PLUS, dryRun: true }));
      assert.deepEqual(dryUpgrade.priceChange.delta, { month: 3000, year: 0 });
      assert.equal(dryUpgrade.license.plan.code, BASIC);
      const upgraded = await account.post(`/v1/account/licenses/${basicId}/upgrade`, { toPlan: PLUS });
      assert.equal(upgraded.statusCode, 200);
      assert.equal(json(upgraded).license.plan.code, PLUS);
      assert.deepEqual(json(upgraded).priceChange, { currency: 'CAD', before: { month: 12800, year: 0 }, after: { month: 15800, year: 0 }, delta: { month: 3000, year: 0 } });
      assert.deepEqual((await account.totals())[BOOKING], [2, 1, 1]);
      assert.equal((await assign(BOOKING, ids['Room 2'])).statusCode, 201);

      const bill = json(await account.get('/v1/account/bill'));
      assert.deepEqual(bill.totals, { month: 15800, year: 0 });
      assert.deepEqual(bill.lines.map((l: any) => [l.planCode, l.quantity, l.planName.fr]), [[PLUS, 2, "Licence d'engagement des patients (Plus)"]]);

      const licenses = json(await account.get('/v1/account/licenses')).items;
      assert.equal(licenses.length, 2);
      const rows = licenses.flatMap((l: any) => l.assignments);
      assert.deepEqual(rows.map((r: any) => `${r.feature}:${r.resource.name}:${r.resource.health}`).sort(), [
        `${BOOKING}:Room 1:ok`, `${BOOKING}:Room 2:ok`, `${MESSAGES}:Dr Tremblay:ok`, `${REMINDERS}:Room 1:ok`,
      ]);
      assert.equal(rows[0].activation, null);
      assert.equal(licenses[0].plan.name.fr, "Licence d'engagement des patients (Plus)");

      const pools = json(await account.get('/v1/account/pools')).items;
      const booking = pools.find((p: any) => p.feature.code === BOOKING);
      assert.equal(booking.feature.name.fr, 'Réservation en ligne');
      assert.equal(booking.feature.seatKind, 'schedule');
      assert.deepEqual(booking.rows.map((r: any) => [r.resource.name, r.cost.priceCents]).sort(), [['Room 1', 7900], ['Room 2', 7900]]);

      const resources = json(await account.get('/v1/account/resources?kind=schedule')).items;
      assert.deepEqual(resources.map((r: any) => [r.name, r.features.sort()]), [['Room 1', [BOOKING, REMINDERS].sort()], ['Room 2', [BOOKING]]]);
    });

    test('unassigning a provider frees its slot and is in the history', async () => {
      const customer = await seedCustomer(h, [BASIC]);
      const account = accountClient(h, customer);
      const ids = await (await bridgeFor(h, customer.id)).ids(providers('Dr Gagnon'));
      // Event ids order by time to the millisecond; a step apart keeps the history's order certain.
      h.clock.advance(1000);
      const assigned = json(await account.post('/v1/account/assignments', { feature: MESSAGES, resourceId: ids['Dr Gagnon'] }));
      h.clock.advance(1000);
      const released = await account.delete(`/v1/account/assignments/${assigned.assignment.assignmentId}`, { reason: 'Left the clinic' });
      assert.equal(released.statusCode, 200);
      assert.deepEqual(json(released), { released: true, assignmentId: assigned.assignment.assignmentId, reset: null });
      assert.deepEqual((await account.totals())[MESSAGES], [1, 0, 1]);
      assert.equal(json(await account.delete(`/v1/account/assignments/${assigned.assignment.assignmentId}`)).code, 'INVALID_STATE');

      const page1 = json(await account.get('/v1/account/events?limit=2'));
      assert.deepEqual(page1.items.map((e: any) => e.type), ['assignment.released', 'assignment.created']);
      assert.equal(page1.items[0].data.reason, 'Left the clinic');
      assert.equal(page1.items[0].actor.type, 'portal_user', 'made by a person logged on to the client portal');
      const page2 = json(await account.get(`/v1/account/events?limit=50&cursor=${page1.nextCursor}`));
      assert.ok(page2.items.some((e: any) => e.type === 'license.issued'));
      assert.equal(page2.nextCursor, null);
    });

    test('another customer\'s resources and assignments are out of reach', async () => {
      const mine = await seedCustomer(h, [BASIC]);
      const theirs = await seedCustomer(h, [BASIC]);
      const theirIds = await (await bridgeFor(h, theirs.id)).ids(providers('Dr Other'));
      const theirAssignment = json(await accountClient(h, theirs).post('/v1/account/assignments', { feature: MESSAGES, resourceId: theirIds['Dr Other'] }));
      const account = accountClient(h, mine);
      assert.equal((await account.post('/v1/account/assignments', { feature: MESSAGES, resourceId: theirIds['Dr Other'] })).statusCode, 404);
      assert.equal((await account.delete(`/v1/account/assignments/${theirAssignment.assignment.assignmentId}`)).statusCode, 404);
      assert.equal((await account.post(`/v1/account/licenses/${theirs.licenseIds[0]}/remove`, {})).statusCode, 404);
      assert.deepEqual(json(await account.get('/v1/account/resources')).items, []);
    });

    test('a suspended customer reads everything and changes nothing', async () => {
      const customer = await seedCustomer(h, [BASIC]);
      const account = accountClient(h, customer);
      await h.database.transaction((trx) => setCustomerStatus(trx, customer.id, 'suspended', SYSTEM_ACTOR, h.clock.now()));
      assert.equal(json(await account.get('/v1/account')).status, 'suspended');
      for (const url of ['/v1/account/licenses', '/v1/account/pools', '/v1/account/resources', '/v1/account/bill', '/v1/account/events']) {
        assert.equal((await account.get(url)).statusCode, 200, url);
      }
      const changes = [
        account.post('/v1/account/licenses', { plan: PLUS, dryRun: true }),
        account.post('/v1/account/assignments', { feature: MESSAGES, resourceId: 'x' }),
        account.post(`/v1/account/licenses/${customer.licenseIds[0]}/upgrade`, { toPlan: PLUS }),
        account.post(`/v1/account/licenses/${customer.licenseIds[0]}/remove`, {}),
        account.delete('/v1/account/assignments/x'),
      ];
      for (const response of await Promise.all(changes)) {
        assert.equal(response.statusCode, 403);
        assert.equal(json(response).code, 'CUSTOMER_SUSPENDED');
      }
    });

    test('the registration details, on every desktop, buy nothing: POST /v1/account/licenses with them is 401 PORTAL_SESSION_REQUIRED, no license is created, no event written', async () => {
      const customer = await seedCustomer(h, [BASIC]);
      const count = async (table: 'licenses' | 'events') =>
        (await h.database.db.selectFrom(table).select('id').where('customer_id', '=', customer.id).execute()).length;
      const before = { licenses: await count('licenses'), events: await count('events') };
      for (const authorization of [customer.basic, `License ${customer.licenseKeys[0]}`]) {
        const bought = await h.request({ method: 'POST', url: '/v1/account/licenses', headers: { authorization }, payload: { plan: PLUS } });
        assertProblem(bought, 401, 'PORTAL_SESSION_REQUIRED', `${authorization.split(' ')[0]} credentials buying a license`);
        assert.match(json(bought).detail, /client portal/);
      }
      assert.deepEqual({ licenses: await count('licenses'), events: await count('events') }, before, 'no license, no event');
      assert.equal((await h.request({ method: 'GET', url: '/v1/account/pools' })).statusCode, 401, 'no credentials');
      assert.equal((await accountClient(h, customer).post('/v1/account/licenses', { plan: PLUS })).statusCode, 201, 'a person logged on to the client portal buys it');
    });
  });
}
