import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resetBudget, type ResetBudget } from './reset-budget.ts';
import { DAY } from './time.ts';

const NOW = Date.UTC(2025, 0, 15, 12);
const WINDOW = 365 * DAY;
const policy = { resetLimit: 3, resetWindowSeconds: 365 * 86400 };

const budget = (used: number, remaining: number, nextRefillAt: number | null): ResetBudget => ({
  limit: 3,
  used,
  remaining,
  windowDays: 365,
  nextRefillAt,
});

const cases: { name: string; resets: number[]; expected: ResetBudget }[] = [
  { name: 'none used', resets: [], expected: budget(0, 3, null) },
  { name: '1 used', resets: [NOW - 10 * DAY], expected: budget(1, 2, NOW - 10 * DAY + WINDOW) },
  { name: '2 used, oldest refills first', resets: [NOW - 5 * DAY, NOW - 40 * DAY], expected: budget(2, 1, NOW - 40 * DAY + WINDOW) },
  {
    name: '3 used, none left',
    resets: [NOW - DAY, NOW - 200 * DAY, NOW - 100 * DAY],
    expected: budget(3, 0, NOW - 200 * DAY + WINDOW),
  },
  {
    name: 'more used than the limit, remaining is never negative',
    resets: [NOW - DAY, NOW - 2 * DAY, NOW - 3 * DAY, NOW - 4 * DAY],
    expected: budget(4, 0, NOW - 4 * DAY + WINDOW),
  },
  { name: 'a reset exactly at the window edge drops out', resets: [NOW - WINDOW], expected: budget(0, 3, null) },
  { name: 'a reset just inside the window counts', resets: [NOW - WINDOW + 1], expected: budget(1, 2, NOW + 1) },
  {
    name: 'resets older than the window are ignored',
    resets: [NOW - 400 * DAY, NOW - 366 * DAY, NOW - 30 * DAY],
    expected: budget(1, 2, NOW - 30 * DAY + WINDOW),
  },
  { name: 'a reset after now is not counted yet', resets: [NOW + DAY], expected: budget(0, 3, null) },
  { name: 'a reset at now counts', resets: [NOW], expected: budget(1, 2, NOW + WINDOW) },
];

for (const c of cases) {
  test(`resetBudget (3 per 365 days): ${c.name}`, () => {
    assert.deepEqual(resetBudget(c.resets, policy, NOW), c.expected);
  });
}

test('resetBudget refills as resets leave the window', () => {
  const t0 = NOW;
  const resets = [t0, t0 + 100 * DAY, t0 + 200 * DAY];
  const timeline: { at: number; expected: ResetBudget }[] = [
    { at: t0 + 200 * DAY, expected: budget(3, 0, t0 + WINDOW) },
    { at: t0 + WINDOW - 1, expected: budget(3, 0, t0 + WINDOW) },
    { at: t0 + WINDOW, expected: budget(2, 1, t0 + 100 * DAY + WINDOW) },
    { at: t0 + 100 * DAY + WINDOW, expected: budget(1, 2, t0 + 200 * DAY + WINDOW) },
    { at: t0 + 200 * DAY + WINDOW, expected: budget(0, 3, null) },
  ];
  for (const { at, expected } of timeline) {
    assert.deepEqual(resetBudget(resets, policy, at), expected, `at day ${(at - t0) / DAY}`);
  }
});

test('resetBudget with resets turned off has nothing remaining', () => {
  assert.deepEqual(resetBudget([], { resetLimit: 0, resetWindowSeconds: 30 * 86400 }, NOW), {
    limit: 0,
    used: 0,
    remaining: 0,
    windowDays: 30,
    nextRefillAt: null,
  });
});
