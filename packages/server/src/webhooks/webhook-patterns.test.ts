import assert from 'node:assert/strict';
import { test } from 'node:test';
import { patternsMatching } from './webhook-patterns.ts';

const patterns: [string, string[]][] = [
  ['activation.reset', ['*', 'activation.reset', 'activation.*']],
  ['a.b.c', ['*', 'a.b.c', 'a.*', 'a.b.*']],
  ['webhook', ['*', 'webhook']],
];
for (const [type, expected] of patterns) {
  test(`patterns matching ${type}`, () => assert.deepEqual(patternsMatching(type), expected));
}
