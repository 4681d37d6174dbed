import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DomainError } from './codes.ts';
import { billedPrice, canUpgrade, priceChange, recurringBill, type PriceChange } from './pricing.ts';
import { DAY } from './time.ts';
import type { License, Plan } from './types.ts';

const NOW = Date.UTC(2025, 0, 15, 12);

const plan = (id: string, over: Partial<Plan> = {}): Plan => ({
  id,
  productId: 'prod_cloud',
  code: id,
  name: { en: id },
  policyId: 'pol_cloud',
  priceCents: 0,
  currency: 'CAD',
  period: 'month',
  slots: [],
  upgradesTo: [],
  ...over,
});
const PLUS = plan('plus', {
  priceCents: 7900,
  slots: [{ featureId: 'f_messages', quantity: 1 }, { featureId: 'f_reminders', quantity: 1 }, { featureId: 'f_booking', quantity: 1 }],
});
const BASIC = plan('basic', {
  priceCents: 4900,
  slots: [{ featureId: 'f_messages', quantity: 1 }, { featureId: 'f_reminders', quantity: 1 }],
  upgradesTo: ['plus', 'desktop'],
});
const YEARLY = plan('basic_yearly', { priceCents: 49000, period: 'year', slots: BASIC.slots });
const PLUS_USD = plan('plus_usd', { priceCents: 5900, currency: 'USD' });
const DESKTOP = plan('desktop', { productId: 'prod_desktop', priceCents: 9900 });
const PLANS = new Map([BASIC, PLUS, YEARLY, PLUS_USD, DESKTOP].map((p) => [p.id, p]));

const license = (id: string, planId: string, over: Partial<License> = {}): License => ({
  id,
  customerId: 'cus_1',
  planId,
  status: 'active',
  startsAt: NOW - 30 * DAY,
  expiresAt: null,
  ...over,
});
const basic1 = license('lic_1', 'basic');
const plus2 = license('lic_2', 'plus');

const change = (month: [number, number], year: [number, number] = [0, 0]): PriceChange => ({
  currency: 'CAD',
  before: { month: month[0], year: year[0] },
  after: { month: month[1], year: year[1] },
  delta: { month: month[1] - month[0], year: year[1] - year[0] },
});

const cases: { name: string; before: License[]; after: License[]; expected: PriceChange }[] = [
  { name: 'add a first Basic', before: [], after: [basic1], expected: change([0, 4900]) },
  { name: 'add a Basic', before: [basic1], after: [basic1, license('lic_3', 'basic')], expected: change([4900, 9800]) },
  { name: 'add a Plus', before: [basic1], after: [basic1, plus2], expected: change([4900, 12800]) },
  { name: 'upgrade Basic to Plus', before: [basic1, plus2], after: [{ ...basic1, planId: 'plus' }, plus2], expected: change([12800, 15800]) },
  { name: 'remove a Plus', before: [basic1, plus2], after: [basic1], expected: change([12800, 4900]) },
  { name: 'remove the last license', before: [basic1], after: [], expected: change([4900, 0]) },
  {
    name: 'a license that grants no use costs nothing',
    before: [basic1],
    after: [basic1, license('lic_3', 'plus', { status: 'suspended' }), license('lic_4', 'plus', { startsAt: NOW + DAY })],
    expected: change([4900, 4900]),
  },
  { name: 'a yearly plan changes the yearly total', before: [basic1], after: [basic1, license('lic_3', 'basic_yearly')], expected: change([4900, 4900], [0, 49000]) },
];

for (const c of cases) {
  test(`priceChange: ${c.name}`, () => {
    assert.deepEqual(priceChange(c.before, c.after, PLANS, NOW), c.expected);
  });
}

test('recurringBill: one line per plan, sorted by plan code', () => {
  const bill = recurringBill([plus2, basic1, license('lic_3', 'basic'), license('lic_4', 'basic', { status: 'cancelled' })], PLANS, NOW);
  assert.deepEqual(bill, {
    currency: 'CAD',
    lines: [
      { planId: 'basic', planCode: 'basic', period: 'month', quantity: 2, unitCents: 4900, amountCents: 9800 },
      { planId: 'plus', planCode: 'plus', period: 'month', quantity: 1, unitCents: 7900, amountCents: 7900 },
    ],
    totals: { month: 17700, year: 0 },
  });
});

// Prices went up since these licenses took their plans: they keep the price they took.
const lockedBasic = license('lic_5', 'basic', { price: { planId: 'basic', priceCents: 3900, currency: 'CAD', period: 'month' } });
const lockedPlus = license('lic_6', 'plus', { price: { planId: 'plus', priceCents: 6900, currency: 'CAD', period: 'month' } });

const lockedCases: { name: string; before: License[]; after: License[]; expected: PriceChange }[] = [
  { name: 'a new license takes today\'s price', before: [lockedBasic], after: [lockedBasic, license('lic_3', 'basic')], expected: change([3900, 8800]) },
  { name: 'removing a license saves the price it was billed at', before: [lockedBasic, lockedPlus], after: [lockedPlus], expected: change([10800, 6900]) },
  { name: 'an upgrade is billed at today\'s price of the new plan', before: [lockedBasic], after: [{ ...lockedBasic, planId: 'plus' }], expected: change([3900, 7900]) },
  { name: 'a price kept for another plan does not apply', before: [license('lic_7', 'plus', { price: { planId: 'basic', priceCents: 100, currency: 'CAD', period: 'month' } })], after: [], expected: change([7900, 0]) },
];

for (const c of lockedCases) {
  test(`priceChange with prices kept by licenses: ${c.name}`, () => {
    assert.deepEqual(priceChange(c.before, c.after, PLANS, NOW), c.expected);
  });
}

test('recurringBill: licenses of one plan at different prices are separate lines, cheapest first', () => {
  const bill = recurringBill([basic1, lockedBasic, license('lic_8', 'basic', { price: { planId: 'basic', priceCents: 3900, currency: 'CAD', period: 'month' } })], PLANS, NOW);
  assert.deepEqual(bill.lines, [
    { planId: 'basic', planCode: 'basic', period: 'month', quantity: 2, unitCents: 3900, amountCents: 7800 },
    { planId: 'basic', planCode: 'basic', period: 'month', quantity: 1, unitCents: 4900, amountCents: 4900 },
  ]);
  assert.deepEqual(bill.totals, { month: 12700, year: 0 });
});

test('billedPrice: the kept price for the plan the license is on, else the catalogue price', () => {
  assert.deepEqual(billedPrice(lockedBasic, BASIC), lockedBasic.price);
  assert.deepEqual(billedPrice(lockedBasic, PLUS), { planId: 'plus', priceCents: 7900, currency: 'CAD', period: 'month' });
  assert.deepEqual(billedPrice(basic1, BASIC), { planId: 'basic', priceCents: 4900, currency: 'CAD', period: 'month' });
});

const mixedCases: { name: string; before: License[]; after: License[] }[] = [
  { name: 'adding a license in another currency', before: [basic1], after: [basic1, license('lic_3', 'plus_usd')] },
  { name: 'a customer already holding two currencies', before: [basic1, license('lic_3', 'plus_usd')], after: [basic1] },
  { name: 'upgrading the only license into another currency', before: [basic1], after: [{ ...basic1, planId: 'plus_usd' }] },
];

for (const c of mixedCases) {
  test(`priceChange: ${c.name} throws INVALID_STATE`, () => {
    assert.throws(
      () => priceChange(c.before, c.after, PLANS, NOW),
      (error: unknown) => error instanceof DomainError && error.code === 'INVALID_STATE' && error.status === 409,
    );
  });
}

const upgradeCases: { from: Plan; to: Plan; expected: boolean }[] = [
  { from: BASIC, to: PLUS, expected: true },
  { from: PLUS, to: BASIC, expected: false },
  { from: BASIC, to: BASIC, expected: false },
  { from: BASIC, to: YEARLY, expected: false },
  { from: BASIC, to: DESKTOP, expected: false },
  { from: { ...BASIC, upgradesTo: ['basic'] }, to: BASIC, expected: false },
];

for (const { from, to, expected } of upgradeCases) {
  test(`canUpgrade: ${from.code} → ${to.code} is ${expected}`, () => {
    assert.equal(canUpgrade(from, to), expected);
  });
}
