import { test } from 'node:test';
import assert from 'node:assert/strict';
import { leaseClaims, type LeaseInput } from './lease.ts';
import { DAY } from './time.ts';
import type { License, Policy } from './types.ts';

// A time with a millisecond part, so seconds must be floored, not carried over as milliseconds.
const NOW = Date.UTC(2025, 0, 15, 12, 0, 0, 750);
const NOW_S = Math.floor(NOW / 1000);

type LeasePolicy = LeaseInput['policy'];
const nodeLocked: LeasePolicy = { mode: 'node_locked', leaseSeconds: 14 * 86400, checkInIntervalSeconds: 3 * 86400, heartbeatSeconds: 0, fingerprintTolerance: 2 };
const floating: LeasePolicy = { mode: 'floating', leaseSeconds: 14 * 86400, checkInIntervalSeconds: 3 * 86400, heartbeatSeconds: 600, fingerprintTolerance: 2 };

const input = (policy: LeasePolicy, expiresAt: License['expiresAt'] = null): LeaseInput => ({
  issuer: 'https://licenses.example.test',
  activationId: 'asg_1',
  license: { id: 'lic_1', customerId: 'cus_1', expiresAt },
  productCode: 'desktop',
  featureCode: 'app',
  policy,
  fingerprint: { board: 'b1', disk: 'd1' },
});

const cases: { name: string; policy: LeasePolicy; expiresAt?: number | null; exp: number; chk: number }[] = [
  { name: 'node-locked: lease length and check-in interval', policy: nodeLocked, exp: NOW_S + 14 * 86400, chk: NOW_S + 3 * 86400 },
  {
    name: 'node-locked: a later license expiry does not shorten it',
    policy: nodeLocked,
    expiresAt: NOW + 30 * DAY,
    exp: NOW_S + 14 * 86400,
    chk: NOW_S + 3 * 86400,
  },
  {
    name: 'node-locked: capped by license expiry',
    policy: nodeLocked,
    expiresAt: NOW + 5 * DAY,
    exp: Math.floor((NOW + 5 * DAY) / 1000),
    chk: NOW_S + 3 * 86400,
  },
  {
    name: 'node-locked: check-in never after the lease ends',
    policy: nodeLocked,
    expiresAt: NOW + DAY,
    exp: Math.floor((NOW + DAY) / 1000),
    chk: Math.floor((NOW + DAY) / 1000),
  },
  { name: 'floating: one heartbeat window, check-in a third of it', policy: floating, exp: NOW_S + 600, chk: NOW_S + 200 },
  {
    name: 'floating: capped by license expiry',
    policy: floating,
    expiresAt: NOW + 60_000,
    exp: Math.floor((NOW + 60_000) / 1000),
    chk: Math.floor((NOW + 60_000) / 1000),
  },
  { name: 'floating: check-in at least one second away', policy: { ...floating, heartbeatSeconds: 2 }, exp: NOW_S + 2, chk: NOW_S + 1 },
];

for (const c of cases) {
  test(`leaseClaims ${c.name}`, () => {
    const claims = leaseClaims(input(c.policy, c.expiresAt ?? null), NOW);
    assert.equal(claims.iat, NOW_S);
    assert.equal(claims.exp, c.exp);
    assert.equal(claims.chk, c.chk);
    assert.ok(claims.chk <= claims.exp, 'check-in is due no later than the lease ends');
  });
}

test('leaseClaims carries the identities, mode and fingerprint, times in seconds', () => {
  assert.deepEqual(leaseClaims(input(nodeLocked), NOW), {
    iss: 'https://licenses.example.test',
    sub: 'asg_1',
    lic: 'lic_1',
    cus: 'cus_1',
    prod: 'desktop',
    feat: 'app',
    mode: 'node_locked',
    fp: { board: 'b1', disk: 'd1' },
    tol: 2,
    iat: 1736942400,
    exp: 1736942400 + 14 * 86400,
    chk: 1736942400 + 3 * 86400,
  });
});
