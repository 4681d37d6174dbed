import assert from 'node:assert/strict';
import { test } from 'node:test';
import { money } from './billing-csv.ts';

test('money is cents as a decimal', () => {
  assert.deepEqual([0, 5, 967, 2900, -150, 100_000].map(money), ['0.00', '0.05', '9.67', '29.00', '-1.50', '1000.00']);
});
