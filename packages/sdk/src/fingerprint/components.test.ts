import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cleanMac, cleanUuid, cleanValue, hashComponents, joinMacs } from './components.ts';

const values: [string | null, string | null][] = [
  ['  S4EWNX0R123456  ', 'S4EWNX0R123456'],
  ['To Be Filled By O.E.M.', null],
  ['Default string', null],
  ['System Serial Number', null],
  ['None', null],
  ['0', null],
  ['00000000', null],
  ['FFFFFFFF', null],
  ['', null],
  [null, null],
  ['Intel(R)  Core(TM)\ti5', 'Intel(R) Core(TM) i5'],
];
for (const [input, expected] of values) {
  test(`cleanValue(${JSON.stringify(input)}) is ${JSON.stringify(expected)}`, () => assert.equal(cleanValue(input), expected));
}

const uuids: [string, string | null][] = [
  ['4C4C4544-0051-3510-8057-B7C04F4B4E32', '4c4c4544-0051-3510-8057-b7c04f4b4e32'],
  ['00000000-0000-0000-0000-000000000000', null],
  ['FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF', null],
  ['03000200-0400-0500-0006-000700080009', null],
];
for (const [input, expected] of uuids) {
  test(`cleanUuid(${input}) is ${expected}`, () => assert.equal(cleanUuid(input), expected));
}

const macs: [string, string | null, string][] = [
  ['D8-9E-F3-12-AB-CD', 'd8:9e:f3:12:ab:cd', 'Windows form'],
  ['8c:ec:4b:5a:10:2f\n', '8c:ec:4b:5a:10:2f', 'sysfs form'],
  ['00:00:00:00:00:00', null, 'all zeros'],
  ['ff:ff:ff:ff:ff:ff', null, 'broadcast'],
  ['02:42:ac:11:00:02', null, 'locally administered (Docker)'],
  ['36:7d:da:1b:2c:10', null, 'locally administered (randomised Wi-Fi, bridges)'],
  ['01:00:5e:00:00:fb', null, 'multicast'],
  ['not a mac', null, 'garbage'],
];
for (const [input, expected, why] of macs) {
  test(`cleanMac: ${why}`, () => assert.equal(cleanMac(input), expected));
}

test('joinMacs sorts and removes duplicates, so adapter order does not matter', () => {
  assert.equal(joinMacs(['f4:26:79:5e:22:10', null, 'D8:9E:F3:12:AB:CD', 'f4:26:79:5e:22:10']), 'd8:9e:f3:12:ab:cd,f4:26:79:5e:22:10');
  assert.equal(joinMacs([null, '02:00:00:00:00:01']), null);
});

test('hashComponents: HMAC-SHA256 per component, keyed by the product salt and bound to the component name', () => {
  const raw = { machine_id: 'abc', cpu: 'abc' };
  const a = hashComponents(raw, 'salt-a');
  assert.deepEqual(Object.keys(a), ['machine_id', 'cpu']);
  assert.match(a.machine_id, /^[0-9a-f]{64}$/);
  assert.notEqual(a.machine_id, a.cpu, 'the same value in two components hashes differently');
  assert.notEqual(hashComponents(raw, 'salt-b').machine_id, a.machine_id, 'another product cannot match the hash');
  assert.deepEqual(hashComponents(raw, 'salt-a'), a);
  assert.ok(!JSON.stringify(a).includes('abc'), 'no raw value leaves');
});
