import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resourceHealth, type ResourceHealth } from './health.ts';

const cases: { missing: boolean; reachable: boolean; synchronised: boolean; expected: ResourceHealth }[] = [
  { missing: false, reachable: true, synchronised: true, expected: 'ok' },
  { missing: false, reachable: true, synchronised: false, expected: 'not_synchronised' },
  { missing: false, reachable: false, synchronised: true, expected: 'unreachable' },
  { missing: false, reachable: false, synchronised: false, expected: 'unreachable' },
  { missing: true, reachable: true, synchronised: true, expected: 'missing' },
  { missing: true, reachable: true, synchronised: false, expected: 'missing' },
  { missing: true, reachable: false, synchronised: true, expected: 'missing' },
  { missing: true, reachable: false, synchronised: false, expected: 'missing' },
];

for (const { expected, ...resource } of cases) {
  test(`resourceHealth ${JSON.stringify(resource)} → ${expected}`, () => {
    assert.equal(resourceHealth(resource), expected);
  });
}
