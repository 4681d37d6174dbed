import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEMO } from '../demo/demo-catalog.ts';
import { EVENT_TYPES } from '../events/event-types.ts';
import { insertEvent, SYSTEM_ACTOR } from '../events/event.repository.ts';
import { adminClient } from '../testing/admin-client.ts';
import { parseCsv } from '../testing/csv.ts';
import { DIALECTS, createHarness, seedCustomer, type Harness, type TestCustomer } from '../testing/harness.ts';
import { assertProblem } from '../testing/security.ts';
import { asStaff, signInStaff, type StaffSessionFixture } from '../testing/staff-fixtures.ts';
import { EVENT_PATTERN } from '../webhooks/webhook-patterns.ts';
import { EVENTS_CSV_HEADER } from './event-admin.service.ts';

const DAY = 86_400_000;

for (const dialect of DIALECTS) {
  describe(`audit log: filters, names and CSV export (${dialect})`, () => {
    let h: Harness;
    let admin: ReturnType<typeof adminClient>;
    let maple: TestCustomer;
    let birch: TestCustomer;
    let tricky: TestCustomer;
    let staff: StaffSessionFixture;
    let start: number;
    const page = (query: string) => admin.ok('GET', `/v1/admin/events?limit=200&${query}`);
    const csv = async (query: string) => {
      const response = await admin.send('GET', `/v1/admin/events.csv?${query}`);
      assert.equal(response.statusCode, 200, response.body);
      assert.equal(response.headers['content-type'], 'text/csv; charset=utf-8');
      assert.match(String(response.headers['content-disposition']), /^attachment; filename="leasehold-events-\d{4}-\d{2}-\d{2}\.csv"$/);
      assert.ok(response.body.startsWith('\uFEFF'), 'a byte order mark, so spreadsheets read the accents');
      const [header, ...rows] = parseCsv(response.body.slice(1));
      assert.deepEqual(header, EVENTS_CSV_HEADER);
      return rows.map((row) => Object.fromEntries(header.map((name, i) => [name, row[i]])));
    };

    before(async () => {
      h = await createHarness(dialect);
      admin = adminClient(h);
      start = h.clock.now();
      maple = await seedCustomer(h, [DEMO.desktop.plan], 'Maple Grove Clinic');
      birch = await seedCustomer(h, [DEMO.desktop.plan], 'Birch Clinic');
      tricky = await seedCustomer(h, [], '=HYPERLINK("http://x.test"), "Les Érables"');
      h.clock.advance(DAY);
      staff = await signInStaff(h, 'owner');
      const response = await asStaff(h, staff)('POST', `/v1/admin/licenses/${maple.licenseIds[0]}/suspend`, { reason: 'late payment, "again"' });
      assert.equal(response.statusCode, 200, response.body);
      h.clock.advance(DAY);
      await admin.ok('POST', `/v1/admin/licenses/${birch.licenseIds[0]}/suspend`, { reason: '=cmd|\' /C calc\'!A0' });
    });
    after(() => h.close());

    test('a customer by number or by part of the name (any case); each event names its customer and actor', async () => {
      const byNumber = await page(`customer=${maple.registration.customerNumber}`);
      assert.deepEqual(byNumber.items.map((e: any) => e.type).sort(), ['customer.created', 'license.issued', 'license.suspended']);
      assert.ok(byNumber.items.every((e: any) => e.customerId === maple.id));
      assert.deepEqual(byNumber.items[0].customer, { number: maple.registration.customerNumber, name: 'Maple Grove Clinic' });
      const byName = await page('customer=GROVE');
      assert.deepEqual(byName.items.map((e: any) => e.id), byNumber.items.map((e: any) => e.id));
      assert.deepEqual(new Set((await page('customer=clinic')).items.map((e: any) => e.customerId)), new Set([maple.id, birch.id]));
      assert.deepEqual((await page('customer=nobody-like-this')).items, []);

      const suspended = byNumber.items.find((e: any) => e.type === 'license.suspended');
      assert.deepEqual(suspended.actor, { type: 'staff', id: staff.staffId, name: `Staff owner <${(await h.database.db.selectFrom('staff_users').select('email').where('id', '=', staff.staffId).executeTakeFirstOrThrow()).email}>` });
      const byKey = (await page(`customer=${birch.registration.customerNumber}&type=license.suspended`)).items[0];
      assert.deepEqual([byKey.actor.type, byKey.actor.name], ['admin_key', 'test']);
      assert.deepEqual(byNumber.items.find((e: any) => e.type === 'customer.created').actor, { type: 'system', id: null, name: null });
      assert.equal((await page('type=staff.created')).items[0].customer, null, 'an event about no customer');
    });

    test('an actor by type and id; a type exactly or by prefix; a time range', async () => {
      const byStaff = await page(`actorType=staff&actorId=${staff.staffId}`);
      assert.deepEqual(byStaff.items.map((e: any) => e.type).sort(), ['license.suspended', 'staff.logged_on']);
      assert.deepEqual((await page(`actorId=${staff.staffId}`)).items.map((e: any) => e.id), byStaff.items.map((e: any) => e.id), 'an id alone');
      assert.deepEqual((await page(`actorType=admin_key&actorId=${staff.staffId}`)).items, [], 'type and id together');
      assert.ok((await page('actorType=admin_key')).items.every((e: any) => e.actor.type === 'admin_key'));

      assert.deepEqual((await page('type=license.suspended')).items.map((e: any) => e.customerId).sort(), [maple.id, birch.id].sort());
      const prefix = await page('type=license.*');
      assert.ok(prefix.items.length >= 4 && prefix.items.every((e: any) => e.type.startsWith('license.')));

      const day2 = new Date(start + DAY).toISOString();
      const day3 = new Date(start + 2 * DAY).toISOString();
      assert.deepEqual((await page(`from=${encodeURIComponent(day2)}&to=${encodeURIComponent(day3)}&type=license.suspended`)).items.map((e: any) => e.customerId), [maple.id]);
      assert.deepEqual((await page(`from=${encodeURIComponent(day3)}&type=license.suspended`)).items.map((e: any) => e.customerId), [birch.id]);
    });

    test('pages newest first through the cursor', async () => {
      const all = (await page('customer=clinic')).items.map((e: any) => e.id);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const next: any = await admin.ok('GET', `/v1/admin/events?customer=clinic&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        seen.push(...next.items.map((e: any) => e.id));
        cursor = next.nextCursor;
      } while (cursor);
      assert.deepEqual(seen, all);
      assert.deepEqual([...all].sort().reverse(), all, 'newest first');
    });

    test('the CSV has the filter\'s events as the page has them, quoted, formulas kept as text, data as JSON', async () => {
      const rows = await csv(`customer=${birch.registration.customerNumber}`);
      const listed = (await page(`customer=${birch.registration.customerNumber}`)).items;
      assert.deepEqual(rows.map((r) => r.time), listed.map((e: any) => e.createdAt), 'the same events, in the same order');
      assert.ok(rows.every((r) => r.customer_number === birch.registration.customerNumber && r.customer_name === 'Birch Clinic'));
      assert.ok(rows.every((r) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(r.time)), 'ISO times');
      const suspended = rows.find((r) => r.type === 'license.suspended')!;
      assert.deepEqual([suspended.actor_type, suspended.actor_name, suspended.subject_type, suspended.subject_id], ['admin_key', 'test', 'license', birch.licenseIds[0]]);
      assert.deepEqual(JSON.parse(suspended.data), { reason: '=cmd|\' /C calc\'!A0' }, 'data is the event\'s JSON (it starts with {, so no formula)');

      const staffRows = await csv(`actorType=staff&actorId=${staff.staffId}&type=license.suspended`);
      assert.equal(staffRows.length, 1);
      assert.deepEqual(JSON.parse(staffRows[0].data), { reason: 'late payment, "again"' }, 'quotes and commas survive');

      const response = await admin.send('GET', `/v1/admin/events.csv?customer=${tricky.registration.customerNumber}`);
      assert.ok(response.body.includes('"\'=HYPERLINK(""http://x.test""), ""Les Érables"""'), 'a formula name gets an apostrophe, then is quoted with its quotes doubled');
      const [trickyRow] = (await csv(`customer=${tricky.registration.customerNumber}`));
      assert.equal(trickyRow.customer_name, '\'=HYPERLINK("http://x.test"), "Les Érables"');
      assert.deepEqual(await csv('customer=nobody-like-this'), [], 'only the header when nothing matches');
    });

    test('the CSV streams every event of the filter, past its internal page size', async () => {
      await h.database.transaction(async (trx) => {
        for (let i = 0; i < 1_203; i++) {
          await insertEvent(trx, { customerId: maple.id, type: 'resource.reported', actor: SYSTEM_ACTOR, subjectType: 'resource', subjectId: `bulk-${i}`, data: { i } }, h.clock.now());
        }
      });
      const rows = await csv(`customerId=${maple.id}&type=resource.reported`);
      assert.equal(rows.length, 1_203);
      assert.equal(new Set(rows.map((r) => r.subject_id)).size, 1_203, 'no event twice');
      assert.deepEqual([JSON.parse(rows[0].data).i, JSON.parse(rows.at(-1)!.data).i], [1_202, 0], 'newest first');
    });

    test('bad filters are refused, for the page and the CSV alike', async () => {
      for (const query of ['actorType=robot', 'from=yesterday', 'to=2026-13-01', 'customer=']) {
        assertProblem(await admin.send('GET', `/v1/admin/events?${query}`), 400, 'VALIDATION_FAILED', query);
        assertProblem(await admin.send('GET', `/v1/admin/events.csv?${query}`), 400, 'VALIDATION_FAILED', query);
      }
    });

    test('the event types: each written type once, subscribable by pattern, with its traits', async () => {
      const { items } = await admin.ok('GET', '/v1/admin/event-types');
      const types = items.map((i: any) => i.type);
      assert.deepEqual(types, Object.keys(EVENT_TYPES));
      assert.equal(new Set(types).size, types.length);
      assert.ok(types.every((type: string) => EVENT_PATTERN.test(type) && !type.includes('*')));
      assert.deepEqual(items.filter((i: any) => i.highVolume).map((i: any) => i.type), ['activation.checked_in']);
      assert.deepEqual(items.filter((i: any) => !i.webhooks).map((i: any) => i.type), ['webhook.test']);
      const written = await h.database.db.selectFrom('events').select('type').distinct().execute();
      assert.deepEqual(written.map((r) => r.type).filter((type) => !types.includes(type)), [], 'every type written here is listed');
    });
  });
}
