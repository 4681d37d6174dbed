import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DAY, MINUTE, type LeaseClaims } from '@leasehold/core';
import { KeyRing } from './lease-verifier.ts';
import { emptyState, type StoredState } from './state-store.ts';
import { evaluateStatus, formatDuration, STATUS_NAMES, type LicenseStatus } from './status.ts';
import { leaseClaimsAt, TestSigner } from './testing/test-signer.ts';

const T = Date.UTC(2026, 0, 15, 12);
const FP = { machine_id: 'm'.repeat(64), board_serial: 'b'.repeat(64), disk_serial: 'd'.repeat(64), cpu: 'c'.repeat(64), mac: 'a'.repeat(64) };
const trusted = new TestSigner();
const stranger = new TestSigner();
const keys = new KeyRing([trusted.jwk]);
const SAID = 'The server\'s own words, which say what to do next.';

const leased = (claims: Partial<LeaseClaims> = {}, state: Partial<StoredState> = {}, signer = trusted): StoredState => ({
  ...emptyState('clinic-desktop', T), lastSeenAt: T, activationId: 'act_1', lease: signer.sign(leaseClaimsAt(T, FP, claims)), ...state,
});

interface Case {
  name: string;
  state: StoredState | null;
  at?: number;
  fingerprint?: Record<string, string> | null;
  expect: Partial<LicenseStatus> & { status: LicenseStatus['status'] } & Record<string, unknown>;
}

// One case per verdict, in the order the guards run.
const cases: Case[] = [
  { name: 'nothing stored', state: null, expect: { status: 'must_activate', reason: 'not_activated', usable: false } },
  { name: 'reset from the portal (server said ACTIVATION_RELEASED)', state: leased({}, { refusal: { code: 'ACTIVATION_RELEASED', detail: SAID, at: T } }), expect: { status: 'reset_elsewhere', code: 'ACTIVATION_RELEASED' } },
  { name: 'server said FINGERPRINT_MISMATCH', state: leased({}, { refusal: { code: 'FINGERPRINT_MISMATCH', detail: SAID, at: T, mismatched: ['cpu', 'mac', 'disk_serial'], tolerance: 2 } }), expect: { status: 'fingerprint_mismatch', changed: ['cpu', 'mac', 'disk_serial'] } },
  { name: 'server said LICENSE_SUSPENDED', state: leased({}, { refusal: { code: 'LICENSE_SUSPENDED', detail: SAID, at: T } }), expect: { status: 'refused', code: 'LICENSE_SUSPENDED' } },
  { name: 'server no longer knows the activation', state: leased({}, { refusal: { code: 'NOT_FOUND', detail: SAID, at: T } }), expect: { status: 'must_activate', reason: 'activation_not_found' } },
  { name: 'floating seat lapsed', state: leased({}, { refusal: { code: 'SEAT_LAPSED', detail: SAID, at: T } }), expect: { status: 'must_activate', reason: 'seat_lapsed', code: 'SEAT_LAPSED' } },
  { name: 'floating seat given back on exit', state: { ...emptyState('clinic-desktop', T), releasedOnExit: true }, expect: { status: 'must_activate', reason: 'released_on_exit' } },
  { name: 'deactivated', state: { ...emptyState('clinic-desktop', T), deactivatedAt: T }, expect: { status: 'must_activate', reason: 'deactivated' } },
  { name: 'clock behind the latest time seen', state: leased({}, { lastSeenAt: T + 2 * DAY }), at: T + DAY, expect: { status: 'clock_rollback', usable: false } },
  { name: 'clock behind the lease\'s issue time', state: leased(), at: T - 10 * MINUTE, expect: { status: 'clock_rollback' } },
  { name: 'clock back within the tolerance', state: leased(), at: T - 4 * MINUTE, expect: { status: 'licensed' } },
  { name: 'signed by an unknown key', state: leased({}, {}, stranger), expect: { status: 'must_activate', reason: 'lease_untrusted' } },
  { name: 'lease for another product', state: leased({ prod: 'other-product' }), expect: { status: 'must_activate', reason: 'lease_invalid' } },
  { name: 'lease of another activation', state: leased({}, { activationId: 'act_2' }), expect: { status: 'must_activate', reason: 'lease_invalid' } },
  { name: 'offline grace over', state: leased(), at: T + 14 * DAY, expect: { status: 'lease_expired', usable: false, expiredAt: T + 14 * DAY } },
  { name: '3 of 5 components changed', state: leased(), fingerprint: { ...FP, cpu: 'x', mac: 'y', disk_serial: 'z' }, expect: { status: 'fingerprint_mismatch', changed: ['cpu', 'disk_serial', 'mac'], tolerance: 2 } },
  { name: 'a component gone counts as changed', state: leased(), fingerprint: { machine_id: FP.machine_id, board_serial: FP.board_serial }, expect: { status: 'fingerprint_mismatch', changed: ['cpu', 'disk_serial', 'mac'] } },
  { name: '2 changed: drift, still usable', state: leased(), fingerprint: { ...FP, cpu: 'x', mac: 'y' }, expect: { status: 'drifted', usable: true, changed: ['cpu', 'mac'], added: [] } },
  { name: 'a new component readable: drift to record', state: leased(), fingerprint: { ...FP, os_install_id: 'o' }, expect: { status: 'drifted', changed: [], added: ['os_install_id'] } },
  { name: 'check-in due', state: leased(), at: T + 3 * DAY, expect: { status: 'check_in_due', usable: true, graceLeftMs: 11 * DAY } },
  { name: 'check-in due and the server unreachable', state: leased({}, { failures: 2, lastError: 'ECONNREFUSED' }), at: T + 5 * DAY, expect: { status: 'offline', usable: true, graceLeftMs: 9 * DAY, failures: 2 } },
  { name: 'air-gapped lease due for renewal', state: leased({}, { airGapped: true }), at: T + 4 * DAY, expect: { status: 'check_in_due' } },
  { name: 'components not computed: not compared', state: leased(), fingerprint: null, expect: { status: 'licensed' } },
  { name: 'fresh lease, same computer', state: leased(), expect: { status: 'licensed', usable: true } },
];

for (const c of cases) {
  test(`evaluateStatus: ${c.name} → ${c.expect.status}`, () => {
    const status = evaluateStatus({ state: c.state, keys, product: 'clinic-desktop', fingerprint: c.fingerprint === undefined ? FP : c.fingerprint, now: c.at ?? T + MINUTE, clockToleranceMs: 5 * MINUTE });
    for (const [key, value] of Object.entries(c.expect)) assert.deepEqual((status as Record<string, unknown>)[key], value, `${key} of ${JSON.stringify(status)}`);
    assert.ok(status.detail.length > 20, 'every verdict says what it means');
  });
}

test('every status is reached by some case', () => {
  assert.deepEqual([...new Set(cases.map((c) => c.expect.status))].sort(), [...STATUS_NAMES].sort());
});

test('a tampered lease is invalid', () => {
  const state = leased();
  const [h, , s] = state.lease!.split('.');
  const forged = Buffer.from(JSON.stringify(leaseClaimsAt(T, FP, { exp: Math.floor(T / 1000) + 999 * 86400 }))).toString('base64url');
  const status = evaluateStatus({ state: { ...state, lease: `${h}.${forged}.${s}` }, keys, product: 'clinic-desktop', fingerprint: FP, now: T, clockToleranceMs: 0 });
  assert.deepEqual([status.status, status.status === 'must_activate' && status.reason], ['must_activate', 'lease_invalid']);
});

test('formatDuration', () => {
  assert.equal(formatDuration(11 * DAY + 3 * 3600_000), '11 days 3 hours');
  assert.equal(formatDuration(DAY), '1 day');
  assert.equal(formatDuration(90 * MINUTE), '1 hour 30 minutes');
  assert.equal(formatDuration(-5), '0 minutes');
});
