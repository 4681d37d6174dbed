import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Pool, RemovalNeed, Resource } from '../../shared/api/account-types.ts';
import { allocatable, allocateCount, choose, releaseIds, seatTables, startChoice, stillToChoose, warningOf } from './seat-logic.ts';

const feature = (code: string, seatKind: string) => ({ id: code, code, name: { en: code, fr: null }, seatKind });
const row = (id: string, resourceId: string) => ({
  assignmentId: id, licenseId: 'l', feature: 'patient-reminders', assignedAt: '', activation: null, cost: null,
  resource: { id: resourceId, kind: 'schedule', name: resourceId, health: 'ok' as const },
});
const pool = (capacity: number, assigned: number, rows = [] as ReturnType<typeof row>[]): Pool =>
  ({ feature: feature('patient-reminders', 'schedule'), capacity, assigned, unassigned: capacity - assigned, rows });

describe('license management: allocate prompt, warnings, removal choice', () => {
  test('the allocate prompt counts licenses beyond assignments, and only then', () => {
    const table = [
      { capacity: 3, assigned: 2, expected: 1 },
      { capacity: 3, assigned: 3, expected: 0 },
      { capacity: 2, assigned: 0, expected: 2 },
      { capacity: 1, assigned: 2, expected: 0 },
    ];
    for (const { capacity, assigned, expected } of table) assert.equal(allocateCount({ capacity, assigned }), expected, `${capacity}/${assigned}`);
  });

  test('warning colours: red when unreachable or gone, yellow when not synchronised', () => {
    assert.deepEqual((['ok', 'not_synchronised', 'unreachable', 'missing'] as const).map(warningOf), [null, 'yellow', 'red', 'red']);
  });

  test('allocatable resources: the table\'s kind, reported, not already in it, healthiest first', () => {
    const resource = (id: string, kind: string, health: Resource['health'], extra: Partial<Resource> = {}): Resource => ({
      id, kind, externalId: id, name: id, health, reachable: health !== 'unreachable', synchronised: health === 'ok', missing: health === 'missing', lastReportedAt: null, features: [], ...extra,
    });
    const resources = [
      resource('S-yellow', 'schedule', 'not_synchronised'),
      resource('S-in-table', 'schedule', 'ok'),
      resource('S-gone', 'schedule', 'missing'),
      resource('P-1', 'provider', 'ok'),
      resource('S-ok', 'schedule', 'ok'),
      resource('S-red', 'schedule', 'unreachable'),
      resource('S-assigned-elsewhere', 'schedule', 'ok', { features: ['patient-reminders'] }),
    ];
    assert.deepEqual(allocatable(resources, pool(3, 1, [row('a1', 'S-in-table')])).map((r) => r.id), ['S-ok', 'S-yellow', 'S-red']);
  });

  test('activation tables leave computers to their own page, in the order the plans list their features', () => {
    const booking = { ...pool(1, 0), feature: feature('online-booking', 'schedule') };
    const messages = { ...pool(1, 0), feature: feature('patient-messages', 'provider') };
    const pools = [booking, messages, pool(1, 0), { ...pool(2, 1), feature: feature('desktop', 'machine') }];
    assert.deepEqual(seatTables(pools).map((p) => p.feature.code), ['online-booking', 'patient-messages', 'patient-reminders']);
    const plus = {
      code: 'plus', name: { en: 'Plus', fr: null }, priceCents: 7900, currency: 'CAD', period: 'month' as const, upgradesTo: [],
      slots: ['patient-messages', 'patient-reminders', 'online-booking'].map((code) => ({ feature: feature(code, 'schedule'), quantity: 1 })),
    };
    assert.deepEqual(seatTables(pools, [plus]).map((p) => p.feature.code), ['patient-messages', 'patient-reminders', 'online-booking']);
  });

  const need = (code: string, count: number, ids: string[]): RemovalNeed => ({
    feature: feature(code, 'schedule'), count, candidates: ids.map((id) => ({ assignmentId: id, licenseId: 'l', resource: { id, kind: 'schedule', name: id } })),
  });
  const needs = [need('online-booking', 1, ['b1', 'b2']), need('patient-messages', 2, ['m1', 'm2', 'm3'])];

  test('one row to pick behaves as a radio; several as checkboxes up to the count', () => {
    let state = startChoice(needs);
    assert.deepEqual(stillToChoose(state), [{ featureCode: 'online-booking', remaining: 1 }, { featureCode: 'patient-messages', remaining: 2 }]);
    state = choose(state, 'online-booking', 'b1');
    state = choose(state, 'online-booking', 'b2');
    assert.deepEqual(state.chosen['online-booking'], ['b2']);
    state = choose(state, 'patient-messages', 'm1');
    state = choose(state, 'patient-messages', 'm2');
    state = choose(state, 'patient-messages', 'm3');
    assert.deepEqual(state.chosen['patient-messages'], ['m1', 'm2'], 'no more than the count');
    state = choose(state, 'patient-messages', 'm1');
    assert.deepEqual(state.chosen['patient-messages'], ['m2'], 'picking again unpicks');
    assert.deepEqual(stillToChoose(state), [{ featureCode: 'patient-messages', remaining: 1 }]);
    state = choose(state, 'patient-messages', 'm3');
    assert.deepEqual(stillToChoose(state), []);
    assert.deepEqual(releaseIds(state), ['b2', 'm2', 'm3']);
  });

  test('picks outside the candidates are ignored; a row removed from a table is preselected', () => {
    const state = startChoice(needs, ['m3', 'zz']);
    assert.deepEqual(releaseIds(state), ['m3']);
    assert.equal(choose(state, 'online-booking', 'm1'), state);
    assert.equal(choose(state, 'no-such-feature', 'b1'), state);
  });
});
