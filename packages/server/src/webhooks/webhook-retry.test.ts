import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_ATTEMPTS, retryDelay } from './webhook-retry.ts';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const schedule: [attempts: number, wait: number | null][] = [
  [1, 30 * S], [2, 2 * M], [3, 10 * M], [4, H], [5, 6 * H], [6, 12 * H], [7, 24 * H], [MAX_ATTEMPTS, null],
];
for (const [attempts, wait] of schedule) {
  test(`after ${attempts} failed attempts: ${wait === null ? 'failed' : `wait ${wait / S} s ±20%`}`, () => {
    assert.equal(retryDelay(attempts, 0.5), wait);
    if (wait !== null) {
      assert.equal(retryDelay(attempts, 0), wait * 0.8);
      assert.ok(retryDelay(attempts, 0.999999)! <= wait * 1.2 && retryDelay(attempts, 0.999999)! > wait * 1.19);
    }
  });
}
