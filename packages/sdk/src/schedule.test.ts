import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nextContactAt, retryDelayMs } from './schedule.ts';
import { emptyState } from './state-store.ts';
import type { LeaseInfo, LicenseStatus } from './status.ts';

const delays: [number, number, number][] = [
  [1, 0.5, 30_000],
  [2, 0.5, 60_000],
  [3, 0.5, 120_000],
  [7, 0.5, 1_920_000],
  [8, 0.5, 3_600_000],
  [50, 0.5, 3_600_000],
  [1, 0, 24_000],
  [1, 1, 36_000],
];
for (const [failures, random, expected] of delays) {
  test(`retryDelayMs after ${failures} failure(s), jitter ${random}: ${expected} ms`, () => assert.equal(retryDelayMs(failures, () => random), expected));
}

const lease = { checkInDueAt: 5_000 } as LeaseInfo;
const licensed: LicenseStatus = { status: 'licensed', usable: true, detail: '', lease };
const offline: LicenseStatus = { status: 'offline', usable: true, detail: '', lease, graceLeftMs: 1, failures: 1 };
const withCredentials = { ...emptyState('p', 0), credentials: { licenseKey: 'k' } };

test('nextContactAt: a licensed app contacts the server when the check-in is due', () => {
  assert.equal(nextContactAt(licensed, withCredentials, 1_000), 5_000);
});

test('nextContactAt: while offline, at the retry time', () => {
  assert.equal(nextContactAt(offline, { ...withCredentials, nextAttemptAt: 9_000 }, 6_000), 9_000);
  assert.equal(nextContactAt(offline, withCredentials, 6_000), 6_000);
});

test('nextContactAt: never without credentials, for air-gapped leases, or for answers only an activation changes', () => {
  assert.equal(nextContactAt(licensed, emptyState('p', 0), 0), null);
  assert.equal(nextContactAt(licensed, { ...withCredentials, airGapped: true }, 0), null);
  assert.equal(nextContactAt({ status: 'reset_elsewhere', usable: false, code: 'ACTIVATION_RELEASED', detail: '', at: 0 }, withCredentials, 0), null);
});
