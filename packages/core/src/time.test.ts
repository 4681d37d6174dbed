import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DAY, iso } from './time.ts';

test('iso writes exactly what Date#toISOString does, within a day, across days and at the edges', () => {
  const times = [0, 1, -1, DAY - 1, DAY, -DAY, -DAY - 1, Date.UTC(2026, 10, 24, 23, 59, 59, 999), Date.UTC(2026, 10, 25), Date.UTC(1969, 11, 31, 23, 59, 59, 999), Date.UTC(9999, 11, 31, 23, 59, 59, 999), Date.UTC(10_000, 0, 1), Date.UTC(-1, 0, 1), 1.5, Date.UTC(2026, 0, 15, 12) + 0.25];
  let state = 7;
  for (let i = 0; i < 20_000; i++) {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    // Runs of nearby times (the cached day) and jumps far away, both ways.
    times.push(i % 50 === 0 ? (state - 2 ** 30) * 2_000_000 : times[times.length - 1] + (state % 9_000_000) - 1_000_000);
  }
  for (const at of times) assert.equal(iso(at), new Date(at).toISOString(), `at ${at}`);
});

test('iso refuses a time that is not one, as Date#toISOString does', () => {
  assert.throws(() => iso(Number.NaN), RangeError);
  assert.throws(() => iso(8.64e15 + 1), RangeError);
});
