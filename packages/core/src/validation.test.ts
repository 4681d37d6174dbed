import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ANSWER_CODES } from './codes.ts';
import { DAY } from './time.ts';
import type { Assignment, CustomerStatus, Fingerprint, License, Policy } from './types.ts';
import { checkComponentCount, validateActivation, validateLicense, type ValidationResult } from './validation.ts';

const NOW = Date.UTC(2025, 0, 15, 12);

const policy: Policy = {
  id: 'pol_desktop',
  productId: 'prod_desktop',
  name: 'Desktop',
  mode: 'node_locked',
  checkInIntervalSeconds: 3 * 86400,
  leaseSeconds: 14 * 86400,
  fingerprintTolerance: 2,
  minComponents: 3,
  resetLimit: 3,
  resetWindowSeconds: 365 * 86400,
  heartbeatSeconds: 0,
  termDays: null,
};

const license = (over: Partial<License> = {}): License => ({
  id: 'lic_1',
  customerId: 'cus_1',
  planId: 'plan_desktop',
  status: 'active',
  startsAt: NOW - 30 * DAY,
  expiresAt: NOW + 335 * DAY,
  ...over,
});

type Seat = Pick<Assignment, 'releasedAt' | 'heldUntil'>;
const seat = (over: Partial<Seat> = {}): Seat => ({ releasedAt: null, heldUntil: null, ...over });

const STORED: Fingerprint = { board: 'b1', cpu: 'c1', disk: 'd1', guid: 'g1', mac: 'm1' };
/** The stored fingerprint with some components changed, some added and some left out. */
const presented = (changes: Fingerprint = {}, drop: string[] = []): Fingerprint =>
  Object.fromEntries(Object.entries({ ...STORED, ...changes }).filter(([name]) => !drop.includes(name)));
const MISMATCHED = presented({ board: 'b2', cpu: 'c2', disk: 'd2' });

type Answer = ValidationResult extends infer R ? (R extends unknown ? Omit<R, 'detail'> : never) : never;

interface Case {
  name: string;
  customer?: CustomerStatus;
  license?: Partial<License>;
  seat?: Partial<Seat>;
  /** null: a read that does not identify the machine. */
  presented?: Fingerprint | null;
  expected: Answer;
}

const cases: Case[] = [
  { name: 'same machine', expected: { valid: true, code: 'VALID', drift: null } },
  { name: 'a read without a fingerprint', presented: null, expected: { valid: true, code: 'VALID', drift: null } },
  { name: 'a floating seat still held', seat: { heldUntil: NOW + 1 }, expected: { valid: true, code: 'VALID', drift: null } },
  { name: 'license starting exactly now', license: { startsAt: NOW }, expected: { valid: true, code: 'VALID', drift: null } },
  {
    name: 'drift within tolerance names changed and added components',
    presented: presented({ mac: 'm2', disk: 'd2', tpm: 't1' }),
    expected: { valid: true, code: 'VALID', drift: { changed: ['disk', 'mac'], added: ['tpm'] } },
  },
  { name: 'customer suspended', customer: 'suspended', expected: { valid: false, code: 'CUSTOMER_SUSPENDED' } },
  { name: 'license suspended', license: { status: 'suspended' }, expected: { valid: false, code: 'LICENSE_SUSPENDED' } },
  { name: 'license cancelled', license: { status: 'cancelled' }, expected: { valid: false, code: 'LICENSE_CANCELLED' } },
  { name: 'license expiring exactly now', license: { expiresAt: NOW }, expected: { valid: false, code: 'LICENSE_EXPIRED', expiredAt: NOW } },
  {
    name: 'license not started',
    license: { startsAt: NOW + DAY, expiresAt: NOW + 366 * DAY },
    expected: { valid: false, code: 'LICENSE_NOT_STARTED', startsAt: NOW + DAY },
  },
  { name: 'activation released', seat: { releasedAt: NOW - DAY }, expected: { valid: false, code: 'ACTIVATION_RELEASED', releasedAt: NOW - DAY } },
  { name: 'floating seat lapsed exactly now', seat: { heldUntil: NOW }, expected: { valid: false, code: 'SEAT_LAPSED', lapsedAt: NOW } },
  {
    name: 'fingerprint beyond tolerance',
    presented: MISMATCHED,
    expected: { valid: false, code: 'FINGERPRINT_MISMATCH', mismatched: ['board', 'cpu', 'disk'], tolerance: 2 },
  },
  {
    name: 'too few components',
    presented: presented({}, ['board', 'cpu', 'disk']),
    expected: { valid: false, code: 'TOO_FEW_COMPONENTS', presented: 2, required: 3 },
  },
  // Guard order: the first failing guard answers.
  {
    name: 'order: suspended customer before license status and fingerprint',
    customer: 'suspended',
    license: { status: 'cancelled' },
    presented: MISMATCHED,
    expected: { valid: false, code: 'CUSTOMER_SUSPENDED' },
  },
  {
    name: 'order: suspended license before expiry and release',
    license: { status: 'suspended', expiresAt: NOW - DAY },
    seat: { releasedAt: NOW - DAY },
    expected: { valid: false, code: 'LICENSE_SUSPENDED' },
  },
  {
    name: 'order: expired license before fingerprint',
    license: { expiresAt: NOW - DAY },
    presented: MISMATCHED,
    expected: { valid: false, code: 'LICENSE_EXPIRED', expiredAt: NOW - DAY },
  },
  {
    name: 'order: released before lapsed',
    seat: { releasedAt: NOW - 2 * DAY, heldUntil: NOW - DAY },
    expected: { valid: false, code: 'ACTIVATION_RELEASED', releasedAt: NOW - 2 * DAY },
  },
  {
    name: 'order: lapsed before fingerprint',
    seat: { heldUntil: NOW - DAY },
    presented: MISMATCHED,
    expected: { valid: false, code: 'SEAT_LAPSED', lapsedAt: NOW - DAY },
  },
  {
    name: 'order: too few components before fingerprint',
    presented: { board: 'b2', cpu: 'c2' },
    expected: { valid: false, code: 'TOO_FEW_COMPONENTS', presented: 2, required: 3 },
  },
];

function run(c: Omit<Case, 'name' | 'expected'>): ValidationResult {
  const scope = { customer: { status: c.customer ?? 'active' }, stored: STORED, presented: c.presented === null ? undefined : (c.presented ?? STORED) };
  return validateActivation(license(c.license), policy, seat(c.seat), scope, NOW);
}

for (const c of cases) {
  test(`validateActivation: ${c.name} → ${c.expected.code}`, () => {
    const { detail, ...rest } = run(c);
    assert.deepEqual(rest, c.expected);
    assert.ok(detail.length > 0, 'every answer explains itself');
  });
}

test('validateActivation: a mismatch explains which components changed', () => {
  const result = run({ presented: MISMATCHED });
  assert.match(result.detail, /3 components changed \(board, cpu, disk\)/);
});

test('validateLicense: null while the license grants use, else the first failing guard', () => {
  const table: { customer: CustomerStatus; license: Partial<License>; code: string | null }[] = [
    { customer: 'active', license: {}, code: null },
    { customer: 'active', license: { expiresAt: null }, code: null },
    { customer: 'active', license: { expiresAt: NOW + 1 }, code: null },
    { customer: 'suspended', license: { status: 'suspended' }, code: 'CUSTOMER_SUSPENDED' },
    { customer: 'active', license: { status: 'cancelled', startsAt: NOW + DAY }, code: 'LICENSE_CANCELLED' },
    { customer: 'active', license: { startsAt: NOW + DAY, expiresAt: NOW - DAY }, code: 'LICENSE_NOT_STARTED' },
  ];
  for (const row of table) {
    assert.equal(validateLicense({ status: row.customer }, license(row.license), NOW)?.code ?? null, row.code, JSON.stringify(row));
  }
});

test('checkComponentCount: at the minimum passes, one below answers TOO_FEW_COMPONENTS', () => {
  assert.equal(checkComponentCount({ a: '1', b: '2', c: '3' }, { minComponents: 3 }), null);
  const { detail, ...rest } = checkComponentCount({ a: '1', b: '2' }, { minComponents: 3 }) ?? { detail: '' };
  assert.deepEqual(rest, { valid: false, code: 'TOO_FEW_COMPONENTS', presented: 2, required: 3 });
  assert.match(detail, /reported 2 hardware components; at least 3/);
});

test('every answer code except the service-produced ones is produced by a case', () => {
  const produced = new Set<string>(cases.map((c) => run(c).code));
  const expected = ANSWER_CODES.filter((code) => code !== 'NO_FREE_SEAT' && code !== 'FEATURE_NOT_LICENSED');
  assert.deepEqual([...produced].sort(), [...expected].sort());
});
