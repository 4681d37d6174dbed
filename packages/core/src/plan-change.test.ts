import assert from 'node:assert/strict';
import { test } from 'node:test';
import { planChangeImpact } from './plan-change.ts';
import { DAY } from './time.ts';
import type { Assignment, License, Plan } from './types.ts';

const NOW = Date.UTC(2026, 0, 15, 12);

const plan = (id: string, priceCents: number, slots: Record<string, number>): Plan => ({
  id, productId: 'prod_cloud', code: id, name: { en: id }, policyId: 'pol', priceCents, currency: 'CAD', period: 'month',
  slots: Object.entries(slots).map(([featureId, quantity]) => ({ featureId, quantity })), upgradesTo: [],
});
const BASIC = plan('basic', 4900, { f_messages: 1, f_reminders: 1 });
const PLUS = plan('plus', 7900, { f_booking: 1, f_messages: 1, f_reminders: 1 });
const PLANS = new Map([BASIC, PLUS].map((p) => [p.id, p]));

const license = (id: string, planId: string, over: Partial<License> = {}): License => ({
  id, customerId: 'cus_1', planId, status: 'active', startsAt: NOW - 10 * DAY, expiresAt: null, ...over,
});
const held = (licenseId: string, featureId: string, n: number): Assignment[] => Array.from({ length: n }, (_, i) => ({
  id: `${licenseId}-${featureId}-${i}`, customerId: 'cus_1', licenseId, featureId, resourceId: `r-${licenseId}-${featureId}-${i}`, createdAt: NOW - DAY, releasedAt: null, heldUntil: null,
}));

const row = (impact: ReturnType<typeof planChangeImpact>, featureId: string) => {
  const s = impact.seats.find((x) => x.featureId === featureId)!;
  return [s.slotsBefore, s.slotsAfter, s.capacityBefore, s.capacityAfter, s.assigned, s.shortfall];
};

const cases: { name: string; licenses: License[]; from: Plan; to: Plan; seats: Assignment[]; booking: number[]; month: number }[] = [
  {
    name: 'Basic to Plus adds a booking slot and its price',
    licenses: [license('a', 'basic'), license('b', 'plus')], from: BASIC, to: PLUS, seats: held('b', 'f_booking', 1),
    booking: [0, 1, 1, 2, 1, 0], month: 3000,
  },
  {
    name: 'Plus to Basic with the booking slot in use and no room elsewhere: one to remove',
    licenses: [license('a', 'plus')], from: PLUS, to: BASIC, seats: held('a', 'f_booking', 1),
    booking: [1, 0, 1, 0, 1, 1], month: -3000,
  },
  {
    name: 'Plus to Basic with room on another Plus: nothing to remove',
    licenses: [license('a', 'plus'), license('b', 'plus')], from: PLUS, to: BASIC, seats: held('a', 'f_booking', 1),
    booking: [1, 0, 2, 1, 1, 0], month: -3000,
  },
  {
    name: 'a suspended license changes no capacity and no price now',
    licenses: [license('a', 'plus', { status: 'suspended' }), license('b', 'plus')], from: PLUS, to: BASIC, seats: held('b', 'f_booking', 1),
    booking: [1, 0, 1, 1, 1, 0], month: 0,
  },
];

for (const c of cases) {
  test(`planChangeImpact: ${c.name}`, () => {
    const impact = planChangeImpact(c.licenses[0], c.from, c.to, c.licenses, PLANS, c.seats, NOW);
    assert.deepEqual(impact.seats.map((s) => s.featureId), ['f_booking', 'f_messages', 'f_reminders']);
    assert.deepEqual(row(impact, 'f_booking'), c.booking);
    assert.equal(impact.price.delta.month, c.month);
    assert.equal(impact.price.currency, 'CAD');
  });
}

test('planChangeImpact: seats that lapsed (floating, no heartbeat) or were released do not count', () => {
  const seats = [...held('a', 'f_booking', 1).map((a) => ({ ...a, heldUntil: NOW - 1 })), ...held('a', 'f_messages', 1).map((a) => ({ ...a, releasedAt: NOW - 1 }))];
  const impact = planChangeImpact(license('a', 'plus'), PLUS, BASIC, [license('a', 'plus')], PLANS, seats, NOW);
  assert.deepEqual(impact.seats.map((s) => s.shortfall), [0, 0, 0]);
});
