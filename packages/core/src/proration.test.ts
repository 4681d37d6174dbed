import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DomainError } from './codes.ts';
import { billingMonthOf, isTimeZone, parseBillingMonth, prorate, totalsByCurrency, type LicenseChange, type PricedPlan } from './proration.ts';

const TORONTO = 'America/Toronto';
const NOVEMBER = { year: 2026, month: 11 }; // 30 days; Toronto is on EST (UTC-5) from 1 November, 02:00.
const BASIC: PricedPlan = { code: 'basic', name: 'Basic', priceCents: 3000, currency: 'CAD', period: 'month' }; // 100 a day in November
const PLUS: PricedPlan = { code: 'plus', name: 'Plus', priceCents: 6000, currency: 'CAD', period: 'month' }; // 200 a day
const YEARLY: PricedPlan = { code: 'yearly', name: 'Yearly', priceCents: 36000, currency: 'CAD', period: 'year' };

/** Noon in Toronto on a day of November 2026. */
const nov = (day: number) => Date.UTC(2026, 10, day, 17);
const BEFORE = Date.UTC(2026, 5, 1);

const started = (at: number, plan = BASIC, licenseId = 'L1'): LicenseChange => ({ licenseId, at, kind: 'started', plan });
const changed = (at: number, plan = PLUS, licenseId = 'L1'): LicenseChange => ({ licenseId, at, kind: 'plan_changed', plan });
const ended = (at: number, licenseId = 'L1'): LicenseChange => ({ licenseId, at, kind: 'ended' });

type Expected = [plan: string, from: number, to: number, amountCents: number][];

const table: [string, LicenseChange[], Expected][] = [
  ['held all month', [started(BEFORE)], [['basic', 1, 30, 3000]]],
  ['added on the first day', [started(nov(1))], [['basic', 1, 30, 3000]]],
  ['added on a middle day', [started(nov(15))], [['basic', 15, 30, 1600]]],
  ['added on the last day', [started(nov(30))], [['basic', 30, 30, 100]]],
  ['upgraded on the first day', [started(BEFORE), changed(nov(1))], [['plus', 1, 30, 6000]]],
  ['upgraded on a middle day', [started(BEFORE), changed(nov(15))], [['basic', 1, 14, 1400], ['plus', 15, 30, 3200]]],
  ['upgraded on the last day', [started(BEFORE), changed(nov(30))], [['basic', 1, 29, 2900], ['plus', 30, 30, 200]]],
  ['removed on the first day', [started(BEFORE), ended(nov(1))], []],
  ['removed on a middle day', [started(BEFORE), ended(nov(15))], [['basic', 1, 14, 1400]]],
  ['removed on the last day', [started(BEFORE), ended(nov(30))], [['basic', 1, 29, 2900]]],
  ['added mid-month, upgraded, then removed', [started(nov(5)), changed(nov(10)), ended(nov(20))], [['basic', 5, 9, 500], ['plus', 10, 19, 2000]]],
  ['added and removed on the same day', [started(nov(12)), ended(nov(12))], []],
  ['upgraded and moved back on the same day: one line', [started(BEFORE), changed(nov(12)), changed(nov(12) + 60_000, BASIC)], [['basic', 1, 30, 3000]]],
  ['ended before the period', [started(BEFORE), ended(Date.UTC(2026, 9, 31, 17))], []],
  ['started after the period', [started(Date.UTC(2026, 11, 1, 17))], []],
  ['upgraded after the period', [started(BEFORE), changed(Date.UTC(2026, 11, 2, 17))], [['basic', 1, 30, 3000]]],
  ['a yearly plan: a twelfth a month, by day', [started(nov(16), YEARLY)], [['yearly', 16, 30, 1500]]],
  ['at 22:00 on 30 November in Toronto (1 December in UTC)', [started(Date.UTC(2026, 11, 1, 3))], [['basic', 30, 30, 100]]],
  ['at 23:30 on 31 October in Toronto (EDT; 1 November in UTC)', [started(BEFORE), ended(Date.UTC(2026, 10, 1, 3, 30))], []],
];

for (const [name, changes, expected] of table) {
  test(`proration: ${name}`, () => {
    const lines = prorate(changes, NOVEMBER, TORONTO);
    assert.deepEqual(
      lines.map((l) => [l.plan.code, Number(l.from.slice(-2)), Number(l.to.slice(-2)), l.amountCents]),
      expected,
    );
    for (const l of lines) {
      assert.equal(l.days, Number(l.to.slice(-2)) - Number(l.from.slice(-2)) + 1);
      assert.deepEqual([l.daysInPeriod, l.unitCents, l.currency, l.from.slice(0, 8)], [30, l.plan.priceCents, 'CAD', '2026-11-']);
    }
  });
}

test('proration: the time zone decides which period a day is in', () => {
  const lateOnThe30th = [started(Date.UTC(2026, 11, 1, 3))];
  assert.deepEqual(prorate(lateOnThe30th, NOVEMBER, 'UTC'), [], 'in UTC it is already December');
  const december = prorate(lateOnThe30th, { year: 2026, month: 12 }, 'UTC');
  assert.deepEqual(december.map((l) => [l.from, l.to, l.days, l.daysInPeriod, l.amountCents]), [['2026-12-01', '2026-12-31', 31, 31, 3000]]);
});

test('proration: amounts round to the cent per line; lines come per license, in id order', () => {
  const plan: PricedPlan = { ...BASIC, priceCents: 4900 };
  const lines = prorate([started(Date.UTC(2026, 11, 31, 17), plan, 'L2'), started(BEFORE, PLUS, 'L1')], { year: 2026, month: 12 }, TORONTO);
  assert.deepEqual(lines.map((l) => [l.licenseId, l.days, l.amountCents]), [['L1', 31, 6000], ['L2', 1, 158]]);
  assert.deepEqual(totalsByCurrency([...lines, { amountCents: 500, currency: 'USD' }]), [{ currency: 'CAD', amountCents: 6158 }, { currency: 'USD', amountCents: 500 }]);
});

test('billing periods: parsed from YYYY-MM; the current one is the month in the time zone', () => {
  assert.deepEqual(parseBillingMonth('2026-11'), { year: 2026, month: 11 });
  for (const bad of ['2026-13', '2026-00', '2026-1', 'november', '2026-11-01']) {
    assert.throws(() => parseBillingMonth(bad), (e: unknown) => e instanceof DomainError && e.code === 'VALIDATION_FAILED', bad);
  }
  assert.deepEqual(billingMonthOf(Date.UTC(2026, 11, 1, 3), TORONTO), { year: 2026, month: 11 });
  assert.deepEqual(billingMonthOf(Date.UTC(2026, 11, 1, 3), 'UTC'), { year: 2026, month: 12 });
  assert.deepEqual([isTimeZone(TORONTO), isTimeZone('UTC'), isTimeZone('Mars/Olympus')], [true, true, false]);
});
