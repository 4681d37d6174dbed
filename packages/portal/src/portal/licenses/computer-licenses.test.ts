import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { LicenseItem, PortalEvent } from '../../shared/api/account-types.ts';
import { driftHistory, isComputerLicense, refusalsSince, resetHistory } from './computer-licenses.ts';

const budget = (limit: number) => ({ limit, used: 0, remaining: limit, windowDays: 365, nextRefillAt: null });
const license = (over: Partial<LicenseItem>): LicenseItem => ({
  id: 'l1', keyPrefix: 'LH-AAAA', status: 'active', grantsSlots: true, startsAt: '2026-01-01T00:00:00.000Z', expiresAt: null, upgradesTo: [], assignments: [],
  plan: { id: 'p', code: 'desktop-standard', name: { en: 'Desktop', fr: null }, priceCents: 2900, currency: 'CAD', period: 'month' },
  resetBudget: budget(3), ...over,
});
const event = (type: string, subjectId: string, createdAt: string, data: Record<string, unknown>, actor = 'machine'): PortalEvent =>
  ({ id: createdAt, type, subjectId, subjectType: 'assignment', createdAt, data, actor: { type: actor, id: null } });

describe('your licenses: which are computers, and their histories', () => {
  test('a license is a computer license by its seat, its plan, or its reset budget', () => {
    const machineRow = { assignmentId: 'a', licenseId: 'l1', feature: 'desktop', assignedAt: '', resource: { id: 'r', kind: 'machine', name: 'PC', health: 'ok' as const }, activation: null, cost: null };
    const plans = [
      { code: 'desktop-standard', name: { en: '', fr: null }, priceCents: 0, currency: 'CAD', period: 'month' as const, upgradesTo: [], slots: [{ feature: { id: 'f1', code: 'desktop', name: { en: 'Desktop', fr: null }, seatKind: 'machine' }, quantity: 1 }] },
      { code: 'engagement-plus', name: { en: '', fr: null }, priceCents: 0, currency: 'CAD', period: 'month' as const, upgradesTo: [], slots: [{ feature: { id: 'f2', code: 'patient-messages', name: { en: 'Patient Messages', fr: null }, seatKind: 'provider' }, quantity: 1 }] },
    ];
    const engagement = license({ plan: { ...license({}).plan, code: 'engagement-plus' }, resetBudget: budget(0) });
    assert.equal(isComputerLicense(license({ assignments: [machineRow] }), null), true);
    assert.equal(isComputerLicense(license({ resetBudget: budget(0) }), plans), true, 'the plan says machine');
    assert.equal(isComputerLicense(engagement, plans), false);
    assert.equal(isComputerLicense(license({}), null), true, 'unused, resettable, no plan list');
    assert.equal(isComputerLicense(engagement, null), false);
  });

  const events = [
    event('activation.check_in_refused', 'a1', '2026-01-14T10:00:00.000Z', { code: 'FINGERPRINT_MISMATCH', mismatched: ['disk_serial', 'cpu', 'mac'] }),
    event('activation.drifted', 'a1', '2026-01-10T10:00:00.000Z', { changed: ['disk_serial'], added: [] }),
    event('activation.drifted', 'a2', '2026-01-09T10:00:00.000Z', { changed: ['mac'], added: [] }),
    event('activation.reset', 'a0', '2026-01-05T10:00:00.000Z', { licenseId: 'l1', hostName: 'OLD-PC', reason: 'new computer' }, 'portal_user'),
    event('activation.reset', 'a9', '2026-01-04T10:00:00.000Z', { licenseId: 'l2', hostName: 'OTHER', reason: 'x' }),
  ];

  test('drift history names the components that changed, for that computer only', () => {
    assert.deepEqual(driftHistory(events, 'a1'), [{ at: '2026-01-10T10:00:00.000Z', changed: ['disk_serial'], added: [] }]);
  });

  test('refusals count only after the last accepted check-in', () => {
    assert.deepEqual(refusalsSince(events, 'a1', '2026-01-12T00:00:00.000Z').map((r) => r.mismatched), [['disk_serial', 'cpu', 'mac']]);
    assert.deepEqual(refusalsSince(events, 'a1', '2026-01-15T00:00:00.000Z'), []);
  });

  test('reset history of one license', () => {
    assert.deepEqual(resetHistory(events, 'l1'), [{ at: '2026-01-05T10:00:00.000Z', hostName: 'OLD-PC', reason: 'new computer', actorType: 'portal_user' }]);
  });
});
