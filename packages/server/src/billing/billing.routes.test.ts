import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEMO } from '../demo/demo-catalog.ts';
import { adminClient } from '../testing/admin-client.ts';
import { parseCsv } from '../testing/csv.ts';
import { DIALECTS, createHarness, seedCustomer, type Harness, type TestCustomer } from '../testing/harness.ts';
import { assertProblem } from '../testing/security.ts';
import { CSV_HEADER } from './billing.service.ts';

const { basic: BASIC, plus: PLUS } = DEMO.engagement;
const DESKTOP = DEMO.desktop.plan;
/** Noon in Toronto (EST) on a day of November or December 2026. */
const nov = (day: number) => Date.UTC(2026, 10, day, 17);
const dec = (day: number) => Date.UTC(2026, 11, day, 17);

for (const dialect of DIALECTS) {
  describe(`billing: customer bill and vendor report (${dialect})`, () => {
    let h: Harness;
    let admin: ReturnType<typeof adminClient>;
    let clinic: TestCustomer;
    let added: string;
    let quoted: TestCustomer;

    before(async () => {
      h = await createHarness(dialect);
      admin = adminClient(h);
      // October: a Basic and a desktop license. November: Basic → Plus on the 11th, a second desktop
      // on the 21st, the first desktop cancelled on the 26th, the second suspended on the 28th.
      h.clock.at = Date.UTC(2026, 9, 20, 16);
      clinic = await seedCustomer(h, [BASIC, DESKTOP], 'Maple Clinic');
      quoted = await seedCustomer(h, [PLUS], 'Clinique "Les Érables", Montréal');
      await seedCustomer(h, [DESKTOP], '=HYPERLINK("http://x.test")');
      await seedCustomer(h, [], 'No Licenses Yet');
      const [basic, desktop] = clinic.licenseIds;
      h.clock.at = nov(11);
      await admin.ok('POST', `/v1/admin/licenses/${basic}/change-plan`, { plan: PLUS });
      h.clock.at = nov(21);
      added = (await admin.create(`/v1/admin/customers/${clinic.id}/licenses`, { plan: DESKTOP })).license.id;
      h.clock.at = nov(26);
      await admin.ok('POST', `/v1/admin/licenses/${desktop}/cancel`, { reason: 'closed a room' });
      h.clock.at = nov(28);
      await admin.ok('POST', `/v1/admin/licenses/${added}/suspend`, { reason: 'late payment' });
      h.clock.at = dec(2);
      await admin.ok('POST', `/v1/admin/licenses/${basic}/cancel`, { reason: 'moved away' });
    });
    after(() => h.close());

    test('a customer\'s November bill prorates an upgrade, an addition and a removal by day; suspension is still billed', async () => {
      const bill = await admin.ok('GET', `/v1/admin/customers/${clinic.id}/bill?period=2026-11`);
      const [basic, desktop] = clinic.licenseIds;
      assert.deepEqual([bill.period, bill.timeZone, bill.from, bill.to, bill.days], ['2026-11', 'America/Toronto', '2026-11-01', '2026-11-30', 30]);
      assert.deepEqual(bill.customer, { id: clinic.id, number: clinic.registration.customerNumber, name: 'Maple Clinic' });
      const expected = [
        [basic, BASIC, '2026-11-01', '2026-11-10', 10, 4900, 1633],
        [basic, PLUS, '2026-11-11', '2026-11-30', 20, 7900, 5267],
        [desktop, DESKTOP, '2026-11-01', '2026-11-25', 25, 2900, 2417],
        [added, DESKTOP, '2026-11-21', '2026-11-30', 10, 2900, 967],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0])) || String(a[2]).localeCompare(String(b[2])));
      assert.deepEqual(bill.lines.map((l: any) => [l.licenseId, l.plan.code, l.from, l.to, l.days, l.unitCents, l.amountCents]), expected);
      assert.ok(bill.lines.every((l: any) => l.currency === 'CAD' && l.daysInPeriod === 30));
      assert.equal(bill.lines.find((l: any) => l.plan.code === PLUS).plan.name, 'Patient Engagement License (Plus)');
      assert.deepEqual(bill.totals, [{ currency: 'CAD', amountCents: 1633 + 5267 + 2417 + 967 }]);
    });

    test('later periods see the later changes; the current period is the default', async () => {
      const december = await admin.ok('GET', `/v1/admin/customers/${clinic.id}/bill?period=2026-12`);
      assert.deepEqual(december.lines.map((l: any) => [l.plan.code, l.from, l.to, l.amountCents]).sort(), [
        [DESKTOP, '2026-12-01', '2026-12-31', 2900],
        [PLUS, '2026-12-01', '2026-12-01', 255],
      ]);
      assert.equal((await admin.ok('GET', `/v1/admin/customers/${clinic.id}/bill`)).period, '2026-12', 'the clock is in December');
      const september = await admin.ok('GET', `/v1/admin/customers/${clinic.id}/bill?period=2026-09`);
      assert.deepEqual([september.lines, september.totals], [[], []], 'nothing before the licenses existed');
    });

    test('the report is the whole vendor\'s bill items as escaped CSV', async () => {
      const response = await admin.send('GET', '/v1/admin/billing/report.csv?period=2026-11');
      assert.equal(response.statusCode, 200);
      assert.equal(response.headers['content-type'], 'text/csv; charset=utf-8');
      assert.equal(response.headers['content-disposition'], 'attachment; filename="leasehold-billing-2026-11.csv"');
      assert.ok(response.body.startsWith('\uFEFF'), 'a byte order mark, so spreadsheets read the accents');
      const [header, ...rows] = parseCsv(response.body.slice(1));
      assert.deepEqual(header, CSV_HEADER);
      assert.ok(rows.every((r) => r.length === CSV_HEADER.length));
      assert.ok(rows.every((r, i) => i === 0 || Number(rows[i - 1][0]) <= Number(r[0])), 'rows by customer number');
      assert.deepEqual([...new Set(rows.map((r) => r[1]))], ['Maple Clinic', 'Clinique "Les Érables", Montréal', '\'=HYPERLINK("http://x.test")'],
        'names survive quoting; a formula stays text; a customer with nothing billed has no rows');
      const row = rows.find((r) => r[2] === added)!;
      assert.deepEqual(row, [clinic.registration.customerNumber, 'Maple Clinic', added, DESKTOP, 'Clinic Desktop licence', '2026-11-21', '2026-11-30', '10', '29.00', '9.67', 'CAD']);
      assert.deepEqual(rows.find((r) => r[0] === quoted.registration.customerNumber)!.slice(5), ['2026-11-01', '2026-11-30', '30', '79.00', '79.00', 'CAD']);
      assert.ok(response.body.includes('"Clinique ""Les Érables"", Montréal"'), 'quotes doubled inside a quoted field');
      const bill = await admin.ok('GET', `/v1/admin/customers/${clinic.id}/bill?period=2026-11`);
      const clinicRows = rows.filter((r) => r[0] === clinic.registration.customerNumber);
      assert.equal(clinicRows.reduce((sum, r) => sum + Math.round(Number(r[9]) * 100), 0), bill.totals[0].amountCents, 'the report adds up to the bill');
    });

    test('the JSON report is the CSV\'s lines per customer, with each customer\'s bill totals and the period\'s', async () => {
      const report = await admin.ok('GET', '/v1/admin/billing/report?period=2026-11');
      assert.deepEqual([report.period, report.timeZone, report.from, report.to, report.days], ['2026-11', 'America/Toronto', '2026-11-01', '2026-11-30', 30]);
      assert.deepEqual(report.customers.map((c: any) => c.customer.name), ['Maple Clinic', 'Clinique "Les Érables", Montréal', '=HYPERLINK("http://x.test")'],
        'by customer number, names as they are (no CSV escaping in JSON), nobody with nothing billed');
      const bill = await admin.ok('GET', `/v1/admin/customers/${clinic.id}/bill?period=2026-11`);
      const maple = report.customers.find((c: any) => c.customer.id === clinic.id);
      assert.deepEqual([maple.lines, maple.totals], [bill.lines, bill.totals], 'a customer\'s part of the report is their bill');
      const sum = report.customers.reduce((total: number, c: any) => total + c.totals[0].amountCents, 0);
      assert.deepEqual(report.totals, [{ currency: 'CAD', amountCents: sum }]);
      const csvRows = parseCsv((await admin.send('GET', '/v1/admin/billing/report.csv?period=2026-11')).body.slice(1)).slice(1);
      assert.equal(csvRows.length, report.customers.reduce((n: number, c: any) => n + c.lines.length, 0), 'one CSV row per JSON line');
      assert.equal((await admin.ok('GET', '/v1/admin/billing/report')).period, '2026-12', 'the current period by default');
      const september = await admin.ok('GET', '/v1/admin/billing/report?period=2026-09');
      assert.deepEqual([september.customers, september.totals], [[], []]);
    });

    test('bad periods and unknown customers', async () => {
      for (const period of ['2026-13', '2026-1', 'november']) {
        assertProblem(await admin.send('GET', `/v1/admin/customers/${clinic.id}/bill?period=${period}`), 400, 'VALIDATION_FAILED', period);
        assertProblem(await admin.send('GET', `/v1/admin/billing/report.csv?period=${period}`), 400, 'VALIDATION_FAILED', period);
        assertProblem(await admin.send('GET', `/v1/admin/billing/report?period=${period}`), 400, 'VALIDATION_FAILED', period);
      }
      assertProblem(await admin.send('GET', '/v1/admin/customers/nope/bill?period=2026-11'), 404, 'NOT_FOUND', 'an unknown customer');
    });
  });
}
