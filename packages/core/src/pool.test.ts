import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pickLicenseWithFreeSlot, planLicenseRemoval, poolTotals, type PoolTotal, type RemovalPlan } from './pool.ts';
import { DAY } from './time.ts';
import type { Assignment, License, Plan } from './types.ts';

const NOW = Date.UTC(2025, 0, 15, 12);

const plan = (id: string, slots: Record<string, number>): Plan => ({
  id,
  productId: 'prod_cloud',
  code: id,
  name: { en: id },
  policyId: 'pol_cloud',
  priceCents: 0,
  currency: 'CAD',
  period: 'month',
  slots: Object.entries(slots).map(([featureId, quantity]) => ({ featureId, quantity })),
  upgradesTo: [],
});
const BASIC = plan('basic', { f_messages: 1, f_reminders: 1 });
const PLUS = plan('plus', { f_booking: 1, f_messages: 1, f_reminders: 1 });
const PLANS = new Map([BASIC, PLUS].map((p) => [p.id, p]));

const license = (id: string, planId: string, over: Partial<License> = {}): License => ({
  id,
  customerId: 'cus_1',
  planId,
  status: 'active',
  startsAt: NOW - 100 * DAY,
  expiresAt: null,
  ...over,
});

const assignment = (id: string, featureId: string, over: Partial<Assignment> = {}): Assignment => ({
  id,
  customerId: 'cus_1',
  licenseId: 'lic_1',
  featureId,
  resourceId: `res_${id}`,
  createdAt: NOW - DAY,
  releasedAt: null,
  heldUntil: null,
  ...over,
});

const total = (featureId: string, capacity: number, assigned: number, unassigned: number): PoolTotal => ({ featureId, capacity, assigned, unassigned });

const totalsCases: { name: string; licenses: License[]; assignments: Assignment[]; expected: PoolTotal[] }[] = [
  { name: 'no licenses', licenses: [], assignments: [], expected: [] },
  {
    name: 'each active license adds its plan slots, sorted by feature',
    licenses: [license('lic_1', 'basic'), license('lic_2', 'plus')],
    assignments: [assignment('a1', 'f_messages')],
    expected: [total('f_booking', 1, 0, 1), total('f_messages', 2, 1, 1), total('f_reminders', 2, 0, 2)],
  },
  {
    name: 'suspended, cancelled, expired and not-yet-started licenses give no capacity',
    licenses: [
      license('lic_1', 'basic'),
      license('lic_2', 'plus', { status: 'suspended' }),
      license('lic_3', 'plus', { status: 'cancelled' }),
      license('lic_4', 'plus', { expiresAt: NOW }),
      license('lic_5', 'plus', { startsAt: NOW + 1 }),
    ],
    assignments: [],
    expected: [total('f_booking', 0, 0, 0), total('f_messages', 1, 0, 1), total('f_reminders', 1, 0, 1)],
  },
  {
    name: 'released and lapsed floating assignments are not counted',
    licenses: [license('lic_1', 'plus'), license('lic_2', 'plus')],
    assignments: [
      assignment('a1', 'f_messages'),
      assignment('a2', 'f_messages', { releasedAt: NOW - DAY }),
      assignment('a3', 'f_reminders', { heldUntil: NOW }),
      assignment('a4', 'f_reminders', { heldUntil: NOW + 1 }),
      assignment('a5', 'f_booking', { heldUntil: NOW - DAY }),
    ],
    expected: [total('f_booking', 2, 0, 2), total('f_messages', 2, 1, 1), total('f_reminders', 2, 1, 1)],
  },
  {
    name: 'more assigned than capacity leaves unassigned at 0, never negative',
    licenses: [license('lic_1', 'basic', { status: 'suspended' })],
    assignments: [assignment('a1', 'f_messages'), assignment('a2', 'f_messages')],
    expected: [total('f_messages', 0, 2, 0), total('f_reminders', 0, 0, 0)],
  },
];

for (const c of totalsCases) {
  test(`poolTotals: ${c.name}`, () => {
    assert.deepEqual(poolTotals(c.licenses, PLANS, c.assignments, NOW), c.expected);
  });
}

const oldest = license('lic_old', 'basic', { startsAt: NOW - 300 * DAY });
const newer = license('lic_new', 'basic', { startsAt: NOW - 10 * DAY });
const pickCases: { name: string; licenses: License[]; assignments: Assignment[]; featureId?: string; expected: string | null }[] = [
  { name: 'the oldest license with a free slot', licenses: [newer, oldest], assignments: [], expected: 'lic_old' },
  {
    name: 'the next oldest when the oldest is full',
    licenses: [newer, oldest],
    assignments: [assignment('a1', 'f_messages', { licenseId: 'lic_old' })],
    expected: 'lic_new',
  },
  {
    name: 'a released seat frees its slot',
    licenses: [newer, oldest],
    assignments: [assignment('a1', 'f_messages', { licenseId: 'lic_old', releasedAt: NOW - DAY })],
    expected: 'lic_old',
  },
  { name: 'a license that grants no slots is skipped', licenses: [newer, { ...oldest, status: 'suspended' }], assignments: [], expected: 'lic_new' },
  { name: 'equal start: by id', licenses: [license('lic_b', 'basic'), license('lic_a', 'basic')], assignments: [], expected: 'lic_a' },
  {
    name: 'null when every slot is held',
    licenses: [newer, oldest],
    assignments: [assignment('a1', 'f_messages', { licenseId: 'lic_old' }), assignment('a2', 'f_messages', { licenseId: 'lic_new' })],
    expected: null,
  },
  { name: 'null when no plan has the feature', licenses: [newer, oldest], assignments: [], featureId: 'f_booking', expected: null },
];

for (const c of pickCases) {
  test(`pickLicenseWithFreeSlot: ${c.name}`, () => {
    assert.equal(pickLicenseWithFreeSlot(c.licenses, PLANS, c.assignments, c.featureId ?? 'f_messages', NOW)?.id ?? null, c.expected);
  });
}

// Two Plus licenses; messages go to providers, reminders and booking to schedules.
const twoPlus = [license('lic_1', 'plus'), license('lic_2', 'plus')];
const fullPlus = [
  assignment('msg_p1', 'f_messages'),
  assignment('msg_p2', 'f_messages'),
  assignment('rem_s1', 'f_reminders'),
  assignment('rem_s2', 'f_reminders'),
  assignment('book_s1', 'f_booking'),
  assignment('book_s2', 'f_booking'),
];
const removal = (removed: Plan, licenses: License[], held: Assignment[], chosen: string[], removedGrantsSlots = true): RemovalPlan =>
  planLicenseRemoval(removed, poolTotals(licenses, PLANS, held, NOW), held, chosen, removedGrantsSlots);

const removalCases: { name: string; removed?: Plan; licenses?: License[]; held?: Assignment[]; chosen: string[]; removedGrantsSlots?: boolean; expected: RemovalPlan }[] = [
  { name: 'no choice needed when unassigned slots cover it', held: fullPlus.filter((a) => a.id.endsWith('1')), chosen: [], expected: { ok: true, release: [] } },
  {
    name: 'every full feature needs a choice, with its candidates',
    held: fullPlus,
    chosen: [],
    expected: {
      ok: false,
      code: 'REMOVAL_NEEDS_CHOICE',
      needs: [
        { featureId: 'f_booking', count: 1, candidates: ['book_s1', 'book_s2'] },
        { featureId: 'f_messages', count: 1, candidates: ['msg_p1', 'msg_p2'] },
        { featureId: 'f_reminders', count: 1, candidates: ['rem_s1', 'rem_s2'] },
      ],
    },
  },
  {
    name: 'only the features still short of a choice are listed',
    held: fullPlus,
    chosen: ['msg_p1', 'rem_s2'],
    expected: { ok: false, code: 'REMOVAL_NEEDS_CHOICE', needs: [{ featureId: 'f_booking', count: 1, candidates: ['book_s1', 'book_s2'] }] },
  },
  { name: 'one row from each table is a correct choice', held: fullPlus, chosen: ['msg_p1', 'rem_s2', 'book_s1'], expected: { ok: true, release: ['msg_p1', 'rem_s2', 'book_s1'] } },
  { name: 'a choice may free a row where none is needed', held: fullPlus.slice(0, 3), chosen: ['msg_p2', 'rem_s1'], expected: { ok: true, release: ['msg_p2', 'rem_s1'] } },
  {
    name: 'a removed license that grants no slots can still be removed',
    licenses: [license('lic_1', 'basic', { status: 'suspended' })],
    removed: BASIC,
    held: [assignment('msg_p1', 'f_messages'), assignment('rem_s1', 'f_reminders')],
    chosen: ['msg_p1', 'rem_s1'],
    removedGrantsSlots: false,
    expected: { ok: true, release: ['msg_p1', 'rem_s1'] },
  },
  {
    // The suspended license's slots are not in capacity, so removing it takes nothing away.
    name: 'removing a license that grants no slots needs no choice while the others cover every seat',
    licenses: [license('lic_1', 'plus', { status: 'suspended' }), license('lic_2', 'plus'), license('lic_3', 'plus')],
    held: fullPlus,
    chosen: [],
    removedGrantsSlots: false,
    expected: { ok: true, release: [] },
  },
  {
    name: 'removing a license that grants no slots still needs a choice where seats exceed what is left',
    licenses: [license('lic_1', 'plus', { status: 'suspended' }), license('lic_2', 'plus')],
    held: fullPlus,
    chosen: [],
    removedGrantsSlots: false,
    expected: {
      ok: false,
      code: 'REMOVAL_NEEDS_CHOICE',
      needs: [
        { featureId: 'f_booking', count: 1, candidates: ['book_s1', 'book_s2'] },
        { featureId: 'f_messages', count: 1, candidates: ['msg_p1', 'msg_p2'] },
        { featureId: 'f_reminders', count: 1, candidates: ['rem_s1', 'rem_s2'] },
      ],
    },
  },
];

for (const c of removalCases) {
  test(`planLicenseRemoval: ${c.name}`, () => {
    assert.deepEqual(removal(c.removed ?? PLUS, c.licenses ?? twoPlus, c.held ?? fullPlus, c.chosen, c.removedGrantsSlots), c.expected);
  });
}

// Choices that are never valid, whatever else is chosen.
const basicAndPlus = [license('lic_1', 'basic'), license('lic_2', 'plus')];
const invalidCases: { name: string; removed: Plan; licenses: License[]; held: Assignment[]; chosen: string[] }[] = [
  {
    name: 'an id of a feature the plan lacks',
    removed: BASIC,
    licenses: basicAndPlus,
    held: fullPlus.filter((a) => a.id !== 'book_s2'),
    chosen: ['msg_p1', 'rem_s1', 'book_s1'],
  },
  { name: 'an unknown id', removed: PLUS, licenses: twoPlus, held: fullPlus, chosen: ['msg_p1', 'rem_s1', 'book_s1', 'nope'] },
  { name: 'more rows of one feature than the plan gives', removed: PLUS, licenses: twoPlus, held: fullPlus, chosen: ['msg_p1', 'msg_p2', 'rem_s1', 'book_s1'] },
];

for (const c of invalidCases) {
  test(`planLicenseRemoval: ${c.name} → INVALID_REMOVAL_CHOICE`, () => {
    const result = removal(c.removed, c.licenses, c.held, c.chosen);
    assert.equal(result.ok ? 'ok' : result.code, 'INVALID_REMOVAL_CHOICE');
  });
}
