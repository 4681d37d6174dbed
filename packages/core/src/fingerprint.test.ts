import { test } from 'node:test';
import assert from 'node:assert/strict';
import { componentCount, matchFingerprint, type FingerprintMatch } from './fingerprint.ts';
import type { Fingerprint } from './types.ts';

const STORED: Fingerprint = { board: 'b1', cpu: 'c1', disk: 'd1', guid: 'g1', mac: 'm1' };

/** The stored fingerprint with some components changed or added, and some left out. */
const presented = (changes: Fingerprint = {}, drop: string[] = []): Fingerprint =>
  Object.fromEntries(Object.entries({ ...STORED, ...changes }).filter(([name]) => !drop.includes(name)));

const cases: { name: string; presented: Fingerprint; tolerance?: number; expected: FingerprintMatch }[] = [
  { name: 'nothing changed', presented: presented(), expected: { same: true, changed: [], added: [] } },
  { name: '1 changed, below tolerance', presented: presented({ disk: 'd2' }), expected: { same: true, changed: ['disk'], added: [] } },
  {
    name: '2 changed, at tolerance',
    presented: presented({ mac: 'm2', disk: 'd2' }),
    expected: { same: true, changed: ['disk', 'mac'], added: [] },
  },
  {
    name: '3 changed, above tolerance, names exactly the three',
    presented: presented({ mac: 'm2', board: 'b2', disk: 'd2' }),
    expected: { same: false, changed: ['board', 'disk', 'mac'], added: [] },
  },
  {
    name: 'a removed component counts as changed',
    presented: presented({}, ['mac']),
    expected: { same: true, changed: ['mac'], added: [] },
  },
  {
    name: '2 changed and 1 removed is above tolerance',
    presented: presented({ cpu: 'c2', disk: 'd2' }, ['guid']),
    expected: { same: false, changed: ['cpu', 'disk', 'guid'], added: [] },
  },
  {
    name: 'an added component does not count',
    presented: presented({ tpm: 't1' }),
    expected: { same: true, changed: [], added: ['tpm'] },
  },
  {
    name: 'added components never tip it over tolerance',
    presented: presented({ cpu: 'c2', mac: 'm2', tpm: 't1', usb: 'u1', os: 'o1' }),
    expected: { same: true, changed: ['cpu', 'mac'], added: ['os', 'tpm', 'usb'] },
  },
  {
    name: 'a component named like an Object property is still added',
    presented: presented({ constructor: 'x1' }),
    expected: { same: true, changed: [], added: ['constructor'] },
  },
  {
    name: 'tolerance 0: any change is another machine',
    presented: presented({ cpu: 'c2' }),
    tolerance: 0,
    expected: { same: false, changed: ['cpu'], added: [] },
  },
];

for (const c of cases) {
  test(`matchFingerprint (5 components, tolerance ${c.tolerance ?? 2}): ${c.name}`, () => {
    assert.deepEqual(matchFingerprint(STORED, c.presented, c.tolerance ?? 2), c.expected);
  });
}

test('matchFingerprint: the documented example', () => {
  assert.deepEqual(matchFingerprint({ board: 'a', disk: 'b', mac: 'c' }, { board: 'a', disk: 'x', mac: 'c' }, 1), {
    same: true,
    changed: ['disk'],
    added: [],
  });
});

test('componentCount counts the components', () => {
  assert.equal(componentCount(STORED), 5);
  assert.equal(componentCount({}), 0);
});
